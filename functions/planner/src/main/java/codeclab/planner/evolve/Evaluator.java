package codeclab.planner.evolve;

import codeclab.core.Evaluation;
import codeclab.core.OutcomeKind;

/**
 * Measures one candidate source: compile, verify, run and measure (the real harness in the loop and in
 * the lead's benchmark; a small in-process evaluator in this module's tests).
 */
@FunctionalInterface
public interface Evaluator {

    Result evaluate(String source);

    /** A measurement or a failure. */
    sealed interface Result {
        record Measured(Evaluation evaluation) implements Result {
        }

        record Failed(OutcomeKind kind, String message) implements Result {
        }
    }
}
