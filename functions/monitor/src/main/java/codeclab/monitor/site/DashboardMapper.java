package codeclab.monitor.site;

import codeclab.core.ClipEvaluation;
import codeclab.core.Evaluation;
import codeclab.core.Experiment;
import codeclab.monitor.MonitorConfig;
import codeclab.monitor.analysis.Analysis;
import codeclab.monitor.analysis.DataQuality;
import codeclab.monitor.analysis.Trend;
import codeclab.monitor.report.Report;
import codeclab.monitor.rules.Issue;
import codeclab.monitor.rules.SuccessCriteria;
import codeclab.monitor.rules.Timeline;
import codeclab.site.DashboardInput;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The monitor's {@link Report} of a run as the site's {@link DashboardInput}. The report carries the judgement and
 * the aggregate numbers; the run's experiments (from the store) give what the report keeps only in summary: every
 * completed experiment's point on the trend chart with its id, the best BD-rate and who holds it, the cost, and the
 * programs whose RD curves are drawn (their evaluations come from the artifact store). Pure: no I/O of its own.
 *
 * <p>Lives in the monitor module because it needs both sides and the site must not depend on the monitor.
 */
public final class DashboardMapper {

    /** Programs whose RD curves the dashboard draws per clip. */
    public static final int RD_PROGRAMS = 3;
    /** Error signatures listed on the dashboard. */
    public static final int ERROR_ROWS = 10;
    /** Data-quality sample lines listed after the counts per kind. */
    static final int QUALITY_SAMPLES = 5;

    private DashboardMapper() {
    }

    /**
     * @param report      the monitor's report of the run
     * @param experiments the run's experiments, any order
     * @param evaluations evaluation by artifact hash (empty when missing)
     * @param config      the monitor config the report was made with (thresholds for the chart's guides)
     */
    public static DashboardInput map(Report report, List<Experiment> experiments,
                                     Function<String, Optional<Evaluation>> evaluations, MonitorConfig config) {
        Analysis a = report.analysis();
        Instant start = a.startedAt();
        List<Experiment> completed = experiments.stream().filter(Experiment::completed).toList();

        List<String> reasons = new ArrayList<>();
        if (report.paused()) {
            reasons.add("PAUSED: nothing new runs until `codec-lab resume`");
        }
        reasons.add("cause: " + report.cause() + " - " + String.join("; ", report.reasons()));
        reasons.add("do: " + report.todo());
        for (Issue i : report.presentIssues()) {
            reasons.add("Issue " + i.number() + " (" + i.severity() + "): " + i.title() + " - " + i.detail() + ". Action: " + i.action());
        }
        return new DashboardInput(report.runId(), report.at(), start, report.verdict().name(),
                DashboardInput.Severity.valueOf(report.severity().name()), reasons,
                a.counts().planned(), a.completed(), byOutcome(a), byStatus(experiments),
                bestBitrate(a, experiments), bestBdRate(completed), a.baselineKbps(),
                trend(completed, start), trendLine(a.trend(), trend(completed, start)), guides(config),
                rdCurves(completed, evaluations), a.timeoutRate(), a.validationFailureRate(),
                a.errors().stream().limit(ERROR_ROWS).map(g -> new DashboardInput.ErrorRow(g.signature(), g.count(),
                        g.sampleMessage(), g.lastExperimentId())).toList(),
                timeline(report.timeline()), criteria(report.success()),
                experiments.stream().mapToDouble(Experiment::costUsd).sum(), dataQuality(a.dataQuality()));
    }

    /** The plan's thresholds from the config: x264, the 8-hour success bar, the target. */
    static List<DashboardInput.Guide> guides(MonitorConfig c) {
        return List.of(new DashboardInput.Guide("x264 = " + num(c.baselineRatio()), c.baselineRatio()),
                new DashboardInput.Guide("success " + num(c.halfBaselineRatio()), c.halfBaselineRatio()),
                new DashboardInput.Guide("target " + num(c.targetRatio()), c.targetRatio()));
    }

