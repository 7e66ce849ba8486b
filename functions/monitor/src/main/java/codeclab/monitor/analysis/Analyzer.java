package codeclab.monitor.analysis;

import codeclab.core.Experiment;
import codeclab.core.ExperimentStatus;
import codeclab.core.OutcomeKind;
import codeclab.core.RunCounts;
import codeclab.monitor.MonitorConfig;
import codeclab.monitor.source.MonitorSource.ArtifactInventory;
import codeclab.monitor.source.RunAggregates;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Computes an {@link Analysis} from the run's counters, the monitor's incremental {@link RunSummary} and the
 * in-flight experiments. Pure: the same inputs give the same analysis.
 */
public final class Analyzer {

    private final MonitorConfig config;

    public Analyzer(MonitorConfig config) {
        this.config = config;
    }

    public Analysis analyze(RunAggregates agg, RunSummary summary, List<Experiment> inFlight,
                            ArtifactInventory inventory, Instant now) {
        double hours = Duration.between(agg.startedAt(), now).toMillis() / 3_600_000.0;
        long finished = agg.finished();
        Double baseline = summary.baselineKbps();
        Bitrate average = agg.averageRatio() == null ? null : Bitrate.of(agg.averageRatio(), baseline);
        Bitrate best = null;
        if (agg.bestRatio() != null) {
            List<RunSummary.BestPoint> curve = summary.bestCurve();
            RunSummary.BestPoint last = curve.isEmpty() ? null : curve.get(curve.size() - 1);
            best = last != null && last.ratio() == agg.bestRatio() && last.kbps() != null
                    ? new Bitrate(last.ratio(), last.kbps()) : Bitrate.of(agg.bestRatio(), baseline);
        }
        long validation = sum(agg.byOutcome(), k -> k.isValidationFailure());
        long human = sum(agg.byOutcome(), config.humanNeeded()::contains);
        List<RunSummary.ErrorGroup> errors = summary.errors().values().stream()
                .sorted(Comparator.comparingLong(RunSummary.ErrorGroup::count).reversed()
                        .thenComparing(RunSummary.ErrorGroup::signature))
                .toList();
        DataQuality.Audit audit = new DataQuality.Audit(summary.findings(), summary.findingSamples(),
                DataQuality.stuck(inFlight, now, config.stuckAfter()),
                inventory == null ? null : DataQuality.orphans(inventory.stored(), inventory.referenced()));
        return new Analysis(agg.runId(), now, agg.startedAt(), hours, agg.byStatus(), agg.byOutcome(), finished,
                inFlight.size(), agg.completed(), summary.lastHour().size(), average, best, agg.bestExperimentId(),
                baseline, summary.uniqueKeys().size(), summary.uniqueSaturated(),
                trend(summary.recent(), agg.startedAt()), summary.bestCurve(), hourly(summary),
                rate(agg.count(ExperimentStatus.TIMED_OUT), finished), rate(validation, finished), validation, human,
                errors, learning(summary.recent()), audit, summary.counts().plus(RunCounts.of(inFlight)));
    }

    Trend trend(List<RunSummary.Point> points, Instant start) {
        int n = points.size();
        if (n < 3) {
            return Trend.unknown(n);
        }
        double[] x = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = Duration.between(start, points.get(i).finishedAt()).toMillis() / 3_600_000.0;
            y[i] = points.get(i).ratio();
        }
        if (java.util.Arrays.stream(x).distinct().count() < 2) {
            return Trend.unknown(n);
        }
        Stats.Line line = Stats.theilSen(x, y);
        Stats.MannKendall mk = Stats.mannKendall(y);
        Trend.Direction d = mk.pValue() >= config.trendAlpha() || mk.s() == 0 ? Trend.Direction.FLAT
                : mk.s() < 0 ? Trend.Direction.IMPROVING : Trend.Direction.WORSENING;
        return new Trend(n, line.slope(), line.intercept(), mk.s(), mk.pValue(), d);
    }

    Analysis.Learning learning(List<RunSummary.Point> points) {
        int n = points.size();
        int half = n / 2;
        if (half < 2) {
            return new Analysis.Learning(half, n - half, null, null, 1.0, false);
        }
        double[] early = points.subList(0, half).stream().mapToDouble(RunSummary.Point::ratio).toArray();
        double[] late = points.subList(half, n).stream().mapToDouble(RunSummary.Point::ratio).toArray();
        double p = Stats.mannWhitney(early, late).pGreater();
        return new Analysis.Learning(early.length, late.length, Stats.median(early), Stats.median(late), p,
                p < config.trendAlpha());
    }

    private static List<Analysis.HourPoint> hourly(RunSummary s) {
        List<Analysis.HourPoint> out = new ArrayList<>();
        if (s.hours().isEmpty()) {
            return out;
        }
        long cumulative = 0;
        for (int h = 0; h <= s.hours().lastKey(); h++) {
            RunSummary.HourBucket b = s.hours().get(h);
            long c = b == null ? 0 : b.completed();
            cumulative += c;
            out.add(new Analysis.HourPoint(h + 1, c, cumulative, c == 0 ? null : b.ratioSum() / c,
                    c == 0 ? null : b.ratioMin()));
        }
        return out;
    }

    private static long sum(Map<OutcomeKind, Long> m, java.util.function.Predicate<OutcomeKind> p) {
        return m.entrySet().stream().filter(e -> p.test(e.getKey())).mapToLong(Map.Entry::getValue).sum();
    }

    private static double rate(long n, long of) {
        return of == 0 ? 0 : (double) n / of;
    }
}
