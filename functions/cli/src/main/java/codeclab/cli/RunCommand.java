package codeclab.cli;

import codeclab.core.OutcomeKind;
import codeclab.core.RunCounts;
import codeclab.harness.HarnessConfig;
import codeclab.local.LocalRunner;
import codeclab.local.LocalStateMachine;
import codeclab.loop.LoopConfig;
import codeclab.loop.LoopFactory;
import codeclab.loop.LoopService;
import codeclab.monitor.MonitorConfig;
import codeclab.monitor.ops.Operations;
import codeclab.monitor.ops.ScheduleControl;
import codeclab.monitor.report.Report;
import codeclab.monitor.site.SitePublisher;
import codeclab.site.SiteOutput;
import codeclab.loop.StageListener;
import codeclab.loop.StageStats;
import codeclab.planner.PlannerChoice;
import codeclab.planner.llm.ChatOptions;
import codeclab.planner.llm.LlmSettings;
import codeclab.store.EmbeddedDynamo;
import codeclab.store.LocalStore;
import codeclab.store.RunSummary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code codec-lab run}: the loop on this machine. Generations of the synthesized state machine run the same
 * handlers Lambda runs, on the embedded store in the data folder. Running it again continues the run;
 * Ctrl-C stops after the experiments in flight are recorded.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run the research loop locally: plan, validate, execute, record, on the embedded store in --data.")
public final class RunCommand implements Runnable, picocli.CommandLine.IExitCodeGenerator {

    @Option(names = "--experiments", defaultValue = "20", description = "Experiments to run now (default: ${DEFAULT-VALUE}).")
    int experiments;

    @Option(names = "--parallel", defaultValue = "2", description = "Experiments per generation, run concurrently (default: ${DEFAULT-VALUE}).")
    int parallel;

    @Option(names = "--run", description = "Run id; an existing run is continued (default: the current run, see fresh-start).")
    String runId;

    @Option(names = "--stack", paramLabel = "NAME",
            description = "Run generations on a deployed stack instead: starts executions of its state machine and follows them.")
    String stack;

    @Option(names = "--planner", defaultValue = "evolutionary", description = "evolutionary, bedrock or openai (default: ${DEFAULT-VALUE}).")
    String planner;

    @Option(names = "--model", description = "Model id for bedrock/openai.")
    String model;

    @Option(names = "--llm-url", description = "Base URL of an OpenAI-compatible endpoint (key from CODEC_LAB_LLM_API_KEY or OPENAI_API_KEY).")
    String llmUrl;

    @Option(names = "--budget", defaultValue = "20", description = "LLM spending limit of the run in USD; no call starts unless its"
            + " worst case fits, and the run pauses itself when spent (default: ${DEFAULT-VALUE}).")
    double budget;

    @Option(names = "--price", paramLabel = "IN,OUT", description = "USD per million input and output tokens of --model (overrides"
            + " the dated default table; required for models not in it, e.g. --price 0,0 for a local server).")
    String price;

    @Option(names = "--prices", paramLabel = "FILE", description = "A price table (lines 'model-pattern = IN, OUT' in USD per million"
            + " tokens) read before the defaults.")
    Path prices;

    @Option(names = "--max-tokens", defaultValue = "8192", description = "Output token limit per model answer, reasoning included"
            + " (default: ${DEFAULT-VALUE}).")
    int maxTokens;

    @Option(names = "--temperature", defaultValue = "0.7", description = "Sampling temperature, or 'none' to send none (reasoning"
            + " models) (default: ${DEFAULT-VALUE}).")
    String temperature;

    @Option(names = "--reasoning-effort", description = "low, medium or high: OpenAI-style reasoning models (sends"
            + " max_completion_tokens and reasoning_effort; needs --temperature none).")
    String reasoningEffort;

    @Option(names = "--thinking-budget", description = "Bedrock (Anthropic) extended-thinking tokens, below --max-tokens;"
            + " needs --temperature none.")
    Integer thinkingBudget;

    @Option(names = "--llm-call-timeout", defaultValue = "180", description = "Seconds one model call may take, answer body"
            + " included (default: ${DEFAULT-VALUE}).")
    long callTimeout;

    @Option(names = "--llm-attempts", defaultValue = "4", description = "Attempts per model call on throttling, 5xx, timeouts and"
            + " malformed bodies (default: ${DEFAULT-VALUE}).")
    int attempts;

    @Option(names = "--plan-timeout", defaultValue = "540", description = "Seconds one plan may take over all its calls, retries and"
            + " follow-ups; then it is a PLANNER_ERROR naming the endpoint (default: ${DEFAULT-VALUE}).")
    long planTimeout;

