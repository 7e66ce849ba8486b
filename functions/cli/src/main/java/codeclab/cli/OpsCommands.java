package codeclab.cli;

import codeclab.monitor.MonitorConfig;
import codeclab.monitor.alert.AlertPublisher;
import codeclab.monitor.ops.Archive;
import codeclab.monitor.ops.Operations;
import codeclab.monitor.report.Report;
import codeclab.monitor.report.ReportRenderer;
import codeclab.store.RunSummary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The operator's commands: monitor, review, pause, resume, purge, restore, fresh-start. Each works on the local
 * data folder ({@code --data}) or a deployed stack ({@code --stack}); {@code --run} defaults to the current run
 * (the pointer {@code fresh-start} moves; {@value Operations#DEFAULT_RUN} when none was set).
 */
final class OpsCommands {

    private OpsCommands() {
    }

    /** Alerts of a local monitor run: printed, never sent (and remembered, so they are not repeated). */
    static final class PrintedAlerts implements AlertPublisher {
        final List<String> subjects = new ArrayList<>();

        @Override
        public String publish(String subject, String body) {
            subjects.add(subject);
            return "local-" + subjects.size();
        }
    }

    @Command(name = "monitor", mixinStandardHelpOptions = true,
            description = {"Judge a run once, as the hourly monitor does: mark stuck experiments TIMED_OUT, read what is new,"
                    + " print the report (verdict, indicators, issues, timeline, success criteria, data quality).",
                    "Locally alerts are printed, not sent; with --stack they go to the stack's SNS topic only with --publish."})
    static final class Monitor implements Runnable {
        @Mixin
        BackendOptions backend = new BackendOptions();
        @Option(names = "--run", paramLabel = "R", description = "Run id (default: the current run).")
        String run;
        @Option(names = "--json", description = "Print the report as JSON.")
        boolean json;
        @Option(names = "--feed-planner", description = "Store the FIX_CODE reasons as notes the planner's next prompts include.")
        boolean feedPlanner;

        @Option(names = "--auto-pause", description = "Pause the loop when the verdict is PURGE_AND_RESTART.")
        boolean autoPause;

        @Option(names = "--publish", description = "With --stack: publish alerts to the stack's SNS topic per the alert policy.")
        boolean publish;

        boolean review;

        @Override
        public void run() {
            if (publish && !backend.isStack()) throw new UserError("--publish needs --stack (locally alerts are printed)");
            try (Backend b = backend.open()) {
                Operations ops = b.operations();
                String runId = ops.resolveRun(run);
                RunLookup.run(b, backend, runId);
                PrintedAlerts printed = new PrintedAlerts();
                AlertPublisher publisher;
                if (b.isLocal()) {
                    publisher = review ? null : printed;
                } else if (publish) {
                    publisher = b.alertTopic().orElseThrow(() -> new UserError("the stack has no TopicArn output"));
                } else {
                    publisher = null; // leave the deployed monitor's alert memory alone
                }
                Operations.MonitorRun result = ops.monitor(runId, MonitorConfig.defaults().withActions(autoPause, feedPlanner), publisher, null);
                Report report = result.report();
                if (json) {
                    Map<String, Object> out = new LinkedHashMap<>();
                    out.put("report", report);
                    out.put("timedOut", result.timedOut().stream().map(e -> e.experimentId()).toList());
                    out.put("alertsPrinted", printed.subjects);
                    if (review) out.put("review", ReportRenderer.morningReview(report));
                    System.out.println(Json.write(out));
                    return;
                }
                if (!result.timedOut().isEmpty()) {
                    System.out.println("marked " + result.timedOut().size() + " stuck experiment(s) TIMED_OUT");
                }
                System.out.print(review ? ReportRenderer.morningReview(report) : ReportRenderer.text(report));
                System.out.println(codeclab.site.Glossary.verdictAdvice(report.verdict().name()));
                for (String s : printed.subjects) System.out.println("\nALERT (local, not sent): " + s);
                if (!b.isLocal() && publisher != null && report.alert().publish()) {
                    System.out.println("\nALERT published to the stack's topic: " + ReportRenderer.subject(report));
                }
            }
        }
    }

    @Command(name = "review", mixinStandardHelpOptions = true,
            description = "The morning review of a run: count, best, trend, errors, data quality and where to look.")
    static final class Review implements Runnable {
        @Mixin
        BackendOptions backend = new BackendOptions();
        @Option(names = "--run", paramLabel = "R", description = "Run id (default: the current run).")
        String run;
        @Option(names = "--json", description = "Print JSON.")
        boolean json;

        @Override
        public void run() {
            Monitor m = new Monitor();
            m.backend = backend;
            m.run = run;
            m.json = json;
            m.review = true;
            m.run();
        }
    }

    /** Pause and resume: the same switch, two directions. */
    abstract static class LoopSwitch implements Runnable {
        @Mixin
        BackendOptions backend = new BackendOptions();
        @Option(names = "--run", paramLabel = "R", description = "Run id (default: the current run).")
        String run;

        abstract void apply(Operations ops, String runId);

        abstract String done();

        @Override
        public void run() {
            try (Backend b = backend.open()) {
                Operations ops = b.operations();
                String runId = ops.resolveRun(run);
                apply(ops, runId);
                System.out.println(done() + " " + runId + " (" + b.description() + "; schedule: " + b.schedule() + ")");
            }
        }
    }

    @Command(name = "pause", mixinStandardHelpOptions = true,
            description = "Pause the loop of a run (the runner stops starting experiments; on a stack the generation rule is disabled).")
    static final class Pause extends LoopSwitch {
        @Override
        void apply(Operations ops, String runId) {
            ops.pause(runId, "codec-lab pause");
        }

        @Override
        String done() {
            return "paused";
        }
    }

    @Command(name = "resume", mixinStandardHelpOptions = true,
            description = "Resume the loop of a run (on a stack the generation rule is enabled again).")
    static final class Resume extends LoopSwitch {
        @Override
        void apply(Operations ops, String runId) {
            ops.resume(runId);
        }

        @Override
        String done() {
            return "resumed";
        }
    }

    @Command(name = "purge", mixinStandardHelpOptions = true,
            description = {"Archive a run (items + artifact index as JSON Lines under archives/), verify the archive,"
                    + " delete the run, verify it is empty. Restore it with codec-lab restore ARCHIVE."})
    static final class Purge implements Runnable {
        @Mixin
        BackendOptions backend = new BackendOptions();
        @Option(names = "--run", paramLabel = "R", required = true, description = "The run to purge (no default: say which).")
        String run;
        @Option(names = "--yes", description = "Really delete (after archiving).")
        boolean yes;
        @Option(names = "--json", description = "Print the archive manifest as JSON.")
        boolean json;

        @Override
        public void run() {
            if (!yes) {
                throw new UserError("purge deletes run " + run + " after archiving it; re-run with --yes to confirm");
            }
            try (Backend b = backend.openExclusive()) {
                Archive a = b.operations().purge(run);
                if (json) {
                    System.out.println(Json.write(a));
                } else {
                    System.out.println("archived " + a.experiments() + " experiments of " + run + " to " + a.archive()
                            + " (" + a.bytes() + " bytes, sha256 " + a.sha256().substring(0, 16) + "...), then deleted the run");
                    System.out.println(a.archive());
                }
            }
        }
    }

    @Command(name = "restore", mixinStandardHelpOptions = true,
            description = "Put an archived run back exactly as it was (never over existing items); --list shows the archives.")
    static final class Restore implements Runnable {
        @Mixin
        BackendOptions backend = new BackendOptions();
        @Parameters(arity = "0..1", paramLabel = "ARCHIVE", description = "Archive name printed by purge (archives/<run>-<stamp>.jsonl).")
        String archive;
        @Option(names = "--list", description = "List the archives instead.")
        boolean list;
        @Option(names = "--json", description = "Print JSON.")
        boolean json;

        @Override
        public void run() {
            if (!list && archive == null) {
                throw new UserError("name the archive to restore (see " + Hints.command("restore", backend, "--list") + ")");
            }
            try (Backend b = list ? backend.open() : backend.openExclusive()) {
                Operations ops = b.operations();
                if (list) {
                    List<Archive> all = ops.archives();
                    if (json) {
                        System.out.println(Json.write(all));
                    } else if (all.isEmpty()) {
                        System.out.println("no archives (" + Hints.command("purge", backend) + " --run R --yes makes one)");
                    } else {
                        for (Archive a : all) {
                            System.out.printf("%-60s %-12s %6d experiments  %s%n", a.archive(), a.runId(), a.experiments(), a.archivedAt());
                        }
                    }
                    return;
                }
                Archive a = ops.restore(archive);
                if (json) System.out.println(Json.write(a));
                else System.out.println("restored run " + a.runId() + " (" + a.experiments() + " experiments) from " + a.archive());
            }
        }
    }

    @Command(name = "fresh-start", mixinStandardHelpOptions = true,
            description = "Start a new run (iteration 1, empty counters) and make it the current run; prints its id.")
    static final class FreshStart implements Runnable {
        @Mixin
        BackendOptions backend = new BackendOptions();
        @Option(names = "--json", description = "Print JSON.")
        boolean json;

        @Override
        public void run() {
            try (Backend b = backend.openCreating()) {
                RunSummary r = b.operations().freshStart();
                if (json) System.out.println(Json.write(Map.of("runId", r.runId(), "startedAt", r.startedAt())));
                else System.out.println(r.runId());
            }
        }
    }
}
