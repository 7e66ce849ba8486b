package codeclab.monitor;

/** The plan's intervention verdicts. Which one a run gets is decided by the first rule of {@code Rules.table} that fires. */
public enum Verdict {
    /** Archive the run and start a fresh one: the search is stuck and a fresh start from the seeds can help. */
    PURGE_AND_RESTART,
    /** A systemic bug or a prompt problem: an operator (or the planner, with hints) must fix something. */
    FIX_CODE,
    /** Results vary and the best improves on the run's own start. */
    LET_IT_RUN,
    /** Not enough evidence yet to intervene or to call it healthy. */
    TOO_EARLY
}