    @Option(names = "--region", defaultValue = "us-east-1", description = "AWS region for Bedrock (default: ${DEFAULT-VALUE}).")
    String region;

    @Option(names = "--clips", defaultValue = "dev", description = "Clip set: dev or holdout (real footage), tiny or synthetic (generated), or clip names from DATA/clips, comma-separated (default: ${DEFAULT-VALUE}).")
    String clips;

    @Option(names = "--holdout", description = "Held-out clips that confirm a new best (never shown to the planner): a set,"
            + " clip names, or 'none' to promote on the dev clips alone (default: tiny-holdout for tiny, dev for holdout,"
            + " else holdout).")
    String holdout;

    @Option(names = "--target-psnr", defaultValue = "38", description = "PSNR-Y (dB) for bitrate at target quality (default: ${DEFAULT-VALUE}).")
    double targetPsnr;

    @Option(names = "--seed", defaultValue = "1", description = "Run seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--max-literal-data", paramLabel = "BYTES", defaultValue = "" + codeclab.sandbox.SandboxConfig.DEFAULT_MAX_LITERAL_DATA_BYTES,
            description = "Literal data (constants in the class files) a candidate may carry; more is refused at validate (default: ${DEFAULT-VALUE}).")
    int maxLiteralData;

    @Option(names = "--deadline", defaultValue = "PT30M",
            description = "An experiment not final after this long (ISO-8601 duration) is marked TIMED_OUT by the next plan (default: ${DEFAULT-VALUE}).")
    java.time.Duration deadline;

    @Option(names = "--data", defaultValue = "codec-lab-data", description = "Data folder: store, artifacts, clips, caches (default: ${DEFAULT-VALUE}).")
    Path data;

    @Option(names = "--json", description = "Print the final summary as JSON.")
    boolean json;

    @Option(names = "--timings", description = "After the summary, print the time spent per stage (plan, validate, execute, x264 baseline hit/miss, record) and experiments per hour.")
    boolean timings;

    /** 130 when a Ctrl-C or SIGTERM stopped the run early (the shell's convention for SIGINT), else 0. */
    private int exitCode;

    @Override
    public int getExitCode() {
        return exitCode;
    }

    private boolean runGiven;

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new java.util.ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    @Override
    public void run() {
        LlmSettings llm = new LlmSettings(new ChatOptions(maxTokens, ChatOptions.temperature(temperature), reasoningEffort, thinkingBudget),
                price, prices, java.time.Duration.ofSeconds(callTimeout), java.time.Duration.ofSeconds(planTimeout), attempts);
        PlannerChoice choice = new PlannerChoice(PlannerChoice.kind(planner), model, llmUrl, region, budget, llm);
        // The config checks the timeouts fit together before anything starts.
        if (choice.kind() != PlannerChoice.Kind.EVOLUTIONARY) {
            llm.config(model, budget);
        }
        LoopConfig config = LoopConfig.defaults().withClipSet(clips).withHoldoutSet(holdout).withSeed(seed)
                .withHarness(HarnessConfig.defaults().withTargetPsnrY(targetPsnr)).withDeadline(deadline);
        config = config.withSandbox(config.sandbox().withMaxLiteralDataBytes(maxLiteralData));
        runGiven = runId != null && !runId.isBlank();
        if (stack != null) {
            runOnStack();
            return;
        }
        // Said once per run: whether the children run behind the OS wall here, or why not (docs/SANDBOX.md).
        System.err.println("codec-lab: sandbox OS wall: " + codeclab.sandbox.run.OsWall.detect(
                config.sandbox().osWall() == codeclab.sandbox.SandboxConfig.WallMode.OFF,
                config.sandbox().osWall() == codeclab.sandbox.SandboxConfig.WallMode.REQUIRED, config.sandbox().workRoot()).description());
        DataFolder.requireUsable(data);
        LocalStore store;
        try {
            store = LocalStore.open(data);
        } catch (EmbeddedDynamo.InUseException e) {
            throw new UserError("another codec-lab run owns " + data.toAbsolutePath().normalize() + "; watch it with "
                    + Hints.command("experiments list", Hints.dataArgs(data)) + ", stop it with Ctrl-C in its terminal,"
                    + " or use another --data folder");
        }
        // The store is closed last: after the experiments in flight are recorded, or marked INTERRUPTED.
        try (store; StopSignals signals = StopSignals.install(RunCommand::stopping, () -> stopNow(store))) {
            runId = store.experiments().resolveRun(runId);
            StageStats stats = new StageStats();
            LoopService loop = LoopFactory.create(store.experiments(), store.artifacts(), choice.create(System.getenv()), config,
                    data, data.resolve("clips"), stats);
            loop.checkClips(); // a bad clip set fails here, before the run is created or anything recorded
            runId = store.experiments().resolveRun(runId);
            long started = System.nanoTime();
            codeclab.core.Experiment before = bestMeasured(store.experiments().all(runId)); // a continued run keeps its best
            Progress progress = new Progress(experiments, !json, before == null ? null : before.bdRatePercent());
            RunSummary summary = new LocalRunner(loop, LocalStateMachine.bundledDefinition()).run(runId, experiments, parallel,
                    progress::accept, () -> signals.stopping() || store.experiments().getRun(runId).paused());
            if (signals.stopping()) {
                exitCode = 130;
            }
            SitePublisher.Published site = null;
            String siteError = null;
            try {
                // The run is recorded whatever happens here: a site or analysis failure is reported, not fatal.
                Operations ops = new Operations(store.experiments(), store.artifacts(), ScheduleControl.NONE, Clock.systemUTC());
                site = new SitePublisher(store.experiments(), store.artifacts(), ops, MonitorConfig.defaults(), Clock.systemUTC())
                        .withCommand(new codeclab.site.CliCommand(Hints.launcher(), Hints.dataArgs(data))).all(runId, null, SiteOutput.folder(SiteCommands.defaultFolder(data)));
            } catch (RuntimeException e) {
                siteError = CliErrors.oneLine(e);
            }
            printSummary(summary, store.experiments().all(runId), store.experiments().getRun(runId).paused() && !signals.stopping(), site, siteError);
            if (timings) {
                printTimings(stats, (System.nanoTime() - started) / 1e9);
            }
        }
    }

