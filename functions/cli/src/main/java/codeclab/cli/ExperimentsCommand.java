package codeclab.cli;

import codeclab.core.ClipEvaluation;
import codeclab.core.Evaluation;
import codeclab.core.Experiment;
import codeclab.core.RdPoint;
import codeclab.harness.Harness;
import codeclab.harness.HarnessConfig;
import codeclab.harness.X264Baselines;
import codeclab.media.Clip;
import codeclab.media.ClipLibrary;
import codeclab.media.ClipSets;
import codeclab.sandbox.CompiledCodec;
import codeclab.sandbox.RunFailure;
import codeclab.sandbox.SandboxConfig;
import codeclab.sandbox.Validator;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** {@code codec-lab experiments list|show|rerun}: what a run did, one experiment in full, and re-running one from its stored code. */
@Command(name = "experiments", mixinStandardHelpOptions = true,
        description = "List a run's experiments, show one, or re-run one from its stored code and clip hashes.",
        subcommands = {ExperimentsCommand.ListCmd.class, ExperimentsCommand.Show.class, ExperimentsCommand.Rerun.class})
public final class ExperimentsCommand extends CommandGroup {

    static class Common {
        @CommandLine.Mixin
        BackendOptions backend = new BackendOptions();

        @Option(names = "--run", description = "Run id (default: the current run).")
        String run;

        @Option(names = "--json", description = "Print JSON.")
        boolean json;

        /** Local folder for clip and x264 caches (the data folder, or the default one when working on a stack). */
        Path work() {
            return backend.data == null ? Path.of(BackendOptions.DEFAULT_DATA) : backend.data;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "The run's experiments, newest first.")
    static final class ListCmd implements Runnable {
        @CommandLine.Mixin
        Common common = new Common();

        @Option(names = "--limit", defaultValue = "50", description = "At most this many (default: ${DEFAULT-VALUE}).")
        int limit;

        @Override
        public void run() {
            try (Backend store = common.backend.open()) {
                String runId = store.operations().resolveRun(common.run);
                RunLookup.run(store, common.backend, runId);
                List<Experiment> list = store.experiments().newest(runId, limit);
                if (common.json) {
                    System.out.println(Json.write(list));
                    return;
                }
                System.out.printf("%-28s %-10s %-16s %14s %10s %9s %13s %8s  %s%n", "EXPERIMENT", "STATUS", "OUTCOME",
                        "BD-RATE/OVERLAP", "KBPS@TGT", "RATIO", "TOKENS IN/OUT", "USD", "PLANNER");
                for (Experiment e : list) {
                    System.out.printf(Locale.ROOT, "%-28s %-10s %-16s %14s %10s %9s %13s %8s  %s%n", e.experimentId(), e.status(),
                            e.outcome() == null ? "-" : e.outcome(), fmt(e.bdRatePercent(), "%+.1f%%") + (e.bdRatePercent() == null || e.bdRateOverlapPercent() == null ? ""
                                    : fmt(e.bdRateOverlapPercent(), "/%.0f%%")), fmt(e.bitrateAtTargetKbps(), "%.1f"),
                            fmt(e.ratioToBaseline(), "%.3f"), tokens(e), e.costUsd() == 0 ? "-" : String.format(Locale.ROOT, "%.4f", e.costUsd()),
                            e.planner());
                }
            }
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "One experiment: record, hypothesis, errors, RD points and source.")
    static final class Show implements Runnable {
        @CommandLine.Mixin
        Common common = new Common();

        @Parameters(index = "0", description = "Experiment id.")
        String id;

        @Option(names = "--source", description = "Also print the source code.")
        boolean source;

        @Option(names = "--trace", description = "Also print the planner's trace: every model call with its purpose, usage, cost and raw answer.")
        boolean trace;

