package codeclab.monitor.report;

import codeclab.monitor.alert.SnsAlertPublisher;
import codeclab.monitor.analysis.Analysis;
import codeclab.monitor.analysis.Bitrate;
import codeclab.monitor.analysis.RunSummary;
import codeclab.monitor.rules.Indicator;
import codeclab.monitor.rules.Issue;
import codeclab.monitor.rules.SuccessCriteria;
import codeclab.monitor.rules.Timeline;

import java.util.Map;
import java.util.TreeMap;

/** Plain-text renderings of a {@link Report}: the email subject, the hourly report, the morning review. */
public final class ReportRenderer {

    private ReportRenderer() {
    }

    /** "[CRITICAL] codec-lab run R: PURGE_AND_RESTART", at most 100 printable ASCII characters. */
    public static String subject(Report r) {
        return SnsAlertPublisher.safeSubject("[" + r.severity() + "] codec-lab " + r.runId() + ": " + r.verdict()
                + (r.alert() != null && r.alert().kind() == codeclab.monitor.alert.AlertPolicy.Kind.DIGEST ? " (morning digest)" : ""));
    }

    /** The hourly report: the SNS email body and {@code codec-lab monitor}'s output. */
    public static String text(Report r) {
        Analysis a = r.analysis();
        StringBuilder b = new StringBuilder();
        b.append("codec-lab monitor - run ").append(r.runId()).append(" at ").append(r.at())
                .append(String.format(" (%.1f h since start)%n", a.hoursSinceStart()));
        b.append("VERDICT: ").append(r.verdict()).append(" [").append(r.severity()).append("]\n");
        r.reasons().forEach(x -> b.append("  - ").append(x).append('\n'));
        b.append("\nNUMBERS\n");
        b.append("  experiments: ").append(a.counts().describe()).append('\n');
        b.append(String.format("  completed in the last hour: %d%n", a.completedLastHour()));
        b.append("  baseline (x264 at target quality): ").append(a.baselineKbps() == null ? "not measured yet"
                : String.format("%.0f kbps = 1.000x", a.baselineKbps())).append('\n');
        b.append("  average: ").append(str(a.average())).append("   best: ").append(str(a.best()))
                .append(a.bestExperimentId() == null ? "" : " (" + a.bestExperimentId() + ")").append('\n');
        b.append("  unique bitrates: ").append(a.uniqueValues()).append(a.uniqueSaturated() ? "+" : "").append('\n');
        b.append(String.format("  trend: %s, slope %+.4f x/h, Mann-Kendall p=%.3f over %d experiments%n",
                a.trend().direction(), a.trend().slopePerHour(), a.trend().pValue(), a.trend().points()));
        b.append(String.format("  timeout rate %.0f%%, validation-failure rate %.0f%%%n",
                a.timeoutRate() * 100, a.validationFailureRate() * 100));
        if (!a.bestSoFar().isEmpty()) {
            b.append("  best so far:");
            for (RunSummary.BestPoint p : a.bestSoFar()) {
                b.append(String.format(" %.1fh:%.3fx", java.time.Duration.between(a.startedAt(), p.at()).toMinutes() / 60.0, p.ratio()));
            }
            b.append('\n');
        }
        b.append("\nINDICATORS\n");
        for (Indicator i : r.indicators()) {
            b.append(String.format("  [%s] %-7s %-22s %s - %s%n", i.present() ? "x" : " ", i.kind(), i.name(),
                    i.meaning(), i.detail()));
        }
        if (!r.presentIssues().isEmpty()) {
            b.append("\nISSUES\n");
            for (Issue i : r.presentIssues()) {
                b.append("  Issue ").append(i.number()).append(": ").append(i.title()).append(" (").append(i.severity())
                        .append(") - ").append(i.detail()).append('\n')
                        .append("    symptom: ").append(i.symptom()).append('\n')
                        .append("    cause:   ").append(i.cause()).append('\n')
                        .append("    fix:     ").append(i.fix()).append('\n')
                        .append("    action:  ").append(i.action()).append('\n');
            }
        }
        if (!a.errors().isEmpty()) {
            b.append("\nREPEATED ERRORS\n");
            a.errors().stream().limit(5).forEach(g -> b.append(String.format("  %4dx %s%n", g.count(), g.signature())));
        }
        Timeline.Check t = r.timeline();
        b.append("\nTIMELINE: ").append(t.status()).append(t.step() == null ? " (hour 1 in progress)" : " at " + t.step());
        t.missed().forEach(m -> b.append("\n  missed: ").append(m));
        b.append('\n');
        SuccessCriteria.Result s = r.success();
        b.append("\nSUCCESS CRITERIA (").append(s.finalResult() ? "final" : "provisional").append(")\n");
        s.criteria().forEach(c -> b.append(String.format("  [%s] %s - %s%n", c.met() ? "x" : " ", c.name(), c.detail())));
        b.append(String.format("  [%s] %s - %s%n", s.stretch().met() ? "x" : " ", s.stretch().name(), s.stretch().detail()));
        dataQuality(b, a);
        if (!r.plannerHints().isEmpty()) {
            b.append("\nPLANNER HINTS\n");
            r.plannerHints().forEach(h -> b.append("  - ").append(h).append('\n'));
        }
        if (!r.actions().isEmpty()) {
            b.append("\nACTIONS\n");
            r.actions().forEach(h -> b.append("  - ").append(h).append('\n'));
        }
        links(b, r);
        return b.toString();
    }