    private static void stopping() {
        System.err.println("\ncodec-lab: stopping after the experiments in flight are recorded"
                + " (Ctrl-C again to stop at once: they are then marked INTERRUPTED)...");
    }

    /**
     * The second Ctrl-C: every experiment of the run still in flight is recorded INTERRUPTED, the sandbox children
     * are killed, then the store stops and the process exits. Only this process runs experiments in this data folder
     * (it holds the lock), so every non-final experiment there is one nobody will record. The loop's threads go on
     * until the halt: a plan whose write was under way during a sweep lands just after it (seen in CtrlCTest: an
     * experiment left PLANNED), so the sweep repeats, a moment apart, until a second or later one finds nothing new.
     */
    private void stopNow(LocalStore store) {
        int marked = 0;
        try {
            String run = store.experiments().resolveRun(runId);
            for (int pass = 0; pass < 5; pass++) {
                if (pass > 0) {
                    Thread.sleep(200);
                }
                int found = markInterrupted(store, run);
                marked += found;
                if (pass > 0 && found == 0) {
                    break;
                }
            }
            System.err.println("codec-lab: stopped; " + marked + " experiment(s) in flight marked INTERRUPTED");
        } catch (InterruptedException e) {
            System.err.println("codec-lab: stopped while marking the experiments in flight; " + marked + " marked INTERRUPTED,"
                    + " the next run marks the rest TIMED_OUT after --deadline");
        } catch (RuntimeException e) {
            System.err.println("codec-lab: stopped, but could not mark the experiments in flight (" + CliErrors.oneLine(e)
                    + "); the next run marks them TIMED_OUT after --deadline");
        } finally {
            long server = store.dynamo() == null ? -1 : store.dynamo().pid();
            ProcessHandle.current().children().filter(p -> p.pid() != server).forEach(p -> {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
            });
            store.close();
            Runtime.getRuntime().halt(130);
        }
    }

    /** One sweep of the second Ctrl-C: records every non-final experiment of the run INTERRUPTED; how many it marked. */
    private static int markInterrupted(LocalStore store, String run) {
        int marked = 0;
        for (codeclab.core.Experiment e : store.experiments().stuck(run, java.time.Duration.ZERO, java.time.Instant.now().plusSeconds(1))) {
            try {
                store.experiments().finish(run, e.experimentId(), codeclab.store.FinalResult.failure(OutcomeKind.INTERRUPTED,
                        "interrupted in " + e.status() + ": codec-lab run was stopped at once (second Ctrl-C or SIGTERM) before"
                                + " this experiment was recorded; it says nothing about the codec"), "interrupt:" + e.experimentId());
                marked++;
            } catch (codeclab.store.ConcurrentTransitionException recordedMeanwhile) {
                // it was recorded between the query and this write: its own result stands
            }
        }
        return marked;
    }