        @Override
        public void run() {
            try (Backend store = common.backend.open()) {
                String runId = store.operations().resolveRun(common.run);
                Experiment e = RunLookup.experiment(store, common.backend, runId, id);
                Evaluation ev = e.evaluationHash() == null ? null : codeclab.loop.Json.read(store.artifacts().getString(e.evaluationHash()), Evaluation.class);
                String code = e.sourceHash() == null ? null : store.artifacts().getString(e.sourceHash());
                com.fasterxml.jackson.databind.JsonNode plannerTrace = plannerTrace(store, e);
                if (common.json) {
                    System.out.println(Json.write(JsonNumbers.finite(Map.of("experiment", e, "evaluation", ev == null ? Map.of() : ev,
                            "source", code == null ? "" : code, "plannerTrace", plannerTrace == null ? Map.of() : plannerTrace))));
                    return;
                }
                System.out.println("experiment " + e.experimentId() + " (run " + e.runId() + ")");
                System.out.println("  status      " + e.status() + (e.outcome() == null ? "" : " / " + e.outcome()));
                System.out.println("  planner     " + e.planner() + (e.parentId() == null ? "" : ", parent " + e.parentId()));
                System.out.println("  hypothesis  " + (e.hypothesis() == null ? "-" : e.hypothesis()));
                String original = plannerTrace == null ? null : plannerTrace.path("originalHypothesis").asText(null);
                if (original != null && !original.equals(e.hypothesis())) {
                    System.out.println("  first said  " + original + " (before the repair)");
                }
                if (e.costUsd() > 0 || e.inputTokens() > 0) {
                    System.out.printf(Locale.ROOT, "  LLM cost    $%.4f, %d tokens in, %d out%n", e.costUsd(), e.inputTokens(), e.outputTokens());
                }
                if (e.plannerLog() != null) {
                    System.out.println("  planner log " + e.plannerLog() + " (" + plannerTrace.path("calls").size()
                            + " model calls; --trace prints them)");
                }
                System.out.println("  created     " + e.createdAt() + (e.finishedAt() == null ? "" : ", finished " + e.finishedAt()));
                System.out.println("  BD-rate     " + (ev == null ? fmt(e.bdRatePercent(), "%+.2f %%")
                        : ev.bdRate(codeclab.core.QualityMetric.PSNR_Y).format()) + " (PSNR-Y), at target " + fmt(e.bitrateAtTargetKbps(), "%.1f kbps")
                        + " vs x264 " + fmt(e.baselineBitrateAtTargetKbps(), "%.1f kbps") + ", ratio " + fmt(e.ratioToBaseline(), "%.3f"));
                if (e.holdoutBdRatePercent() != null || e.holdoutRatio() != null) {
                    System.out.println("  held-out    BD-rate " + fmt(e.holdoutBdRatePercent(), "%+.2f %%")
                            + (e.holdoutBdRatePercent() == null ? "" : " (overlap >= 75 % on every held-out clip)") + ", ratio "
                            + fmt(e.holdoutRatio(), "%.3f") + (Boolean.TRUE.equals(e.holdoutConfirmed())
                            ? " (confirmed on held-out clips)" : " (not confirmed)"));
                }
                if (e.message() != null) {
                    System.out.println("  message     " + e.message().replace("\n", "\n              "));
                }
                if (ev != null && ev.codecSize() != null) {
                    System.out.println("  codec size  " + ev.codecSize().classFileBytes() + " bytes of class files, "
                            + ev.codecSize().literalDataBytes() + " bytes of literal data");
                }
                if (ev != null) {
                    BdRateTable.printExperiment(ev);
                    for (ClipEvaluation c : ev.clips()) {
                        System.out.println("  clip " + c.clipId() + " (" + c.clipHash().substring(0, 12) + ")"
                                + (c.source() == null ? "" : ": " + c.source()));
                        RdTable.print(c.points(), "QUALITY");
                        BdRateTable.print("BD-rate vs x264 on " + c.clipId(), c.bdRates());
                    }
                }
                if (trace && plannerTrace != null) {
                    PlannerTraceText.print(plannerTrace, System.out);
                }
                if (source && code != null) {
                    System.out.println();
                    System.out.println(code);
                }
            }
        }
    }

    @Command(name = "rerun", mixinStandardHelpOptions = true,
            description = "Re-run an experiment from its stored code on the clips with the stored hashes; fails unless the metrics are reproduced.")
    static final class Rerun implements Runnable {
        @CommandLine.Mixin
        Common common = new Common();

        @Parameters(index = "0", description = "Experiment id.")
        String id;

