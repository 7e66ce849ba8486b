package codeclab.monitor.analysis;

import codeclab.core.Experiment;
import codeclab.core.OutcomeKind;
import codeclab.core.RunCounts;
import codeclab.monitor.MonitorConfig;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The monitor's compact, incremental memory of a run: everything the analysis needs that the run's counters do
 * not hold, bounded in size whatever the run's length. Built by folding each newly finished experiment in once
 * ({@link #toBuilder()}, {@link Builder#add}); immutable and serialisable as plain data.
 *
 * @param startedAt        run start, the origin of the hour buckets
 * @param ingested         final experiments folded in so far
 * @param hours            per elapsed hour since start: completed count, ratio sum and min, kbps sum
 * @param uniqueKeys       distinct completed ratios, rounded to the configured tolerance (capped)
 * @param uniqueSaturated  true when more distinct values were seen than remembered
 * @param errors           failures per normalised signature (capped; least frequent evicted)
 * @param bestCurve        each time the best ratio improved
 * @param recent           the last completed experiments (the trend window), oldest first
 * @param lastHour         finish times of completions, pruned to the last hour at each run
 * @param baselineKbps     the latest measured x264 bitrate at target quality, or null
 * @param findings         data-quality findings per kind, cumulative
 * @param findingSamples   the latest few findings, for the report
 * @param counts           the {@link RunCounts} of the final experiments folded in (in-flight ones are added at
 *                         analysis time); null in a state saved before counts existed, read as empty
 */
public record RunSummary(Instant startedAt, long ingested, SortedMap<Integer, HourBucket> hours, Set<Long> uniqueKeys,
                         boolean uniqueSaturated, Map<String, ErrorGroup> errors, List<BestPoint> bestCurve,
                         List<Point> recent, List<Instant> lastHour, Double baselineKbps,
                         Map<String, Long> findings, List<String> findingSamples, RunCounts counts) {

    private static final int FINDING_SAMPLES = 20;

    public RunSummary {
        hours = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(hours));
        uniqueKeys = Set.copyOf(uniqueKeys);
        errors = Map.copyOf(errors);
        bestCurve = List.copyOf(bestCurve);
        recent = List.copyOf(recent);
        lastHour = List.copyOf(lastHour);
        findings = Map.copyOf(findings);
        findingSamples = List.copyOf(findingSamples);
        counts = counts == null ? RunCounts.EMPTY : counts;
    }

    public static RunSummary empty(Instant startedAt) {
        return new RunSummary(startedAt, 0, new TreeMap<>(), Set.of(), false, Map.of(), List.of(), List.of(),
                List.of(), null, Map.of(), List.of(), RunCounts.EMPTY);
    }

    /** One elapsed hour of the run. */
    public record HourBucket(long completed, double ratioSum, double ratioMin, double kbpsSum, long kbpsCount) {
    }

    /** A group of failures with the same signature. */
    public record ErrorGroup(String signature, OutcomeKind outcome, long count, String sampleMessage,
                             String lastExperimentId, Instant lastSeen) {
    }

    /** The best ratio improved to {@code ratio} at {@code at}. */
    public record BestPoint(String experimentId, Instant at, double ratio, Double kbps) {
    }

    /** One completed experiment of the trend window. */
    public record Point(String experimentId, Instant finishedAt, double ratio, Double kbps) {
    }

    public long completed() {
        return hours.values().stream().mapToLong(HourBucket::completed).sum();
    }

    /** Completed experiments finished by the end of elapsed hour {@code h} (h = 1 is the first hour). */
    public long completedBy(int h) {
        return hours.headMap(h).values().stream().mapToLong(HourBucket::completed).sum();
    }

    /** The best ratio at a given instant, or null when nothing had completed by then. */
    public Double bestAt(Instant t) {
        Double best = null;
        for (BestPoint p : bestCurve) {
            if (!p.at().isAfter(t)) {
                best = p.ratio();
            }
        }
        return best;
    }

    public Builder toBuilder(MonitorConfig config) {
        return new Builder(this, config);
    }

    /** Folds experiments in; not thread-safe; one per monitor run. */
    public static final class Builder {
        private final MonitorConfig config;
        private final Instant startedAt;
        private long ingested;
        private final TreeMap<Integer, HourBucket> hours;
        private final Set<Long> unique;
        private boolean saturated;
        private final Map<String, ErrorGroup> errors;
        private final List<BestPoint> best;
        private final ArrayDeque<Point> recent;
        private final List<Instant> lastHour;
        private Double baselineKbps;
        private final Map<String, Long> findings;
        private final ArrayDeque<String> samples;
        private RunCounts counts;

        private Builder(RunSummary s, MonitorConfig config) {
            this.config = config;
            startedAt = s.startedAt;
            ingested = s.ingested;
            hours = new TreeMap<>(s.hours);
            unique = new HashSet<>(s.uniqueKeys);
            saturated = s.uniqueSaturated;
            errors = new HashMap<>(s.errors);
            best = new ArrayList<>(s.bestCurve);
            recent = new ArrayDeque<>(s.recent);
            lastHour = new ArrayList<>(s.lastHour);
            baselineKbps = s.baselineKbps;
            findings = new HashMap<>(s.findings);
            samples = new ArrayDeque<>(s.findingSamples);
            counts = s.counts;
        }

        /** Folds in one finished experiment (callers pass each exactly once, in cursor order). */
        public Builder add(Experiment e) {
            ingested++;
            counts = counts.plus(e);
            Double ratio = e.ratioToBaseline();
            if (e.completed() && ratio != null && Double.isFinite(ratio) && ratio >= 0 && e.finishedAt() != null) {
                addCompleted(e, ratio);
            } else if (!e.completed() && e.outcome() != null && e.outcome() != OutcomeKind.OK) {
                addFailure(e);
            }
            return this;
        }

        private void addCompleted(Experiment e, double ratio) {
            Double kbps = e.bitrateAtTargetKbps();
            if (e.baselineBitrateAtTargetKbps() != null) {
                baselineKbps = e.baselineBitrateAtTargetKbps();
            }
            int hour = (int) Math.max(0, Duration.between(startedAt, e.finishedAt()).toHours());
            HourBucket b = hours.getOrDefault(hour, new HourBucket(0, 0, Double.POSITIVE_INFINITY, 0, 0));
            hours.put(hour, new HourBucket(b.completed() + 1, b.ratioSum() + ratio, Math.min(b.ratioMin(), ratio),
                    b.kbpsSum() + (kbps == null ? 0 : kbps), b.kbpsCount() + (kbps == null ? 0 : 1)));
            long key = Math.round(ratio / config.uniqueTolerance());
            if (!unique.contains(key)) {
                if (unique.size() < config.uniqueCap()) {
                    unique.add(key);
                } else {
                    saturated = true;
                }
            }
            if (best.isEmpty() || ratio < best.get(best.size() - 1).ratio()) {
                best.add(new BestPoint(e.experimentId(), e.finishedAt(), ratio, kbps));
            }
            recent.addLast(new Point(e.experimentId(), e.finishedAt(), ratio, kbps));
            while (recent.size() > config.trendWindow()) {
                recent.removeFirst();
            }
            lastHour.add(e.finishedAt());
        }

        private void addFailure(Experiment e) {
            String sig = ErrorSignature.of(e.outcome(), e.message());
            ErrorGroup g = errors.get(sig);
            errors.put(sig, new ErrorGroup(sig, e.outcome(), g == null ? 1 : g.count() + 1,
                    g == null ? e.message() : g.sampleMessage(), e.experimentId(), e.finishedAt()));
            if (errors.size() > config.errorSignatureCap()) {
                errors.values().stream()
                        .filter(x -> !x.signature().equals(sig))
                        .min(Comparator.comparingLong(ErrorGroup::count))
                        .ifPresent(x -> errors.remove(x.signature()));
            }
        }

        /** Records a data-quality finding of a kind, with a one-line description. */
        public Builder finding(String kind, String description) {
            findings.merge(kind, 1L, Long::sum);
            samples.addLast(description);
            while (samples.size() > FINDING_SAMPLES) {
                samples.removeFirst();
            }
            return this;
        }

        public RunSummary build(Instant now) {
            Instant hourAgo = now.minus(Duration.ofHours(1));
            lastHour.removeIf(t -> !t.isAfter(hourAgo));
            return new RunSummary(startedAt, ingested, hours, unique, saturated, errors, best,
                    new ArrayList<>(recent), lastHour, baselineKbps, findings, new ArrayList<>(samples), counts);
        }
    }
}