    /** Completed under OK, failures by their kind: the same {@link codeclab.core.RunCounts} the report prints. */
    private static Map<codeclab.core.OutcomeKind, Long> byOutcome(Analysis a) {
        Map<codeclab.core.OutcomeKind, Long> m = new java.util.EnumMap<>(codeclab.core.OutcomeKind.class);
        if (a.completed() > 0) m.put(codeclab.core.OutcomeKind.OK, a.completed());
        m.putAll(a.counts().failedByOutcome());
        return m;
    }

    private static Map<codeclab.core.ExperimentStatus, Long> byStatus(List<Experiment> experiments) {
        Map<codeclab.core.ExperimentStatus, Long> m = new java.util.EnumMap<>(codeclab.core.ExperimentStatus.class);
        experiments.stream().filter(e -> e.status() != null).forEach(e -> m.merge(e.status(), 1L, Long::sum));
        return m;
    }

    /**
     * The bitrate at target of the best-scoring experiment (lowest BD-rate): the score ranks, its bitrate is the second
     * figure; null when the best has none (it never reached the target on every clip).
     */
    private static DashboardInput.BestBitrate bestBitrate(Analysis a, List<Experiment> experiments) {
        return experiments.stream().filter(Experiment::completed)
                .filter(e -> e.bdRatePercent() != null && Double.isFinite(e.bdRatePercent()))
                .min(Comparator.comparingDouble(Experiment::bdRatePercent).thenComparing(Experiment::experimentId))
                .filter(e -> e.ratioToBaseline() != null && Double.isFinite(e.ratioToBaseline()) && e.bitrateAtTargetKbps() != null)
                .map(e -> new DashboardInput.BestBitrate(e.experimentId(), e.bitrateAtTargetKbps(), e.ratioToBaseline()))
                .orElse(null);
    }

    private static DashboardInput.BestBdRate bestBdRate(List<Experiment> completed) {
        return completed.stream().filter(e -> e.bdRatePercent() != null && Double.isFinite(e.bdRatePercent()))
                .min(Comparator.comparingDouble(Experiment::bdRatePercent).thenComparing(Experiment::experimentId))
                .map(e -> new DashboardInput.BestBdRate(e.experimentId(), e.bdRatePercent(), e.bdRateOverlapPercent())).orElse(null);
    }

    /** Each completed experiment with a ratio, at its finish time in hours since the run started, oldest first. */
    static List<DashboardInput.TrendPoint> trend(List<Experiment> completed, Instant start) {
        return completed.stream()
                .filter(e -> e.ratioToBaseline() != null && Double.isFinite(e.ratioToBaseline()) && e.finishedAt() != null)
                .sorted(Comparator.comparing(Experiment::finishedAt).thenComparing(Experiment::experimentId))
                .map(e -> new DashboardInput.TrendPoint(e.experimentId(),
                        Duration.between(start, e.finishedAt()).toMillis() / 3_600_000.0, e.ratioToBaseline()))
                .toList();
    }

    /**
     * The chart's line is a Theil&ndash;Sen fit of the ratios it draws (ratio per hour); the word and p-value are the
     * monitor's own reading of the score's trend (IMPROVING / FLAT / WORSENING / TOO_FEW), so the dashboard says
     * what the report says. TOO_FEW draws no line.
     */
    static DashboardInput.TrendLine trendLine(Trend t, List<DashboardInput.TrendPoint> points) {
        if (t == null || t.direction() == Trend.Direction.TOO_FEW || points.size() < 2) {
            return t == null ? null : new DashboardInput.TrendLine(Double.NaN, Double.NaN, t.pValue(), t.direction().name());
        }
        double[] x = points.stream().mapToDouble(DashboardInput.TrendPoint::hour).toArray();
        double[] y = points.stream().mapToDouble(DashboardInput.TrendPoint::ratio).toArray();
        if (java.util.Arrays.stream(x).distinct().count() < 2) {
            return new DashboardInput.TrendLine(Double.NaN, Double.NaN, t.pValue(), t.direction().name());
        }
        var line = codeclab.monitor.analysis.Stats.theilSen(x, y);
        return new DashboardInput.TrendLine(line.slope(), line.intercept(), t.pValue(), t.direction().name());
    }

