package codeclab.monitor.store;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * How far {@link StoreMonitorSource} has read a run in experiment-id (creation) order, kept with the monitor state.
 * The store can list "experiments created after id X" but not "finished after T", so the position is:
 *
 * @param watermark every experiment with an id at or below it has been looked at (null: none yet)
 * @param pending   ids at or below the watermark that were not final when looked at: re-read one by one until final
 * @param seen      final ids above the watermark already handed to the monitor (they were too young to move the
 *                  watermark past them, see {@link StoreMonitorSource})
 */
public record ScanPosition(String watermark, Set<String> pending, Set<String> seen) {

    public static final ScanPosition START = new ScanPosition(null, Set.of(), Set.of());

    public ScanPosition {
        pending = Set.copyOf(new TreeSet<>(pending));
        seen = Set.copyOf(new TreeSet<>(seen));
    }

    /** Sorted, for stable JSON. */
    public List<String> pendingSorted() {
        return new TreeSet<>(pending).stream().toList();
    }
}
