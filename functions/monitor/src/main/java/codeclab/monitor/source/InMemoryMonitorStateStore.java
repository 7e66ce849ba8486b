package codeclab.monitor.source;

import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** {@link MonitorStateStore} in a map: tests and one-shot local runs. */
public final class InMemoryMonitorStateStore implements MonitorStateStore {

    private final ConcurrentHashMap<String, MonitorState> states = new ConcurrentHashMap<>();

    @Override
    public Optional<MonitorState> load(String runId) {
        return Optional.ofNullable(states.get(runId));
    }

    @Override
    public void save(MonitorState state) {
        states.compute(state.runId(), (id, old) -> {
            long stored = old == null ? 0 : old.version();
            if (state.version() != stored + 1) {
                throw new ConcurrentUpdateException("monitor state of run " + id + " is at version " + stored
                        + ", cannot save version " + state.version() + ": another monitor run saved first; run again");
            }
            return state;
        });
    }
}
