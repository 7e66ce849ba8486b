package codeclab.core;

/**
 * Where an experiment is in the loop. Transitions go forward only:
 * PLANNED &rarr; VALIDATED &rarr; EXECUTED &rarr; COMPLETED, and any non-final status &rarr; INVALID, FAILED or TIMED_OUT.
 */
public enum ExperimentStatus {
    PLANNED, VALIDATED, EXECUTED,
    /** Measured; metrics present. */
    COMPLETED,
    /** Rejected before it was measured: compile error, forbidden API, literal data over the limit, no compression, bad planner answer, duplicate. */
    INVALID,
    /** Ran and failed: crash, out of memory, bad output, internal error. */
    FAILED,
    /** Hit a limit, stuck in a non-final status past its deadline, or interrupted before it was recorded. */
    TIMED_OUT;

    public boolean isFinal() {
        return this == COMPLETED || this == INVALID || this == FAILED || this == TIMED_OUT;
    }

    /** The final status an outcome leads to. */
    public static ExperimentStatus finalFor(OutcomeKind outcome) {
        return switch (outcome) {
            case OK -> COMPLETED;
            case COMPILE_ERROR, FORBIDDEN_API, INVALID_RESPONSE, LITERAL_DATA_LIMIT, NO_COMPRESSION, DUPLICATE -> INVALID;
            case TIMEOUT, INTERRUPTED -> TIMED_OUT;
            case OUT_OF_MEMORY, CRASH, BAD_OUTPUT, PLANNER_ERROR, INTERNAL_ERROR -> FAILED;
        };
    }
}
