package codeclab.monitor.analysis;

import codeclab.core.Experiment;
import codeclab.core.OutcomeKind;
import codeclab.core.RunCounts;
import codeclab.monitor.MonitorConfig;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The monitor's compact, incremental memory of a run: everything the analysis needs, bounded in size whatever the
 * run's length. Built by folding each newly finished experiment in once ({@link #toBuilder}, {@link Builder#add});
 * immutable and serialisable as plain data. The score is the BD-rate ({@link Experiment#bdRatePercent()}, lower
 * is better); the bitrate-at-target ratio rides along as the second figure.
 *
 * @param startedAt        run start, the origin of the hour buckets
 * @param ingested         final experiments folded in so far
 * @param hours            per elapsed hour since start (by finish time): finished, completed, measured, BD-rate sum/min
 * @param uniqueKeys       distinct completed results (BD-rate and ratio, rounded to the tolerance; capped)
 * @param uniqueSaturated  true when more distinct values were seen than remembered
 * @param valued           completed experiments with a result (a BD-rate or a ratio) behind {@code uniqueKeys}
 * @param sources          distinct source hashes of the final experiments (as 64-bit keys, capped)
 * @param completedSources distinct source hashes of the completed experiments with a result (shortened, capped)
 * @param repeatedSources  final experiments whose source had already been tried in the run (planner repeating itself)
 * @param errors           failures per normalised signature (capped; least frequent evicted)
 * @param bestCurve        each time the best BD-rate improved
 * @param recent           the last measured experiments (the trend window), oldest first
 * @param lastHour         finish times of completions, pruned to the last hour at each run
 * @param baselineKbps     the latest measured x264 bitrate at target quality, or null
 * @param findings         data-quality findings per kind, cumulative
 * @param findingSamples   the latest few findings, for the report
 * @param counts           the {@link RunCounts} of the final experiments folded in (in-flight ones are added at analysis)
 * @param startBest        the best BD-rate of the run's start (its first {@code startWindow} measured experiments)
 * @param lastFinishedAt   the latest finish time folded in (timeout-sweep marks excluded), or null
 * @param timeouts         timeouts by cause
 * @param recentOutcomes   the outcomes of the last finished experiments (the headline window), oldest first
 * @param trendLooks       how many times the trend was tested on new data (the alpha-spending look count)
 * @param lookedAtMeasured the measured count at the last look
 */
public record RunSummary(Instant startedAt, long ingested, SortedMap<Integer, HourBucket> hours, Set<Long> uniqueKeys,
                         boolean uniqueSaturated, long valued, Set<String> sources, Set<String> completedSources,
                         long repeatedSources, Map<String, ErrorGroup> errors, List<BestPoint> bestCurve,
                         List<Point> recent, List<Instant> lastHour, Double baselineKbps,
                         Map<String, Long> findings, List<String> findingSamples, RunCounts counts, Double startBest,
                         Instant lastFinishedAt, TimeoutCause.Split timeouts, List<OutcomeKind> recentOutcomes,
                         int trendLooks, long lookedAtMeasured) {

    private static final int FINDING_SAMPLES = 20;

    public RunSummary {
        hours = Collections.unmodifiableSortedMap(new TreeMap<>(hours == null ? Map.of() : hours));
        uniqueKeys = Set.copyOf(uniqueKeys == null ? Set.of() : uniqueKeys);
        sources = Set.copyOf(sources == null ? Set.of() : sources);
        completedSources = Set.copyOf(completedSources == null ? Set.of() : completedSources);
        errors = Map.copyOf(errors == null ? Map.of() : errors);
        bestCurve = List.copyOf(bestCurve == null ? List.of() : bestCurve);
        recent = List.copyOf(recent == null ? List.of() : recent);
        lastHour = List.copyOf(lastHour == null ? List.of() : lastHour);
        findings = Map.copyOf(findings == null ? Map.of() : findings);
        findingSamples = List.copyOf(findingSamples == null ? List.of() : findingSamples);
        counts = counts == null ? RunCounts.EMPTY : counts;
        timeouts = timeouts == null ? TimeoutCause.Split.NONE : timeouts;
        recentOutcomes = List.copyOf(recentOutcomes == null ? List.of() : recentOutcomes);
    }

    public static RunSummary empty(Instant startedAt) {
        return new RunSummary(startedAt, 0, new TreeMap<>(), Set.of(), false, 0, Set.of(), Set.of(), 0, Map.of(),
                List.of(), List.of(), List.of(), null, Map.of(), List.of(), RunCounts.EMPTY, null, null,
                TimeoutCause.Split.NONE, List.of(), 0, 0);
    }

    /** One elapsed hour of the run (experiments by their finish time). */
    public record HourBucket(long finished, long completed, long measured, double bdSum, double bdMin) {
    }

    /** A group of failures with the same signature. */
    public record ErrorGroup(String signature, OutcomeKind outcome, long count, String sampleMessage,
                             String lastExperimentId, Instant lastSeen) {
    }

    /**
     * The best BD-rate improved to {@code bdRate} at {@code at}, on the {@code ordinal}-th measured experiment.
     *
     * @param ratio its bitrate-at-target ratio to x264, or null when it did not reach the target
     * @param kbps  its bitrate at target, or null
     */
    public record BestPoint(String experimentId, Instant at, long ordinal, double bdRate, Double ratio, Double kbps) {
    }

    /** One measured experiment of the trend window. */
    public record Point(String experimentId, Instant finishedAt, double bdRate, Double ratio) {
    }

    /** The best BD-rate at a given instant, or null when nothing was measured by then. */
    public Double bestAt(Instant t) {
        Double best = null;
        for (BestPoint p : bestCurve) {
            if (!p.at().isAfter(t)) {
                best = p.bdRate();
            }
        }
        return best;
    }

    /** The best BD-rate after the first {@code measured} measured experiments, or null. */
    public Double bestAfter(long measured) {
        Double best = null;
        for (BestPoint p : bestCurve) {
            if (p.ordinal() <= measured) {
                best = p.bdRate();
            }
        }
        return best;
    }

    /** Mean BD-rate over the measured experiments, or null. */
    public Double averageBdRate() {
        long n = hours.values().stream().mapToLong(HourBucket::measured).sum();
        return n == 0 ? null : hours.values().stream().mapToDouble(HourBucket::bdSum).sum() / n;
    }

    public Builder toBuilder(MonitorConfig config) {
        return new Builder(this, config);
    }

    /** Folds experiments in; not thread-safe; one per monitor run. */
    public static final class Builder {
        private final MonitorConfig config;
        private final RunSummary from;
        private long ingested;
        private final TreeMap<Integer, HourBucket> hours;
        private final Set<Long> unique;
        private boolean saturated;
        private long valued;
        private final Set<String> sources;
        private final Set<String> completedSources;
        private long repeatedSources;
        private final Map<String, ErrorGroup> errors;
        private final List<BestPoint> best;
        private final ArrayDeque<Point> recent;
        private final List<Instant> lastHour;
        private Double baselineKbps;
        private final Map<String, Long> findings;
        private final ArrayDeque<String> samples;
        private RunCounts counts;
        private Double startBest;
        private Instant lastFinishedAt;
        private TimeoutCause.Split timeouts;
        private final ArrayDeque<OutcomeKind> recentOutcomes;

        private Builder(RunSummary s, MonitorConfig config) {
            this.config = config;
            from = s;
            ingested = s.ingested;
            hours = new TreeMap<>(s.hours);
            unique = new HashSet<>(s.uniqueKeys);
            saturated = s.uniqueSaturated;
            valued = s.valued;
            sources = new HashSet<>(s.sources);
            completedSources = new HashSet<>(s.completedSources);
            repeatedSources = s.repeatedSources;
            errors = new HashMap<>(s.errors);
            best = new ArrayList<>(s.bestCurve);
            recent = new ArrayDeque<>(s.recent);
            lastHour = new ArrayList<>(s.lastHour);
            baselineKbps = s.baselineKbps;
            findings = new HashMap<>(s.findings);
            samples = new ArrayDeque<>(s.findingSamples);
            counts = s.counts;
            startBest = s.startBest;
            lastFinishedAt = s.lastFinishedAt;
            timeouts = s.timeouts;
            recentOutcomes = new ArrayDeque<>(s.recentOutcomes);
        }

        /** Folds in one finished experiment (callers pass each exactly once, in cursor order). */
        public Builder add(Experiment e) {
            ingested++;
            counts = counts.plus(e);
            // A sweep marking stuck experiments TIMED_OUT is not the loop doing work: it does not count as activity.
            boolean swept = e.status() == codeclab.core.ExperimentStatus.TIMED_OUT
                    && TimeoutCause.of(e.message()) == TimeoutCause.INTERRUPTED;
            if (!swept && e.finishedAt() != null && (lastFinishedAt == null || e.finishedAt().isAfter(lastFinishedAt))) {
                lastFinishedAt = e.finishedAt();
            }
            if (e.outcome() != null) {
                recentOutcomes.addLast(e.outcome());
                while (recentOutcomes.size() > config.headlineWindow()) {
                    recentOutcomes.removeFirst();
                }
            }
            source(e);
            Double bd = finite(e.bdRatePercent());
            Double ratio = finite(e.ratioToBaseline());
            int hour = e.finishedAt() == null ? -1 : (int) Math.max(0, Duration.between(from.startedAt, e.finishedAt()).toHours());
            if (hour >= 0) {
                HourBucket b = hours.getOrDefault(hour, new HourBucket(0, 0, 0, 0, Double.POSITIVE_INFINITY));
                boolean measured = e.completed() && bd != null;
                hours.put(hour, new HourBucket(b.finished() + 1, b.completed() + (e.completed() ? 1 : 0),
                        b.measured() + (measured ? 1 : 0), b.bdSum() + (measured ? bd : 0),
                        measured ? Math.min(b.bdMin(), bd) : b.bdMin()));
            }
            if (e.completed()) {
                addCompleted(e, bd, ratio);
            } else if (e.outcome() != null && e.outcome() != OutcomeKind.OK) {
                addFailure(e);
            }
            return this;
        }

        private void source(Experiment e) {
            if (e.sourceHash() == null || e.sourceHash().isBlank()) {
                return;
            }
            String key = sourceKey(e.sourceHash());
            if (sources.contains(key)) {
                repeatedSources++;
            } else if (sources.size() < config.uniqueCap()) {
                sources.add(key);
            }
            if (e.completed() && (e.bdRatePercent() != null || e.ratioToBaseline() != null)
                    && completedSources.size() < config.uniqueCap()) {
                completedSources.add(key);
            }
        }

        private void addCompleted(Experiment e, Double bd, Double ratio) {
            if (e.baselineBitrateAtTargetKbps() != null) {
                baselineKbps = e.baselineBitrateAtTargetKbps();
            }
            if (e.finishedAt() != null) {
                lastHour.add(e.finishedAt());
            }
            if (bd != null || ratio != null) {
                valued++;
                long key = Objects.hash(bd == null ? null : Math.round(bd / (config.uniqueTolerance() * 100)),
                        ratio == null ? null : Math.round(ratio / config.uniqueTolerance()));
                if (!unique.contains(key)) {
                    if (unique.size() < config.uniqueCap()) {
                        unique.add(key);
                    } else {
                        saturated = true;
                    }
                }
            }
            if (bd == null || e.finishedAt() == null) {
                return;
            }
            long ordinal = counts.measured();
            if (ordinal <= config.startWindow()) {
                startBest = startBest == null ? bd : Math.min(startBest, bd);
            }
            if (best.isEmpty() || bd < best.get(best.size() - 1).bdRate()) {
                best.add(new BestPoint(e.experimentId(), e.finishedAt(), ordinal, bd, ratio, e.bitrateAtTargetKbps()));
            }
            recent.addLast(new Point(e.experimentId(), e.finishedAt(), bd, ratio));
            while (recent.size() > config.trendWindow()) {
                recent.removeFirst();
            }
        }

        private void addFailure(Experiment e) {
            if (e.outcome() == OutcomeKind.TIMEOUT || e.status() == codeclab.core.ExperimentStatus.TIMED_OUT) {
                timeouts = timeouts.plus(TimeoutCause.of(e.message()));
            }
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
            // A look is a trend test on new data: the alpha-spending count only moves when there is something new.
            int looks = from.trendLooks;
            long lookedAt = from.lookedAtMeasured;
            if (recent.size() >= config.trendMinPoints() && counts.measured() > lookedAt) {
                looks++;
                lookedAt = counts.measured();
            }
            return new RunSummary(from.startedAt, ingested, hours, unique, saturated, valued, sources, completedSources,
                    repeatedSources, errors, best, new ArrayList<>(recent), lastHour, baselineKbps, findings,
                    new ArrayList<>(samples), counts, startBest, lastFinishedAt, timeouts,
                    new ArrayList<>(recentOutcomes), looks, lookedAt);
        }

        /** 64-bit FNV-1a of the whole hash as 16 hex digits: short to store, and no prefix collisions. */
        static String sourceKey(String hash) {
            long h = 0xcbf29ce484222325L;
            for (int i = 0; i < hash.length(); i++) {
                h ^= hash.charAt(i);
                h *= 0x100000001b3L;
            }
            return String.format("%016x", h);
        }

        private static Double finite(Double d) {
            return d == null || !Double.isFinite(d) ? null : d;
        }
    }
}
