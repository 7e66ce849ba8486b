package codeclab.core;

/**
 * The class of an experiment's outcome. OK is the only success; every other kind carries a message
 * that a planner can act on. The sandbox kinds come first, then the kinds only the loop produces.
 */
public enum OutcomeKind {
    /** Compiled, verified, ran and was measured. */
    OK,
    /** The source did not compile. */
    COMPILE_ERROR,
    /** The bytecode references something outside the sandbox allowlist. */
    FORBIDDEN_API,
    /** A wall-clock limit was hit and the child process was killed. */
    TIMEOUT,
    /** The child process ran out of its heap. */
    OUT_OF_MEMORY,
    /** The candidate threw, or the child process died. */
    CRASH,
    /** The decoder returned the wrong number or size of frames, or the stream broke the contract. */
    BAD_OUTPUT,
    /** The planner's answer held no usable codec (LLM planner: no code block, refusal, truncated...). */
    INVALID_RESPONSE,
    /** The planner could not be reached or ran out of budget. */
    PLANNER_ERROR,
    /** codec-lab itself failed (bad event, missing object, store error); the message says what to fix. */
    INTERNAL_ERROR,
    /**
     * The local run was stopped at once (a second Ctrl-C or SIGTERM) before this experiment was recorded: it says
     * nothing about the codec.
     */
    INTERRUPTED;

    /** True for outcomes produced while validating (compile, verify, smoke run). */
    public boolean isValidationFailure() {
        return this == COMPILE_ERROR || this == FORBIDDEN_API;
    }
}
