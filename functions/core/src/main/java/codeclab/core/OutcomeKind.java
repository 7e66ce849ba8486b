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
    /** The codec carries more literal data (constants in its class files) than the limit: content rode in the code. */
    LITERAL_DATA_LIMIT,
    /** The smoke run showed a codec that does not compress: an empty stream, raw-sized streams, or a decoder that ignores its stream. */
    NO_COMPRESSION,
    /**
     * The source is the same codec (equal normalised-source fingerprint) as an earlier experiment of the run: not
     * evaluated again; the message names the original.
     */
    DUPLICATE,
    /**
     * The local run was stopped at once (a second Ctrl-C or SIGTERM) before this experiment was recorded: it says
     * nothing about the codec.
     */
    INTERRUPTED;

    /** True for outcomes produced while validating before anything runs (compile, verify, size). */
    public boolean isValidationFailure() {
        return this == COMPILE_ERROR || this == FORBIDDEN_API || this == LITERAL_DATA_LIMIT;
    }
}
