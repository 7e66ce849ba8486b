package codeclab.monitor.source;

import java.util.Optional;

/**
 * Persists the monitor's {@link MonitorState} between runs (on AWS: one DynamoDB item per run, the state as JSON;
 * locally: the embedded store). Saves are conditional on the version so two overlapping monitor runs cannot
 * both fold the same experiments in.
 */
public interface MonitorStateStore {

    Optional<MonitorState> load(String runId);

    /**
     * Stores {@code state} if the stored version is {@code state.version() - 1} (or nothing is stored and
     * {@code state.version()} is 1).
     *
     * @throws ConcurrentUpdateException when another monitor run saved in between
     */
    void save(MonitorState state);

    /** Another monitor run saved the state first; rerun the monitor. */
    final class ConcurrentUpdateException extends RuntimeException {
        public ConcurrentUpdateException(String message) {
            super(message);
        }
    }
}
