package codeclab.planner;

/**
 * Proposes the next experiment of a run.
 *
 * <p>Contract: {@link #plan} never throws for expected trouble (bad model answer, unreachable endpoint,
 * budget spent); it returns a failed {@link Candidate} whose outcome and one-line message say what went
 * wrong. Given the same request (seed, slot, history) a planner makes the same decisions, except where
 * an external model answers differently.
 */
public interface Planner {

    /** Name and version, recorded on every experiment (e.g. {@code "evolutionary/1"}). */
    String id();

    /** Plans one candidate from the run's history. */
    Candidate plan(PlanRequest request);
}
