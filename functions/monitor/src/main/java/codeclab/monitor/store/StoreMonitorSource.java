package codeclab.monitor.store;

import codeclab.core.Experiment;
import codeclab.core.ExperimentStatus;
import codeclab.monitor.source.Cursor;
import codeclab.monitor.source.MonitorSource;
import codeclab.monitor.source.RunAggregates;
import codeclab.store.ExperimentIds;
import codeclab.store.ExperimentStore;
import codeclab.store.NotFoundException;
import codeclab.store.RunSummary;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@link MonitorSource} over the {@link ExperimentStore}, incremental and Query-only. The store orders experiments
 * by id (= creation time), not by finish time, so instead of a (finishedAt, id) index this source keeps a
 * {@link ScanPosition} with the monitor state (saved atomically by the paired {@link StoreMonitorStateStore}). One
 * monitor run reads:
 * <ol>
 *   <li>the experiments created after the watermark ({@link ExperimentStore#since}, a key-range Query);</li>
 *   <li>each id that was still in flight at the watermark (GetItem; bounded by the loop's concurrency, and the
 *       timeout sweep makes stuck ones final);</li>
 * </ol>
 * and hands the monitor those that became final and were not handed before, sorted by (finishedAt, id). The
 * watermark only moves past ids older than {@code settle} (default 5 min), because a parallel worker may write an
 * experiment a little after a younger id is visible; final experiments above the watermark are remembered in
 * {@code seen} so they are handed over once. Cost per run: O(new + in flight + last {@code settle} minutes).
 *
 * <p>Within one monitor run the new experiments are computed once (on the first page) and paged from memory; the
 * {@link Cursor} only positions within that batch. {@link RunAggregates} come from the run item's counters.
 */
public final class StoreMonitorSource implements MonitorSource {

    /** How long after its creation an id is assumed visible to Queries (clock skew and put latency of workers). */
    public static final Duration DEFAULT_SETTLE = Duration.ofMinutes(5);

    private static final Comparator<Experiment> CURSOR_ORDER = Comparator
            .comparing((Experiment e) -> e.finishedAt() == null ? Instant.EPOCH : e.finishedAt())
            .thenComparing(Experiment::experimentId);

    private final ExperimentStore store;
    private final StoreMonitorStateStore states;
    private final Clock clock;
    private final Duration settle;
    private final Map<String, List<Experiment>> batches = new ConcurrentHashMap<>();
    private final Map<String, Long> batchLoad = new ConcurrentHashMap<>();

    public StoreMonitorSource(ExperimentStore store, StoreMonitorStateStore states, Clock clock, Duration settle) {
        this.store = Objects.requireNonNull(store, "store");
        this.states = Objects.requireNonNull(states, "states");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.settle = Objects.requireNonNull(settle, "settle");
    }

    public StoreMonitorSource(ExperimentStore store, StoreMonitorStateStore states) {
        this(store, states, Clock.systemUTC(), DEFAULT_SETTLE);
    }

    @Override
    public Optional<RunAggregates> aggregates(String runId) {
        RunSummary run;
        try {
            run = store.getRun(runId);
        } catch (NotFoundException e) {
            return Optional.empty();
        }
        Map<ExperimentStatus, Long> byStatus = new EnumMap<>(ExperimentStatus.class);
        byStatus.putAll(run.byStatus());
        for (Experiment e : inFlight(runId)) {
            byStatus.merge(e.status(), 1L, Long::sum);
        }
        return Optional.of(new RunAggregates(runId, run.startedAt(), byStatus, run.byOutcome(), run.ratioCount(),
                run.ratioSum(), run.bestRatio(), run.bestExperimentId(), run.paused()));
    }

    @Override
    public List<Experiment> experimentsSince(String runId, Cursor after, int limit) {
        ScanPosition position = states.position(runId);
        long load = states.loads(runId);
        List<Experiment> batch = batches.get(runId);
        if (batch == null || batchLoad.get(runId) != load) {
            // First page of this monitor run (the state was loaded since the last batch): read what is new.
            batch = readNew(runId, position);
            batches.put(runId, batch);
            batchLoad.put(runId, load);
        }
        int from = 0;
        for (int i = 0; i < batch.size(); i++) {
            if (batch.get(i).experimentId().equals(after.experimentId())) {
                from = i + 1;
                break;
            }
        }
        return List.copyOf(batch.subList(from, Math.min(batch.size(), from + limit)));
    }

    /** Reads what became final since {@code p}, stages the next position and returns the new finals sorted. */
    private List<Experiment> readNew(String runId, ScanPosition p) {
        String settledBefore = ExperimentIds.prefix(clock.instant().minus(settle));
        List<Experiment> out = new ArrayList<>();
        Set<String> pending = new HashSet<>();
        for (String id : p.pending()) {
            try {
                Experiment e = store.get(runId, id);
                if (e.status().isFinal()) out.add(e);
                else pending.add(id);
            } catch (NotFoundException gone) {
                // Deleted (a purge in progress): nothing to report.
            }
        }
        String watermark = p.watermark();
        Set<String> seen = new HashSet<>();
        for (Experiment e : store.since(runId, p.watermark())) {
            boolean fin = e.status().isFinal();
            if (e.experimentId().compareTo(settledBefore) < 0) {
                // Settled: no older id can still appear, so the watermark moves past it.
                watermark = e.experimentId();
                if (!fin) pending.add(e.experimentId());
                else if (!p.seen().contains(e.experimentId())) out.add(e);
            } else if (fin) {
                if (!p.seen().contains(e.experimentId())) out.add(e);
                seen.add(e.experimentId());
            }
        }
        out.sort(CURSOR_ORDER);
        states.stage(runId, new ScanPosition(watermark, pending, seen));
        return out;
    }

    @Override
    public List<Experiment> inFlight(String runId) {
        // Non-final experiments live in the byOutcome partition "<runId>#PENDING": created before any time ahead.
        return store.stuck(runId, Duration.ZERO, clock.instant().plus(Duration.ofDays(1)));
    }
}
