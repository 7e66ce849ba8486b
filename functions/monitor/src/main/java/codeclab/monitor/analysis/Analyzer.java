package codeclab.monitor.analysis;

import codeclab.core.Experiment;
import codeclab.core.RunCounts;
import codeclab.monitor.MonitorConfig;
import codeclab.monitor.source.MonitorSource.ArtifactInventory;
import codeclab.monitor.source.RunAggregates;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Computes an {@link Analysis} from the run's state (paused, start), the monitor's incremental {@link RunSummary}
 * and the in-flight experiments. Pure: the same inputs give the same analysis.
 */
public final class Analyzer {

    private final MonitorConfig config;

    public Analyzer(MonitorConfig config) {
        this.config = config;
    }

    public Analysis analyze(RunAggregates agg, RunSummary summary, List<Experiment> inFlight,
                            ArtifactInventory inventory, Instant now) {
        double hours = Duration.between(agg.startedAt(), now).toMillis() / 3_600_000.0;
        RunCounts counts = summary.counts().plus(RunCounts.of(inFlight));
        List<RunSummary.ErrorGroup> errors = summary.errors().values().stream()
                .sorted(Comparator.comparingLong(RunSummary.ErrorGroup::count).reversed()
                        .thenComparing(RunSummary.ErrorGroup::signature))
                .toList();
        DataQuality.Audit audit = new DataQuality.Audit(summary.findings(), summary.findingSamples(),
                DataQuality.stuck(inFlight, now, config.stuckAfter()),
                inventory == null ? null : DataQuality.orphans(inventory.stored(), inventory.referenced()));
        Analysis.Results results = new Analysis.Results(summary.valued(), summary.uniqueKeys().size(),
                summary.uniqueSaturated(), summary.sources().size(), summary.completedSources().size(),
                summary.repeatedSources());
        double level = Trend.levelAt(config.trendAlpha(), summary.trendLooks());
        return new Analysis(agg.runId(), now, agg.startedAt(), hours, agg.paused(), counts, summary.lastHour().size(),
                summary.averageBdRate(), agg.averageRatio(), best(summary), progress(summary), summary.baselineKbps(), results,
                summary.timeouts(), trend(summary.recent(), summary.trendLooks(), level), summary.bestCurve(),
                hourly(summary), errors, summary.recentOutcomes(), learning(summary.recent(), level),
                activity(agg, summary, inFlight, now), audit);
    }

    private static Analysis.Score best(RunSummary s) {
        if (s.bestCurve().isEmpty()) {
            return null;
        }
        RunSummary.BestPoint p = s.bestCurve().get(s.bestCurve().size() - 1);
        return new Analysis.Score(p.experimentId(), p.bdRate(), p.ratio(), p.kbps());
    }

    private Analysis.Progress progress(RunSummary s) {
        long measured = s.counts().measured();
        int w = config.headlineWindow();
        Double best = s.bestAfter(measured);
        Double before = measured > w ? s.bestAfter(measured - w) : null;
        List<RunSummary.Point> recent = s.recent();
        Double recentBest = recent.isEmpty() ? null : recent.subList(Math.max(0, recent.size() - w), recent.size())
                .stream().mapToDouble(RunSummary.Point::bdRate).min().orElseThrow();
        return new Analysis.Progress(config.startWindow(), s.startBest(),
                s.startBest() == null || best == null ? null : s.startBest() - best, w, before,
                before == null || best == null ? null : before - best, recentBest);
    }

    private Analysis.Activity activity(RunAggregates agg, RunSummary s, List<Experiment> inFlight, Instant now) {
        Instant created = inFlight.stream().map(Experiment::createdAt).filter(Objects::nonNull)
                .max(Comparator.naturalOrder()).orElse(null);
        Instant last = agg.startedAt();
        if (s.lastFinishedAt() != null && s.lastFinishedAt().isAfter(last)) last = s.lastFinishedAt();
        if (created != null && created.isAfter(last)) last = created;
        Duration idle = now.isAfter(last) ? Duration.between(last, now) : Duration.ZERO;
        return new Analysis.Activity(s.lastFinishedAt(), created, idle,
                !agg.paused() && idle.compareTo(config.stallAfter()) > 0);
    }

    /** Theil&ndash;Sen per experiment and Mann&ndash;Kendall over the window, at the look's alpha-spending level. */
    Trend trend(List<RunSummary.Point> points, int look, double level) {
        int n = points.size();
        if (n < config.trendMinPoints()) {
            return Trend.tooFew(n);
        }
        double[] idx = new double[n];
        double[] t = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            idx[i] = i;
            t[i] = points.get(i).finishedAt().toEpochMilli() / 3_600_000.0;
            y[i] = points.get(i).bdRate();
        }
        Stats.Line perExperiment = Stats.theilSen(idx, y);
        double span = t[n - 1] - t[0];
        Double perHour = span >= 2 && java.util.Arrays.stream(t).distinct().count() > 1 ? Stats.theilSen(t, y).slope() : null;
        Stats.MannKendall mk = Stats.mannKendall(y);
        Trend.Direction d = mk.pValue() >= level || mk.s() == 0 ? Trend.Direction.FLAT
                : mk.s() < 0 ? Trend.Direction.IMPROVING : Trend.Direction.WORSENING;
        return new Trend(n, perExperiment.slope(), perHour, perExperiment.intercept(), mk.s(), mk.pValue(), look, level, d);
    }

    Analysis.Learning learning(List<RunSummary.Point> points, double level) {
        int n = points.size();
        int half = n / 2;
        if (n < config.trendMinPoints()) {
            return new Analysis.Learning(half, n - half, null, null, 1.0, level, false);
        }
        double[] early = points.subList(0, half).stream().mapToDouble(RunSummary.Point::bdRate).toArray();
        double[] late = points.subList(half, n).stream().mapToDouble(RunSummary.Point::bdRate).toArray();
        double p = Stats.mannWhitney(early, late).pGreater();
        return new Analysis.Learning(early.length, late.length, Stats.median(early), Stats.median(late), p, level,
                p < level);
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
            long m = b == null ? 0 : b.measured();
            cumulative += c;
            out.add(new Analysis.HourPoint(h + 1, b == null ? 0 : b.finished(), c, cumulative, m,
                    m == 0 ? null : b.bdSum() / m, m == 0 ? null : b.bdMin()));
        }
        return out;
    }
}
