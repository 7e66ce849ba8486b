package codeclab.monitor;

/** The plan's intervention rules, in precedence order (the first that fires wins). */
public enum Verdict {
    /** Archive the run and start a fresh one: the loop is not doing research. */
    PURGE_AND_RESTART,
    /** A systemic bug or a prompt problem: an operator (or the planner, with hints) must fix something. */
    FIX_CODE,
    /** Bitrates vary, some beat the baseline, the trend improves. */
    LET_IT_RUN,
    /** Not enough evidence yet to intervene or to call it healthy. */
    TOO_EARLY
}
