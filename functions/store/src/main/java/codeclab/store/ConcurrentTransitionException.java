package codeclab.store;

import codeclab.core.ExperimentStatus;

/**
 * A conditional write lost: the experiment was not in the status the caller expected (another execution moved it,
 * or it is already final). The store never overwrites in that case; the caller re-reads and decides.
 */
public final class ConcurrentTransitionException extends RuntimeException {

    private final ExperimentStatus actual;

    public ConcurrentTransitionException(String runId, String experimentId, String expected, ExperimentStatus actual) {
        super("Experiment " + runId + "/" + experimentId + " was expected " + expected + " but is " + actual
                + "; another execution changed it first, nothing was written");
        this.actual = actual;
    }

    /** The status found in the store. */
    public ExperimentStatus actual() {
        return actual;
    }
}