    /**
     * The best {@value #RD_PROGRAMS} completed programs (lowest BD-rate, the score; then lowest ratio to x264) and
     * each clip's curve of each, best first per clip. Programs whose evaluation is missing are skipped.
     */
    static List<DashboardInput.RdCurve> rdCurves(List<Experiment> completed, Function<String, Optional<Evaluation>> evaluations) {
        Comparator<Double> nullsLast = Comparator.nullsLast(Comparator.naturalOrder());
        List<Experiment> ranked = completed.stream().filter(e -> e.evaluationHash() != null)
                .sorted(Comparator.comparing(Experiment::bdRatePercent, nullsLast)
                        .thenComparing(Experiment::ratioToBaseline, nullsLast)
                        .thenComparing(Experiment::experimentId))
                .toList();
        List<DashboardInput.RdCurve> out = new ArrayList<>();
        int programs = 0;
        for (Experiment e : ranked) {
            if (programs == RD_PROGRAMS) {
                break;
            }
            Optional<Evaluation> ev = evaluations.apply(e.evaluationHash());
            if (ev.isEmpty() || ev.get().clips().isEmpty()) {
                continue;
            }
            programs++;
            for (ClipEvaluation c : ev.get().clips()) {
                out.add(new DashboardInput.RdCurve(e.experimentId(), c));
            }
        }
        return out;
    }

    private static DashboardInput.TimelineCheck timeline(Timeline.Check t) {
        if (t == null || t.step() == null) {
            return null;
        }
        List<String> ahead = t.steps().isEmpty() ? List.of() : t.steps().get(t.steps().size() - 1).ahead();
        return new DashboardInput.TimelineCheck(t.status().name(), t.step(), t.missed(), ahead);
    }

    private static List<DashboardInput.Criterion> criteria(SuccessCriteria.Result s) {
        if (s == null) {
            return List.of();
        }
        List<DashboardInput.Criterion> out = new ArrayList<>();
        String when = s.finalResult() ? "" : " (provisional)";
        s.criteria().forEach(c -> out.add(new DashboardInput.Criterion(c.name(), c.met(), c.detail() + when)));
        if (s.stretch() != null) {
            out.add(new DashboardInput.Criterion(s.stretch().name(), s.stretch().met(), s.stretch().detail() + when));
        }
        return out;
    }

    /**
     * The count of findings first ("N findings": items with a problem, stuck experiments, orphaned artifacts), then
     * one line per kind with its count, a few examples, stuck experiments and orphaned artifacts; empty when clean.
     */
    static List<String> dataQuality(DataQuality.Audit audit) {
        List<String> out = new ArrayList<>();
        if (audit.clean()) {
            return out;
        }
        long n = audit.findings() + audit.stuck().size()
                + (audit.orphanedArtifacts() == null ? 0 : audit.orphanedArtifacts().size());
        out.add(n + (n == 1 ? " finding" : " findings"));
        for (Map.Entry<String, Long> e : new TreeMap<>(audit.findingsByKind()).entrySet()) {
            out.add(e.getKey() + ": " + e.getValue() + " experiment(s)");
        }
        audit.samples().stream().limit(QUALITY_SAMPLES).forEach(s -> out.add("e.g. " + s));
        if (!audit.stuck().isEmpty()) {
            out.add("stuck past the deadline (the next monitor run marks them TIMED_OUT): " + String.join(", ", audit.stuck()));
        }
        if (audit.orphanedArtifacts() != null && !audit.orphanedArtifacts().isEmpty()) {
            out.add("orphaned artifacts: " + audit.orphanedArtifacts().size());
        }
        return out;
    }

    private static String num(double v) {
        return String.format(Locale.ROOT, "%s", v);
    }
}
