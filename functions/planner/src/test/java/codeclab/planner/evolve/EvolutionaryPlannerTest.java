package codeclab.planner.evolve;

import codeclab.core.OutcomeKind;
import codeclab.planner.Candidate;
import codeclab.planner.Fixtures;
import codeclab.planner.InMemoryHistory;
import codeclab.planner.PlanRequest;
import org.junit.jupiter.api.Test;

import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

class EvolutionaryPlannerTest {

    final EvolutionaryPlanner planner = new EvolutionaryPlanner();

    @Test
    void startsWithTheSeedDesigns() {
        InMemoryHistory h = new InMemoryHistory();
        Candidate first = planner.plan(new PlanRequest("r", 1, 0, h));
        assertThat(CodecTemplate.genomeOf(first.source())).contains(Genome.intraSeed());
        h.add(Fixtures.completed("a", null, "seed", 0.0, 100, 0), Fixtures.evaluation(0.0, 100, 30, 35, 40), first.source());
        Candidate second = planner.plan(new PlanRequest("r", 1, 1, h));
        assertThat(CodecTemplate.genomeOf(second.source())).contains(Genome.interSeed());
        assertThat(second.parentId()).isNull();
        assertThat(second.cost().usd()).isZero();
    }

    @Test
    void parallelSlotsOfOneGenerationDoNotProposeTheSameSeed() {
        InMemoryHistory empty = new InMemoryHistory();
        Candidate slot0 = planner.plan(new PlanRequest("r", 1, 0, empty));
        Candidate slot1 = planner.plan(new PlanRequest("r", 1, 1, empty));
        assertThat(CodecTemplate.genomeOf(slot0.source())).contains(Genome.intraSeed());
        assertThat(CodecTemplate.genomeOf(slot1.source())).contains(Genome.interSeed());
    }

    @Test
    void failedProgramsAreNeverParentsAndTheSameSeedGivesTheSameCandidate() {
        InMemoryHistory h = new InMemoryHistory();
        Genome good = new Genome(8, 6, 0.5, 0.4, 1.5, 1, true, 16, 4, 20, 1.2, 1, Genome.Entropy.ARITH_SHARED);
        Genome failedBetter = new Genome(16, 6, 0.5, 0.4, 1.5, 1, true, 16, 4, 20, 1.2, 1, Genome.Entropy.ARITH_SHARED);
        h.add(Fixtures.completed("s1", null, "seed", 0, 100, 0), Fixtures.evaluation(0, 100, 30, 35), CodecTemplate.render(Genome.intraSeed()));
        h.add(Fixtures.completed("s2", null, "seed", -5, 90, 0), Fixtures.evaluation(-5, 90, 30, 35), CodecTemplate.render(Genome.interSeed()));
        h.add(Fixtures.completed("g", "s2", "good", -20, 80, 0), Fixtures.evaluation(-20, 80, 30, 35), CodecTemplate.render(good));
        h.add(Fixtures.failed("f", OutcomeKind.TIMEOUT, "killed after 60 s", "x"), null, CodecTemplate.render(failedBetter));
        for (int slot = 0; slot < 40; slot++) {
            Candidate c = planner.plan(new PlanRequest("r", 9, slot, h));
            assertThat(c.parentId()).isNotEqualTo("f");
            if (c.parentId() == null) {
                assertThat(c.decisions()).anyMatch(d -> d.startsWith("random immigrant"));
            }
            assertThat(c.decisions()).isNotEmpty();
            assertThat(CodecTemplate.genomeOf(c.source())).isPresent();
            Candidate again = planner.plan(new PlanRequest("r", 9, slot, h));
            assertThat(again.source()).isEqualTo(c.source());
            assertThat(again.decisions()).isEqualTo(c.decisions());
        }
    }

    @Test
    void evolutionBeatsBestOfNRandomSamplingOnTheSameBudget() {
        CompilingEvaluator ev = new CompilingEvaluator(64, 48, 4);
        int budget = 20;
        double evoSum = 0;
        double rndSum = 0;
        StringBuilder report = new StringBuilder();
        for (long seed : new long[]{11, 12}) {
            EvolutionBench.Curve evo = EvolutionBench.run(new EvolutionaryPlanner(), ev, budget, seed);
            EvolutionBench.Curve rnd = EvolutionBench.run(new RandomSamplingPlanner(), ev, budget, seed);
            report.append(String.format(Locale.ROOT, "seed %d: evolution best@5 %.2f best@%d %.2f (fail %d) | random best@%d %.2f (fail %d)%n",
                    seed, evo.bestAfter(5), budget, evo.bestAfter(budget), evo.failures(), budget, rnd.bestAfter(budget), rnd.failures()));
            assertThat(evo.bestAfter(budget)).isLessThan(evo.bestAfter(3));
            evoSum += evo.bestAfter(budget);
            rndSum += rnd.bestAfter(budget) == null ? 0 : rnd.bestAfter(budget);
        }
        System.out.print(report);
        assertThat(evoSum).as(report.toString()).isLessThan(rndSum);
    }
}
