package codeclab.planner.evolve;

import codeclab.codec.seeds.ReferenceCodecs;
import codeclab.core.OutcomeKind;
import codeclab.planner.Candidate;
import codeclab.planner.Fixtures;
import codeclab.planner.InMemoryHistory;
import codeclab.planner.PlanRequest;
import org.junit.jupiter.api.Test;


import static org.assertj.core.api.Assertions.assertThat;

class EvolutionaryPlannerTest {

    final EvolutionaryPlanner planner = new EvolutionaryPlanner();

    @Test
    void startsWithTheSeedDesignsBestFirst() {
        InMemoryHistory h = new InMemoryHistory();
        Candidate first = planner.plan(new PlanRequest("r", 1, 0, h));
        assertThat(first.source()).isEqualTo(ReferenceCodecs.asCandidate("HybridCodec"));
        h.add(Fixtures.completed("a", null, "seed", 0.0, 100, 0), Fixtures.evaluation(0.0, 100, 30, 35, 40), first.source());
        Candidate second = planner.plan(new PlanRequest("r", 1, 1, h));
        assertThat(DesignTemplate.designOf(second.source())).contains(Design.interSeed());
        h.add(Fixtures.completed("b", null, "seed", 10.0, 100, 0), Fixtures.evaluation(10.0, 100, 30, 35, 40), second.source());
        Candidate third = planner.plan(new PlanRequest("r", 1, 2, h));
        assertThat(DesignTemplate.designOf(third.source())).contains(Design.intraSeed());
        assertThat(third.parentId()).isNull();
        assertThat(third.cost().usd()).isZero();
        h.add(Fixtures.completed("c", null, "seed", 90.0, 100, 0), Fixtures.evaluation(90.0, 100, 30, 35, 40), third.source());
        Candidate fourth = planner.plan(new PlanRequest("r", 1, 3, h));
        assertThat(DesignTemplate.designOf(fourth.source())).isPresent().get().isNotIn(Design.seeds());
    }

    @Test
    void parallelSlotsOfOneGenerationDoNotProposeTheSameSeed() {
        InMemoryHistory empty = new InMemoryHistory();
        for (int slot = 0; slot < 3; slot++) {
            Candidate c = planner.plan(new PlanRequest("r", 1, slot, empty));
            assertThat(DesignTemplate.designOf(c.source())).contains(Design.seeds().get(slot));
        }
    }

    @Test
    void theSecondGenerationsParallelSlotsDoNotBothProposeTheLastSeed() {
        InMemoryHistory h = new InMemoryHistory();
        h.add(Fixtures.completed("a", null, "seed", -8.0, 100, 0), Fixtures.evaluation(-8.0, 100, 30, 35, 40),
                DesignTemplate.render(Design.seeds().get(0)));
        h.add(Fixtures.completed("b", null, "seed", 20.0, 100, 0), Fixtures.evaluation(20.0, 100, 30, 35, 40),
                DesignTemplate.render(Design.seeds().get(1)));
        Candidate slot2 = planner.plan(new PlanRequest("r", 1, 2, h));
        Candidate slot3 = planner.plan(new PlanRequest("r", 1, 3, h)); // planned beside slot 2: same history
        assertThat(DesignTemplate.designOf(slot2.source())).contains(Design.seeds().get(2));
        assertThat(slot3.source()).isNotEqualTo(slot2.source());
        assertThat(DesignTemplate.designOf(slot3.source())).isPresent().get().isNotIn(Design.seeds());
    }

