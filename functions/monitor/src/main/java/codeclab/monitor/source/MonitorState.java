package codeclab.monitor.source;

import codeclab.monitor.alert.AlertMemory;
import codeclab.monitor.analysis.RunSummary;

import java.time.Instant;
import java.util.Objects;

/**
 * What the monitor keeps between its hourly runs for one run: where it stopped reading, its compact summary of
 * everything read so far, and what it last alerted about.
 *
 * @param runId     the run
 * @param version   optimistic-locking version: {@link MonitorStateStore#save} fails unless it matches the stored one
 * @param cursor    the last finished experiment folded into {@code summary}
 * @param summary   the incremental summary
 * @param alerts    the last verdict, severity and alert times
 * @param lastRunAt when the monitor last ran for this run, or null
 */
public record MonitorState(String runId, long version, Cursor cursor, RunSummary summary, AlertMemory alerts,
                           Instant lastRunAt) {

    public MonitorState {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(cursor, "cursor");
        Objects.requireNonNull(summary, "summary");
        Objects.requireNonNull(alerts, "alerts");
    }

    public static MonitorState initial(String runId, Instant startedAt) {
        return new MonitorState(runId, 0, Cursor.START, RunSummary.empty(startedAt), AlertMemory.NONE, null);
    }
}
