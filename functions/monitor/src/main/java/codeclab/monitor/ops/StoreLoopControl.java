package codeclab.monitor.ops;

import codeclab.monitor.LoopControl;
import codeclab.store.ExperimentStore;

import java.util.Objects;

/**
 * {@link LoopControl} of one run: the run item's {@code paused} flag (which the runner checks before each
 * generation) and the generation schedule. Pause sets the flag first, then disables the schedule, so a failure of
 * the second step still leaves the loop paused; resume enables the schedule after clearing the flag.
 */
public final class StoreLoopControl implements LoopControl {

    private static final System.Logger LOG = System.getLogger(StoreLoopControl.class.getName());

    private final ExperimentStore store;
    private final String runId;
    private final ScheduleControl schedule;

    public StoreLoopControl(ExperimentStore store, String runId, ScheduleControl schedule) {
        this.store = Objects.requireNonNull(store, "store");
        this.runId = Objects.requireNonNull(runId, "runId");
        this.schedule = schedule == null ? ScheduleControl.NONE : schedule;
    }

    @Override
    public void pause(String reason) {
        store.setPaused(runId, true);
        schedule.disable();
        LOG.log(System.Logger.Level.INFO, "paused run {0} ({1} disabled): {2}", runId, schedule, reason);
    }

    @Override
    public void resume() {
        store.setPaused(runId, false);
        schedule.enable();
        LOG.log(System.Logger.Level.INFO, "resumed run {0} ({1} enabled)", runId, schedule);
    }

    @Override
    public boolean paused() {
        return store.getRun(runId).paused();
    }
}
