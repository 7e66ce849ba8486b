package codeclab.planner.evolve;

import codeclab.core.Evaluation;
import codeclab.core.Experiment;
import codeclab.core.ExperimentStatus;
import codeclab.core.OutcomeKind;
import codeclab.planner.Candidate;
import codeclab.planner.Fitness;
import codeclab.planner.InMemoryHistory;
import codeclab.planner.PlanRequest;
import codeclab.planner.Planner;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs a planner for N experiments against an {@link Evaluator} with an in-memory history and returns
 * the best-so-far curve: the benchmark behind "evolution beats best-of-N random sampling". The best is the
 * fittest design so far ({@link Fitness} against the run's measurement of the strongest seed, or x264 before it);
 * the curve gives its score and its fitness.
 */
public final class EvolutionBench {

    /**
     * @param planner      planner id
     * @param bestSoFar    PSNR-Y BD-rate (%, the score) of the fittest design after experiment i+1, or null while nothing was measured
     * @param fitnessSoFar its fitness
     * @param failures     experiments that failed or had no BD-rate
     */
    public record Curve(String planner, List<Double> bestSoFar, List<Double> fitnessSoFar, int failures) {
        public Curve {
            bestSoFar = java.util.Collections.unmodifiableList(new ArrayList<>(bestSoFar));
            fitnessSoFar = java.util.Collections.unmodifiableList(new ArrayList<>(fitnessSoFar));
        }

        /** Best BD-rate after {@code n} experiments, or null. */
        public Double bestAfter(int n) {
            return bestSoFar.get(Math.min(n, bestSoFar.size()) - 1);
        }
    }

    private EvolutionBench() {
    }

    public static Curve run(Planner planner, Evaluator evaluator, int experiments, long seed) {
        return run(planner, evaluator, experiments, seed, null);
    }

    /**
     * @param judge the reference the curve's fittest is chosen by, or null for the run's own ({@link Fitness#against}).
     *              Runs compared side by side need one reference: a run that never measures the strongest seed
     *              (random sampling) would otherwise be judged against x264, on another scale. The planner itself
     *              still selects against its own history.
     */
    public static Curve run(Planner planner, Evaluator evaluator, int experiments, long seed, Fitness judge) {
        InMemoryHistory history = new InMemoryHistory();
        List<Double> best = new ArrayList<>();
        List<Double> fitness = new ArrayList<>();
        List<Evaluation> measured = new ArrayList<>();
        int failures = 0;
        for (int i = 0; i < experiments; i++) {
            String id = String.format("x%05d", i);
            Candidate c = planner.plan(new PlanRequest("bench", seed, i, history));
            if (c.isFailure()) {
                history.add(experiment(id, c, c.outcome(), c.message(), null), null, null);
                failures++;
            } else {
                switch (evaluator.evaluate(c.source())) {
                    case Evaluator.Result.Measured m -> {
                        history.add(experiment(id, c, OutcomeKind.OK, null, m.evaluation()), m.evaluation(), c.source());
                        if (m.evaluation().bdRatePercent() == null) {
                            failures++;
                        } else {
                            measured.add(m.evaluation());
                        }
                    }
                    case Evaluator.Result.Failed f -> {
                        history.add(experiment(id, c, f.kind(), f.message(), null), null, c.source());
                        failures++;
                    }
                }
            }
            // the run's own reference moves once the strongest seed is measured, so the fittest is chosen again each time
            Fitness against = judge != null ? judge : Fitness.against(history);
            Evaluation fittest = null;
            Double fittestFitness = null;
            for (Evaluation e : measured) {
                Double f = against.of(e);
                if (f != null && (fittestFitness == null || f < fittestFitness)) {
                    fittest = e;
                    fittestFitness = f;
                }
            }
            best.add(fittest == null ? null : fittest.bdRatePercent());
            fitness.add(fittestFitness);
        }
        return new Curve(planner.id(), best, fitness, failures);
    }

    private static Experiment experiment(String id, Candidate c, OutcomeKind outcome, String message, Evaluation e) {
        return new Experiment("bench", id, ExperimentStatus.finalFor(outcome), outcome, message, c.planner(), c.parentId(),
                c.hypothesis(), null, null, Instant.EPOCH, Instant.EPOCH, e == null ? null : e.bdRatePercent(),
                e == null ? null : e.bitrateAtTargetKbps(), e == null ? null : e.baselineBitrateAtTargetKbps(), c.cost().usd());
    }
}
