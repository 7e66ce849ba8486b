package codeclab.monitor.report;

import codeclab.monitor.alert.AlertPolicy;
import codeclab.monitor.alert.SnsAlertPublisher;
import codeclab.monitor.analysis.Analysis;
import codeclab.monitor.rules.Indicator;
import codeclab.monitor.rules.Issue;
import codeclab.monitor.rules.SuccessCriteria;
import codeclab.monitor.rules.Timeline;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Plain-text renderings of a {@link Report}: the email subject, the hourly report, the morning review. Written to
 * be read at 7 a.m.: the verdict and why in the first three lines (a paused run says so first), then what changed
 * since the last report, then the detail.
 */
public final class ReportRenderer {

    private ReportRenderer() {
    }

    /** "[CRITICAL] codec-lab run R: PURGE_AND_RESTART (hopeless)", at most 100 printable ASCII characters. */
    public static String subject(Report r) {
        return SnsAlertPublisher.safeSubject("[" + r.severity() + "] codec-lab " + r.runId() + ": "
                + (r.paused() ? "PAUSED, " : "") + r.verdict() + " (" + r.cause() + ")"
                + (r.alert() != null && r.alert().kind() == AlertPolicy.Kind.DIGEST ? " - morning digest" : ""));
    }

    /** The three lines that say it all: verdict (or PAUSED first), why, what to do. */
    public static String headline(Report r) {
        StringBuilder b = new StringBuilder();
        if (r.paused()) {
            b.append("PAUSED: run ").append(r.runId()).append(" is paused, nothing new runs until `codec-lab resume`;")
                    .append(" verdict on what it did: ").append(r.verdict()).append(" [").append(r.severity()).append("]\n");
        } else {
            b.append(r.verdict()).append(" [").append(r.severity()).append("] run ").append(r.runId())
                    .append(" - cause: ").append(r.cause()).append('\n');
        }
        long more = r.firedRules().stream().skip(1).filter(f -> f.verdict() == r.verdict()).count();
        b.append("Why: ").append(r.firedRules().isEmpty() ? String.join("; ", r.reasons()) : r.firedRules().get(0).reason())
                .append(more == 0 ? "" : " (and " + more + " more cause" + (more == 1 ? "" : "s") + " below)").append('\n');
        b.append("Do:  ").append(r.todo()).append('\n');
        return b.toString();
    }

    /** What changed since the previous report, one line. */
    public static String change(Report r) {
        Report.Change c = r.change();
        if (c == null) {
            return "first report for this run";
        }
        String best;
        if (c.best() == null) {
            best = "nothing measured yet";
        } else if (c.previousBest() == null) {
            best = String.format(Locale.ROOT, "first best %+.1f %%", c.best());
        } else if (c.best() < c.previousBest()) {
            best = String.format(Locale.ROOT, "new best %+.1f %% -> %+.1f %% (%.1f pp better)", c.previousBest(), c.best(),
                    c.previousBest() - c.best());
        } else {
            best = String.format(Locale.ROOT, "best unchanged at %+.1f %%", c.best());
        }
        long minutes = Duration.between(c.previousAt(), r.at()).toMinutes();
        String verdict = c.previousVerdict() == null ? "" : c.previousVerdict() == r.verdict()
                ? "; verdict unchanged" : "; verdict was " + c.previousVerdict();
        return String.format(Locale.ROOT, "since %s (%.1f h ago): %d finished, %d completed, %d measured; %s%s",
                c.previousAt().truncatedTo(java.time.temporal.ChronoUnit.SECONDS), minutes / 60.0, c.finished(),
                c.completed(), c.measured(), best, verdict);
    }