    /** Generations on the deployed stack: the same state machine, run by Step Functions; progress read from its table. */
    private void runOnStack() {
        BackendOptions options = new BackendOptions();
        options.stack = stack;
        try (Backend backend = options.open(); StackGenerations generations = ((StackBackend) backend).generations()) {
            String run = backend.operations().resolveRun(runId);
            backend.experiments().ensureRun(run, java.time.Instant.now());
            String seen = backend.experiments().newest(run, 1).stream().map(codeclab.core.Experiment::experimentId).findFirst().orElse(null);
            int done = 0;
            for (int g = 1; done < experiments && !backend.experiments().getRun(run).paused(); g++) {
                int size = Math.min(parallel, experiments - done);
                String arn = generations.start(run, size, g);
                System.out.println("generation " + g + ": " + size + " experiments, execution " + arn);
                StackGenerations.Outcome outcome = generations.await(arn, java.time.Duration.ofHours(2));
                for (codeclab.core.Experiment e : backend.experiments().since(run, seen)) {
                    if (e.status().isFinal()) {
                        System.out.printf(Locale.ROOT, "  %s %-9s %s%n", e.experimentId(), e.status(),
                                e.ratioToBaseline() == null ? "" : String.format(Locale.ROOT, "ratio %.3f", e.ratioToBaseline()));
                        seen = e.experimentId();
                    }
                }
                if (!outcome.succeeded()) {
                    throw new UserError("execution " + arn + " ended " + outcome.status()
                            + (outcome.error() == null ? "" : ": " + outcome.error() + " " + outcome.cause()), 4);
                }
                done += size;
            }
            printSummary(backend.experiments().getRun(run), backend.experiments().all(run), backend.experiments().getRun(run).paused(), null,
                    "on the stack the monitor writes the site hourly");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UserError("interrupted; the started executions go on in AWS");
        }
    }

    /** On stderr with --json, so stdout stays one JSON document. */
    private void printTimings(StageStats stats, double wallSeconds) {
        long recorded = stats.timings().stream().filter(t -> t.stage() == StageListener.Stage.RECORD && !t.replay()).count();
        java.io.PrintStream out = json ? System.err : System.out;
        out.println();
        out.printf(Locale.ROOT, "timings: %d experiments in %.1f s wall, --parallel %d: %.1f experiments/hour%n",
                recorded, wallSeconds, parallel, recorded * 3600.0 / wallSeconds);
        out.print(stats.table());
    }

    /**
     * The counts are {@link RunCounts}, the definitions the monitor, the review and the site use; the score is the best
     * BD-rate (PSNR-Y) vs x264, the bitrate ratio at the target quality the second figure.
     */
    private void printSummary(RunSummary s, List<codeclab.core.Experiment> all, boolean paused, SitePublisher.Published site, String siteError) {
        Report report = site == null ? null : site.report();
        String index = site == null ? null : SiteCommands.defaultFolder(data).resolve("index.html").toAbsolutePath().normalize().toString();
        RunCounts counts = RunCounts.of(all);
        codeclab.core.Experiment best = bestMeasured(all);
        if (json) {
            com.fasterxml.jackson.databind.node.ObjectNode doc = (com.fasterxml.jackson.databind.node.ObjectNode) JsonNumbers.finite(s);
            doc.set("counts", JsonNumbers.finite(counts));
            doc.put("bestBdRateExperimentId", best == null ? null : best.experimentId());
            if (best != null) doc.put("bestBdRatePercent", best.bdRatePercent());
            doc.put("verdict", report == null ? null : report.verdict().name());
            doc.put("severity", report == null ? null : report.severity().name());
            doc.put("site", index);
            if (siteError != null) doc.put("siteError", siteError);
            System.out.println(Json.write(doc));
            return;
        }
        System.out.println();
        System.out.printf(Locale.ROOT, "run %s%s: %s%n", s.runId(), paused ? " (paused)" : "", counts.describe());
        if (s.pauseReason() != null) {
            System.out.println("  PAUSED: " + s.pauseReason());
        }
        System.out.printf(Locale.ROOT, "  best BD-rate (PSNR-Y) vs x264: %s%n", best == null ? "none measured yet"
                : String.format(Locale.ROOT, "%+.1f %% (experiment %s%s; negative = fewer bits than x264 for the same quality, lower is better)",
                best.bdRatePercent(), best.experimentId(), heldOut(best)));
        System.out.printf(Locale.ROOT, "  best bitrate at %.1f dB PSNR-Y / x264's: %s%n", targetPsnr,
                s.bestRatio() == null ? "n/a (no codec reached the target quality on every clip)"
                        : String.format(Locale.ROOT, "%.3f (experiment %s; x264 = 1.0, lower is better)", s.bestRatio(), s.bestExperimentId()));
        if (s.plannerSpend().calls() > 0) {
            System.out.printf(Locale.ROOT, "  LLM: %d calls, %d tokens in, %d out, $%.4f spent%s%n", s.plannerSpend().calls(),
                    s.plannerSpend().inputTokens(), s.plannerSpend().outputTokens(), s.plannerSpend().spentUsd(),
                    stack == null ? String.format(Locale.ROOT, " of the $%.2f budget", budget) : "");
        }
        if (report != null) {
            System.out.println("  monitor verdict: " + report.verdict() + " [" + report.severity() + "] - " + String.join("; ", report.reasons()));
            System.out.println("    " + codeclab.site.Glossary.verdictAdvice(report.verdict().name()));
        }
        List<String> data = stack != null ? List.of("--stack", stack) : Hints.dataArgs(this.data);
        List<String> run = runGiven ? List.of("--run", s.runId()) : List.of();
        if (index != null) {
            System.out.println("  site: " + index + " (" + site.posts() + " posts; " + Hints.command("serve", data) + ")");
        } else {
            System.out.println("  site: not written: " + siteError + " (retry with " + Hints.command("report", data) + ")");
        }
        System.out.println("  next: " + Hints.command("experiments list", concat(data, run)) + "   |   "
                + Hints.command("monitor", concat(data, run)) + "   |   " + Hints.command("run", concat(data, run)) + " (continues the run)");
    }

