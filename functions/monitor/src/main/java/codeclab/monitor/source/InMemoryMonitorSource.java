package codeclab.monitor.source;

import codeclab.core.Experiment;
import codeclab.core.ExperimentStatus;
import codeclab.core.OutcomeKind;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * {@link MonitorSource} in memory, with the same access paths as the store: counters maintained on every
 * {@link #put}, finished experiments in a sorted map keyed by cursor (so {@link #experimentsSince} costs
 * O(log n + k)), in-flight ones apart. For tests and benchmarks; not thread-safe.
 */
public final class InMemoryMonitorSource implements MonitorSource {

    private final Map<String, Run> runs = new HashMap<>();

    private static final class Run {
        final Instant startedAt;
        final Map<String, Experiment> byId = new HashMap<>();
        final TreeMap<Cursor, Experiment> finished = new TreeMap<>();
        final Map<String, Experiment> inFlight = new LinkedHashMap<>();
        final EnumMap<ExperimentStatus, Long> byStatus = new EnumMap<>(ExperimentStatus.class);
        final EnumMap<OutcomeKind, Long> byOutcome = new EnumMap<>(OutcomeKind.class);
        long completed;
        double ratioSum;
        Double best;
        String bestId;
        ArtifactInventory inventory;
        boolean paused;

        Run(Instant startedAt) {
            this.startedAt = startedAt;
        }
    }

    /** Starts a run (iteration 1) at {@code startedAt}. */
    public InMemoryMonitorSource startRun(String runId, Instant startedAt) {
        runs.put(runId, new Run(startedAt));
        return this;
    }

    /** Writes an experiment (new or a status transition), updating the counters like the record stage does. */
    public InMemoryMonitorSource put(Experiment e) {
        Run r = run(e.runId());
        Experiment old = r.byId.put(e.experimentId(), e);
        if (old != null) {
            if (old.status() != null && old.status().isFinal()) {
                r.byId.put(old.experimentId(), old);
                throw new IllegalStateException("experiment " + e.experimentId() + " is final (" + old.status()
                        + "); final experiments never change");
            }
            r.inFlight.remove(old.experimentId());
            if (old.status() != null) {
                r.byStatus.merge(old.status(), -1L, Long::sum);
            }
        }
        if (e.status() != null) {
            r.byStatus.merge(e.status(), 1L, Long::sum);
        }
        if (e.status() != null && e.status().isFinal()) {
            Instant at = e.finishedAt() == null ? Instant.EPOCH : e.finishedAt();
            r.finished.put(new Cursor(at, e.experimentId()), e);
            if (e.outcome() != null) {
                r.byOutcome.merge(e.outcome(), 1L, Long::sum);
            }
            Double ratio = e.ratioToBaseline();
            if (e.completed() && ratio != null && Double.isFinite(ratio) && ratio >= 0) {
                r.completed++;
                r.ratioSum += ratio;
                if (r.best == null || ratio < r.best) {
                    r.best = ratio;
                    r.bestId = e.experimentId();
                }
            }
        } else {
            r.inFlight.put(e.experimentId(), e);
        }
        return this;
    }

    /** Pauses or resumes the run (the run item's flag). */
    public InMemoryMonitorSource paused(String runId, boolean paused) {
        run(runId).paused = paused;
        return this;
    }

    public InMemoryMonitorSource inventory(String runId, ArtifactInventory inventory) {
        run(runId).inventory = inventory;
        return this;
    }

    @Override
    public Optional<RunAggregates> aggregates(String runId) {
        Run r = runs.get(runId);
        return r == null ? Optional.empty() : Optional.of(new RunAggregates(runId, r.startedAt, r.byStatus,
                r.byOutcome, r.completed, r.ratioSum, r.best, r.bestId, r.paused));
    }

    @Override
    public List<Experiment> experimentsSince(String runId, Cursor after, int limit) {
        List<Experiment> out = new ArrayList<>(Math.min(limit, 1024));
        for (Experiment e : run(runId).finished.tailMap(after, false).values()) {
            if (out.size() == limit) {
                break;
            }
            out.add(e);
        }
        return out;
    }

    @Override
    public List<Experiment> inFlight(String runId) {
        return List.copyOf(run(runId).inFlight.values());
    }

    @Override
    public Optional<ArtifactInventory> artifactInventory(String runId) {
        return Optional.ofNullable(run(runId).inventory);
    }

    private Run run(String runId) {
        Run r = runs.get(runId);
        if (r == null) {
            throw new IllegalArgumentException("no run " + runId + "; call startRun first");
        }
        return r;
    }
}