        @Override
        public void run() {
            try (Backend store = common.backend.open()) {
                String runId = store.operations().resolveRun(common.run);
                Experiment e = RunLookup.experiment(store, common.backend, runId, id);
                if (e.sourceHash() == null || e.evaluationHash() == null) {
                    throw new UserError("experiment " + id + " has no " + (e.sourceHash() == null ? "source" : "measurements")
                            + " to reproduce (status " + e.status() + ")");
                }
                Evaluation stored = codeclab.loop.Json.read(store.artifacts().getString(e.evaluationHash()), Evaluation.class);
                List<Clip> clips = clipsByHash(common.work(), stored);
                Validator validator = new Validator(SandboxConfig.defaults());
                CompiledCodec codec;
                try {
                    codec = validator.compileAndVerify(store.artifacts().getString(e.sourceHash()));
                } catch (Exception ex) {
                    throw new UserError("the stored source of " + id + " no longer compiles: " + ex.getMessage(), 3);
                }
                Evaluation again;
                try {
                    // the stored sweep and seed: the same knobs in the same order
                    again = new Harness(Harness.configOf(stored), new X264Baselines(common.work().resolve("baselines")))
                            .evaluate(codec, validator.runner(), clips, msg -> { },
                                    stored.qualitySeed() == null ? 0L : stored.qualitySeed());
                } catch (RunFailure f) {
                    throw new UserError("re-run of " + id + " failed: " + f.kind() + ": " + f.getMessage(), 4);
                }
                List<String> differences = compare(stored, again);
                if (common.json) {
                    System.out.println(Json.write(JsonNumbers.finite(Map.of("reproduced", differences.isEmpty(), "differences", differences, "evaluation", again))));
                } else if (differences.isEmpty()) {
                    System.out.printf(Locale.ROOT, "reproduced: %d clips, %d RD points with identical sizes and metrics; BD-rate %s%n",
                            again.clips().size(), again.clips().stream().mapToInt(c -> c.points().size()).sum(), fmt(again.bdRatePercent(), "%+.2f %%"));
                }
                if (!differences.isEmpty()) {
                    throw new UserError("not reproduced: " + String.join("; ", differences), 5);
                }
            }
        }

        /** Sizes must match exactly; metrics to 1e-9 (same frames, same arithmetic). Timings are not compared. */
        static List<String> compare(Evaluation a, Evaluation b) {
            List<String> diffs = new ArrayList<>();
            for (int c = 0; c < a.clips().size(); c++) {
                List<RdPoint> pa = a.clips().get(c).points();
                List<RdPoint> pb = b.clips().get(c).points();
                for (int i = 0; i < pa.size(); i++) {
                    RdPoint x = pa.get(i);
                    RdPoint y = pb.get(i);
                    if (x.bytes() != y.bytes() || Math.abs(x.psnrY() - y.psnrY()) > 1e-9 || Math.abs(x.ssimY() - y.ssimY()) > 1e-9) {
                        diffs.add(String.format(Locale.ROOT, "clip %s quality %.0f: %d bytes %.4f dB then, %d bytes %.4f dB now",
                                a.clips().get(c).clipId(), x.quality(), x.bytes(), x.psnrY(), y.bytes(), y.psnrY()));
                    }
                }
            }
            return diffs;
        }

        /** The stored evaluation names clips by content hash: find them among the named sets and the clip library. */
        static List<Clip> clipsByHash(Path data, Evaluation stored) {
            Map<String, Clip> known = Stream.concat(ClipSets.names().stream().flatMap(s -> ClipSets.load(s, data.resolve("clips").resolve(".bundled")).stream()),
                            new ClipLibrary(data.resolve("clips")).list().stream().map(i -> ClipLibrary.read(i.path(), i.name())))
                    .collect(Collectors.toMap(Clip::contentHash, Function.identity(), (x, y) -> x));
            List<Clip> clips = new ArrayList<>();
            for (ClipEvaluation c : stored.clips()) {
                Clip clip = known.get(c.clipHash());
                if (clip == null) {
                    throw new UserError("clip " + c.clipId() + " (hash " + c.clipHash() + ") is not available: import it with " + Hints.command("clips import", Hints.dataArgs(data)) + " FILE");
                }
                clips.add(clip);
            }
            return clips;
        }
    }

    /** The experiment's planner trace, or null when it has none. */
    static com.fasterxml.jackson.databind.JsonNode plannerTrace(Backend store, Experiment e) {
        if (e.plannerLog() == null) {
            return null;
        }
        try {
            return codeclab.loop.Json.MAPPER.readTree(store.artifacts().getString(e.plannerLog()));
        } catch (com.fasterxml.jackson.core.JsonProcessingException ex) {
            throw new UserError("the planner log " + e.plannerLog() + " of " + e.experimentId() + " is not JSON: " + ex.getOriginalMessage());
        }
    }

    static String tokens(Experiment e) {
        return e.inputTokens() == 0 && e.outputTokens() == 0 ? "-" : e.inputTokens() + "/" + e.outputTokens();
    }

    static String fmt(Double v, String pattern) {
        return v == null || v.isNaN() ? "-" : String.format(Locale.ROOT, pattern, v);
    }
}