    /** How the held-out clips judged an experiment, when they were measured: the promotion rule of RecordStage. */
    private static String heldOut(codeclab.core.Experiment e) {
        Boolean confirmed = e.holdoutConfirmed();
        if (confirmed == null) {
            return "";
        }
        return e.holdoutBdRatePercent() == null ? "; no BD-rate on the held-out clips, not promoted"
                : String.format(Locale.ROOT, "; held-out clips %+.1f %%, %s", e.holdoutBdRatePercent(),
                confirmed ? "confirmed" : "not confirmed, so not promoted");
    }

    /** The completed experiment with the lowest dev BD-rate (the dashboard's "best"), or null. */
    static codeclab.core.Experiment bestMeasured(List<codeclab.core.Experiment> all) {
        return all.stream().filter(e -> e.completed() && e.bdRatePercent() != null && Double.isFinite(e.bdRatePercent()))
                .min(java.util.Comparator.comparingDouble(codeclab.core.Experiment::bdRatePercent)).orElse(null);
    }

    /**
     * One line per recorded experiment: its own BD-rate and the best measured so far, the same "best" the summary and
     * the dashboard show (the run item's best-so-far is only what the held-out clips confirmed, see RecordStage).
     */
    static final class Progress {
        private final int total;
        private final boolean enabled;
        private int recorded;
        private Double best;
        private final long started = System.nanoTime();

        Progress(int total, boolean enabled, Double best) {
            this.total = total;
            this.enabled = enabled;
            this.best = best;
        }

        synchronized void accept(LocalRunner.Progress p) {
            if (!enabled) {
                return;
            }
            switch (p) {
                case LocalRunner.Progress.Recorded r -> System.out.println(line(r, (System.nanoTime() - started) / 1e9));
                case LocalRunner.Progress.GenerationFailed f ->
                        System.out.println("generation failed: " + f.error() + ": " + f.cause());
                case LocalRunner.Progress.StateEntered s -> {
                    // too chatty for a terminal; the recorded lines carry the progress
                }
            }
        }

        synchronized String line(LocalRunner.Progress.Recorded r, double elapsedSeconds) {
            recorded++;
            Double own = r.bdRatePercent() != null && Double.isFinite(r.bdRatePercent()) ? r.bdRatePercent() : null;
            if (own != null && (best == null || own < best)) {
                best = own;
            }
            int width = 24;
            int filled = Math.min(width, recorded * width / Math.max(total, 1));
            return String.format(Locale.ROOT, "[%s%s] %d/%d %s %-9s BD-rate %s, best %s  (%.0f s)", "#".repeat(filled),
                    ".".repeat(width - filled), recorded, total, r.experimentId(), r.status(), percent(own), percent(best),
                    elapsedSeconds);
        }

        private static String percent(Double v) {
            return v == null ? "n/a" : String.format(Locale.ROOT, "%+.1f %%", v);
        }
    }
}