    /** The hourly report: the SNS email body and {@code codec-lab monitor}'s output. */
    public static String text(Report r) {
        Analysis a = r.analysis();
        StringBuilder b = new StringBuilder(headline(r));
        b.append("\nSINCE THE LAST REPORT\n  ").append(change(r)).append('\n');
        if (r.firedRules().size() > 1) {
            b.append("\nALSO FIRED\n");
            r.firedRules().stream().skip(1).forEach(f -> b.append("  - ").append(f.verdict()).append(" [").append(f.severity())
                    .append("] ").append(f.name()).append(": ").append(f.reason()).append('\n'));
        }
        b.append("\nNUMBERS (run ").append(r.runId()).append(" at ").append(r.at().truncatedTo(java.time.temporal.ChronoUnit.SECONDS))
                .append(String.format(Locale.ROOT, ", %.1f h since start)%n", a.hoursSinceStart()));
        b.append("  experiments: ").append(a.counts().describe()).append('\n');
        b.append(String.format(Locale.ROOT, "  completed in the last hour: %d; last activity %s ago%n",
                a.completedLastHour(), hours(a.activity().idle())));
        b.append("  baseline (x264 at target quality): ").append(a.baselineKbps() == null ? "not measured yet"
                : String.format(Locale.ROOT, "%.0f kbps = 1.000x = 0 %% BD-rate", a.baselineKbps())).append('\n');
        b.append("  best: ").append(a.best() == null ? "none" : a.best() + " (" + a.best().experimentId() + ")")
                .append("   average BD-rate: ").append(a.averageBdRate() == null ? "none"
                        : String.format(Locale.ROOT, "%+.1f %%", a.averageBdRate())).append('\n');
        b.append("  progress: ").append(a.progress().describe()).append('\n');
        b.append("  trend: ").append(a.trend().describe()).append('\n');
        var res = a.results();
        b.append(String.format(Locale.ROOT, "  results: %d%s distinct of %d; %d distinct sources, %d re-submitted%n",
                res.unique(), res.saturated() ? "+" : "", res.valued(), res.sources(), res.repeatedSources()));
        b.append(String.format(Locale.ROOT, "  timeouts %.0f%% (%d too slow, %d interrupted), validation failures %.0f%%%n",
                a.timeoutRate() * 100, a.timeouts().tooSlow(), a.timeouts().interrupted(), a.validationFailureRate() * 100));
        if (!a.bestSoFar().isEmpty()) {
            b.append("  best so far (experiment #: BD-rate):");
            a.bestSoFar().stream().skip(Math.max(0, a.bestSoFar().size() - 12))
                    .forEach(p -> b.append(String.format(Locale.ROOT, " #%d:%+.1f%%", p.ordinal(), p.bdRate())));
            b.append('\n');
        }
        b.append("\nINDICATORS\n");
        for (Indicator i : r.indicators()) {
            b.append(String.format(Locale.ROOT, "  [%s] %-7s %-22s %s - %s%n", i.present() ? "x" : " ", i.kind(), i.name(),
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
            a.errors().stream().limit(5).forEach(g -> b.append(String.format(Locale.ROOT, "  %4dx %s%n", g.count(), g.signature())));
        }
        Timeline.Check t = r.timeline();
        b.append("\nTIMELINE: ").append(t.status()).append(t.step() == null ? " (hour 1 in progress)" : " at " + t.step());
        t.missed().forEach(m -> b.append("\n  missed: ").append(m));
        b.append('\n');
        SuccessCriteria.Result s = r.success();
        b.append("\nSUCCESS CRITERIA (").append(s.finalResult() ? "final" : "provisional")
                .append("; the plan's absolute targets as fractions of x264's bits, read as BD-rate)\n");
        s.criteria().forEach(c -> b.append(String.format(Locale.ROOT, "  [%s] %s - %s%n", c.met() ? "x" : " ", c.name(), c.detail())));
        b.append(String.format(Locale.ROOT, "  [%s] %s - %s%n", s.stretch().met() ? "x" : " ", s.stretch().name(), s.stretch().detail()));
        dataQuality(b, a);
        if (!r.plannerHints().isEmpty()) {
            b.append("\nPLANNER HINTS\n");
            r.plannerHints().forEach(h -> b.append("  - ").append(h).append('\n'));
        }
        if (!r.actions().isEmpty()) {
            b.append("\nAUTOMATIC ACTIONS\n");
            r.actions().forEach(h -> b.append("  - ").append(h).append('\n'));
        }
        links(b, r);
        return b.toString();
    }

    /** The plan's "Notes for Morning Review": the headline first, then count, best, trend, errors, data quality. */
    public static String morningReview(Report r) {
        Analysis a = r.analysis();
        StringBuilder b = new StringBuilder(headline(r));
        b.append("Since the last report: ").append(change(r)).append("\n\n");
        b.append("codec-lab morning review - run ").append(r.runId()).append(" at ")
                .append(r.at().truncatedTo(java.time.temporal.ChronoUnit.SECONDS)).append('\n');
        b.append("1. Dashboard - how many experiments? ").append(a.counts().describe())
                .append(r.dashboardUrl() == null ? "" : "  -> " + r.dashboardUrl()).append('\n');
        b.append("2. Blog - are results showing? ").append(a.completed() > 0 ? "yes, " + a.completed() + " completed" : "no results yet")
                .append(r.blogUrl() == null ? "" : "  -> " + r.blogUrl()).append('\n');
        b.append("3. Best - lowest achieved: ").append(a.best() == null ? "none" : a.best() + " (" + a.best().experimentId() + ")")
                .append("; ").append(a.progress().describe()).append('\n');
        b.append("4. Trend - ").append(a.trend().describe()).append("; timeline ").append(r.timeline().status()).append('\n');
        b.append("5. Logs - errors: ");
        if (a.errors().isEmpty()) {
            b.append("none");
            if (a.activity().stalled()) {
                b.append(", but nothing finished for ").append(hours(a.activity().idle())).append(" (stalled)");
            }
            b.append('\n');
        } else {
            b.append('\n');
            a.errors().stream().limit(3).forEach(g -> b.append(String.format(Locale.ROOT, "     %dx %s%n", g.count(), g.signature())));
        }
        b.append("6. Database - clean data? ").append(a.dataQuality().clean() ? "yes" : "no").append('\n');
        StringBuilder dq = new StringBuilder();
        dataQuality(dq, a);
        b.append(dq.toString().replaceFirst("^\\s+", ""));
        b.append("Success criteria: ").append(r.success().criteria().stream().filter(SuccessCriteria.Criterion::met).count())
                .append('/').append(r.success().criteria().size()).append(" met")
                .append(r.success().stretch().met() ? ", stretch goal met" : "").append('\n');
        return b.toString();
    }

    private static void dataQuality(StringBuilder b, Analysis a) {
        var dq = a.dataQuality();
        b.append("\nDATA QUALITY: ").append(dq.clean() ? "clean" : dq.findings() + " finding(s)").append('\n');
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

    private static String hours(Duration d) {
        return String.format(Locale.ROOT, "%.1f h", d.toMinutes() / 60.0);
    }
}