    @Test
    void failedProgramsAreNeverParentsAndTheSameSeedGivesTheSameCandidate() {
        InMemoryHistory h = new InMemoryHistory();
        Design good = Design.hybridSeed().with(Design.Gene.RD_LAMBDA, 0.2);
        Design failedBetter = Design.hybridSeed().with(Design.Gene.SEARCH_RANGE, 30);
        h.add(Fixtures.completed("s1", null, "seed", 0, 100, 0), Fixtures.evaluation(0, 100, 30, 35), DesignTemplate.render(Design.intraSeed()));
        h.add(Fixtures.completed("s2", null, "seed", -5, 90, 0), Fixtures.evaluation(-5, 90, 30, 35), DesignTemplate.render(Design.interSeed()));
        h.add(Fixtures.completed("s3", null, "seed", -8, 90, 0), Fixtures.evaluation(-8, 90, 30, 35), DesignTemplate.render(Design.hybridSeed()));
        h.add(Fixtures.completed("g", "s2", "good", -20, 80, 0), Fixtures.evaluation(-20, 80, 30, 35), DesignTemplate.render(good));
        h.add(Fixtures.failed("f", OutcomeKind.TIMEOUT, "killed after 60 s", "x"), null, DesignTemplate.render(failedBetter));
        int structural = 0;
        for (int slot = 0; slot < 40; slot++) {
            Candidate c = planner.plan(new PlanRequest("r", 9, slot, h));
            assertThat(c.parentId()).isNotEqualTo("f");
            if (c.parentId() == null) {
                assertThat(c.decisions()).anyMatch(d -> d.startsWith("immigrant"));
            }
            assertThat(c.decisions()).isNotEmpty();
            Design d = DesignTemplate.designOf(c.source()).orElseThrow();
            assertThat(d).isNotIn(Design.seeds()).isNotEqualTo(good).isNotEqualTo(failedBetter);
            for (Design.Gene g : Design.Gene.values()) {
                if (g.structural() && d.getInt(g) != good.getInt(g)) {
                    structural++;
                    break;
                }
            }
            Candidate again = planner.plan(new PlanRequest("r", 9, slot, h));
            assertThat(again.source()).isEqualTo(c.source());
            assertThat(again.decisions()).isEqualTo(c.decisions());
        }
        assertThat(structural).as("candidates that change a stage's tool, not only constants").isGreaterThan(5);
    }

    @Test
    void mutationSwapsToolsAndTunesParametersAndCrossoverMovesWholeStages() {
        java.util.Random r = new java.util.Random(5);
        int tools = 0;
        int params = 0;
        for (int i = 0; i < 200; i++) {
            java.util.List<String> changed = new java.util.ArrayList<>();
            Design m = DesignOperators.mutate(Design.hybridSeed(), r, changed);
            assertThat(m).isNotEqualTo(Design.hybridSeed());
            for (Design.Gene g : Design.Gene.values()) {
                if (m.get(g) != Design.hybridSeed().get(g)) {
                    if (g.structural()) {
                        tools++;
                    } else {
                        params++;
                    }
                }
            }
            Design x = DesignOperators.crossover(Design.hybridSeed(), Design.intraSeed(), r);
            for (Design.Stage s : Design.Stage.values()) {
                long fromA = java.util.Arrays.stream(Design.Gene.values()).filter(g -> g.stage == s)
                        .filter(g -> x.get(g) == Design.hybridSeed().get(g)).count();
                long fromB = java.util.Arrays.stream(Design.Gene.values()).filter(g -> g.stage == s)
                        .filter(g -> x.get(g) == Design.intraSeed().get(g)).count();
                long size = java.util.Arrays.stream(Design.Gene.values()).filter(g -> g.stage == s).count();
                assertThat(fromA == size || fromB == size).as("stage %s comes whole from one parent", s).isTrue();
            }
        }
        assertThat(tools).isGreaterThan(40);
        assertThat(params).isGreaterThan(80);
    }

    @Test
    void aShortRunStartsAtItsBestSeedAndNeverLosesIt() {
        CompilingEvaluator ev = new CompilingEvaluator(64, 48, 4);
        int budget = 6;
        EvolutionBench.Curve evo = EvolutionBench.run(new EvolutionaryPlanner(), ev, budget, 11);
        Double bestSeed = null;
        for (Design seed : Design.seeds()) {
            Double bd = ((Evaluator.Result.Measured) ev.evaluate(DesignTemplate.render(seed))).evaluation().bdRatePercent();
            bestSeed = bestSeed == null || bd < bestSeed ? bd : bestSeed;
        }
        assertThat(evo.bestAfter(3)).as("the first three experiments are the seeds").isEqualTo(bestSeed);
        assertThat(evo.bestAfter(budget)).isLessThanOrEqualTo(bestSeed);
        assertThat(evo.failures()).isZero();
    }
}