    /** The plan's "Notes for Morning Review": count, best, trend, errors, data quality, where to look. */
    public static String morningReview(Report r) {
        Analysis a = r.analysis();
        StringBuilder b = new StringBuilder();
        b.append("codec-lab morning review - run ").append(r.runId()).append(" at ").append(r.at()).append('\n');
        b.append("1. Dashboard - how many experiments? ").append(a.finished()).append(" finished, ")
                .append(a.completed()).append(" completed, ").append(a.inFlight()).append(" in flight")
                .append(r.dashboardUrl() == null ? "" : "  -> " + r.dashboardUrl()).append('\n');
        b.append("2. Blog - are results showing? ").append(a.completed() > 0 ? "yes, " + a.completed() + " results" : "no results yet")
                .append(r.blogUrl() == null ? "" : "  -> " + r.blogUrl()).append('\n');
        b.append("3. Best bitrate - lowest achieved: ").append(str(a.best()))
                .append(a.bestExperimentId() == null ? "" : " (" + a.bestExperimentId() + ")").append('\n');
        String trend = switch (a.trend().direction()) {
            case IMPROVING -> "improving";
            case WORSENING -> "getting worse";
            case FLAT -> a.uniqueValues() <= 1 ? "plateaued" : "random (no significant trend)";
            case UNKNOWN -> "not enough data";
        };
        b.append(String.format("4. Trend - %s (slope %+.4f x/h, p=%.3f); timeline %s%n", trend,
                a.trend().slopePerHour(), a.trend().pValue(), r.timeline().status()));
        b.append("5. Logs - errors: ");
        if (a.errors().isEmpty()) {
            b.append("none\n");
        } else {
            b.append('\n');
            a.errors().stream().limit(3).forEach(g -> b.append(String.format("     %dx %s%n", g.count(), g.signature())));
        }
        b.append("6. Database - clean data? ").append(a.dataQuality().clean() ? "yes" : "no").append('\n');
        StringBuilder dq = new StringBuilder();
        dataQuality(dq, a);
        b.append(dq.toString().replaceFirst("^\\s+", ""));
        b.append("Verdict: ").append(r.verdict()).append(" [").append(r.severity()).append("] - ")
                .append(String.join("; ", r.reasons())).append('\n');
        b.append("Success criteria: ").append(r.success().criteria().stream().filter(SuccessCriteria.Criterion::met).count())
                .append('/').append(r.success().criteria().size()).append(" met")
                .append(r.success().stretch().met() ? ", stretch goal met" : "").append('\n');
        return b.toString();
    }

    private static void dataQuality(StringBuilder b, Analysis a) {
        var dq = a.dataQuality();
        b.append("\nDATA QUALITY: ").append(dq.clean() ? "clean" : "problems").append('\n');
        for (Map.Entry<String, Long> e : new TreeMap<>(dq.findingsByKind()).entrySet()) {
            b.append("  ").append(e.getKey()).append(": ").append(e.getValue()).append('\n');
        }
        dq.samples().stream().limit(5).forEach(s -> b.append("    e.g. ").append(s).append('\n'));
        if (!dq.stuck().isEmpty()) {
            b.append("  stuck past the deadline (mark TIMED_OUT): ").append(dq.stuck()).append('\n');
        }
        if (dq.orphanedArtifacts() != null && !dq.orphanedArtifacts().isEmpty()) {
            b.append("  orphaned artifacts: ").append(dq.orphanedArtifacts().size()).append('\n');
        }
    }

    private static void links(StringBuilder b, Report r) {
        if (r.dashboardUrl() != null || r.blogUrl() != null) {
            b.append("\nWHERE TO LOOK\n");
            if (r.dashboardUrl() != null) b.append("  dashboard: ").append(r.dashboardUrl()).append('\n');
            if (r.blogUrl() != null) b.append("  blog: ").append(r.blogUrl()).append('\n');
        }
    }

    private static String str(Bitrate b) {
        return b == null ? "none" : b.toString();
    }
}
