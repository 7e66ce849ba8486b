package codeclab.monitor.store;

import codeclab.monitor.source.MonitorState;
import codeclab.monitor.source.MonitorStateStore;
import codeclab.store.ExperimentStore;
import codeclab.store.NotFoundException;
import codeclab.store.RunSummary;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@link MonitorStateStore} on the run item ({@code monitorState} JSON + {@code monitorVersion}, see
 * docs/DATA-MODEL.md). Saves are conditional on the version ({@link ExperimentStore#saveMonitorState(String, String,
 * long, long)}). The {@link ScanPosition} of the paired {@link StoreMonitorSource} is saved in the same write, so the
 * read position and the summary it produced can never disagree: a rejected save leaves both unchanged.
 * One instance per monitor process is fine (warm Lambdas reuse it); it is thread-safe per run.
 */
public final class StoreMonitorStateStore implements MonitorStateStore {

    private final ExperimentStore store;
    private final boolean readOnly;
    private final Map<String, ScanPosition> loaded = new ConcurrentHashMap<>();
    private final Map<String, ScanPosition> staged = new ConcurrentHashMap<>();
    private final Map<String, Long> loads = new ConcurrentHashMap<>();

    public StoreMonitorStateStore(ExperimentStore store) {
        this(store, false);
    }

    private StoreMonitorStateStore(ExperimentStore store, boolean readOnly) {
        this.store = Objects.requireNonNull(store, "store");
        this.readOnly = readOnly;
    }

    /**
     * Loads like the real one but never writes: {@link #save} keeps the state in this instance only. For a look at
     * a run (site generation, {@code codec-lab report}) that must not move the hourly monitor's position.
     */
    public static StoreMonitorStateStore readOnly(ExperimentStore store) {
        return new StoreMonitorStateStore(store, true);
    }

    @Override
    public Optional<MonitorState> load(String runId) {
        staged.remove(runId);
        loads.merge(runId, 1L, Long::sum);
        RunSummary run;
        try {
            run = store.getRun(runId);
        } catch (NotFoundException e) {
            loaded.put(runId, ScanPosition.START);
            return Optional.empty();
        }
        if (run.monitorState() == null) {
            loaded.put(runId, ScanPosition.START);
            return Optional.empty();
        }
        MonitorStateJson.Stored s = MonitorStateJson.read(runId, run.monitorState());
        loaded.put(runId, s.scan());
        return Optional.of(s.state());
    }

    @Override
    public void save(MonitorState state) {
        String runId = state.runId();
        ScanPosition scan = staged.getOrDefault(runId, loaded.getOrDefault(runId, ScanPosition.START));
        if (!readOnly && !store.saveMonitorState(runId, MonitorStateJson.write(state, scan), state.version() - 1, state.version())) {
            throw new ConcurrentUpdateException("monitor state of run " + runId + " moved past version "
                    + (state.version() - 1) + ": another monitor run saved first; run the monitor again");
        }
        loaded.put(runId, scan);
        staged.remove(runId);
    }

    /** The read position as last loaded or saved (loading it when unknown). */
    ScanPosition position(String runId) {
        ScanPosition p = loaded.get(runId);
        if (p == null) {
            load(runId);
            p = loaded.getOrDefault(runId, ScanPosition.START);
        }
        return p;
    }

    /** How many times the run's state was loaded: a new load starts a new monitor run. */
    long loads(String runId) {
        return loads.getOrDefault(runId, 0L);
    }

    /** The position to save with the next {@link #save} of this run. */
    void stage(String runId, ScanPosition next) {
        staged.put(runId, next);
    }
}
