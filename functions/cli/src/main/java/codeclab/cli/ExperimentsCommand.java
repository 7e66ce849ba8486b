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
import codeclab.media.synthetic.SyntheticClips;
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
                System.out.printf("%-28s %-10s %-16s %9s %10s %9s  %s%n", "EXPERIMENT", "STATUS", "OUTCOME", "BD-RATE", "KBPS@TGT", "RATIO", "PLANNER");
                for (Experiment e : list) {
                    System.out.printf(Locale.ROOT, "%-28s %-10s %-16s %9s %10s %9s  %s%n", e.experimentId(), e.status(),
                            e.outcome() == null ? "-" : e.outcome(), fmt(e.bdRatePercent(), "%+.1f%%"), fmt(e.bitrateAtTargetKbps(), "%.1f"),
                            fmt(e.ratioToBaseline(), "%.3f"), e.planner());
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

        @Override
        public void run() {
            try (Backend store = common.backend.open()) {
                String runId = store.operations().resolveRun(common.run);
                Experiment e = RunLookup.experiment(store, common.backend, runId, id);
                Evaluation ev = e.evaluationHash() == null ? null : codeclab.loop.Json.read(store.artifacts().getString(e.evaluationHash()), Evaluation.class);
                String code = e.sourceHash() == null ? null : store.artifacts().getString(e.sourceHash());
                if (common.json) {
                    System.out.println(Json.write(JsonNumbers.finite(Map.of("experiment", e, "evaluation", ev == null ? Map.of() : ev,
                            "source", code == null ? "" : code))));
                    return;
                }
                System.out.println("experiment " + e.experimentId() + " (run " + e.runId() + ")");
                System.out.println("  status      " + e.status() + (e.outcome() == null ? "" : " / " + e.outcome()));
                System.out.println("  planner     " + e.planner() + (e.parentId() == null ? "" : ", parent " + e.parentId()));
                System.out.println("  hypothesis  " + (e.hypothesis() == null ? "-" : e.hypothesis()));
                System.out.println("  created     " + e.createdAt() + (e.finishedAt() == null ? "" : ", finished " + e.finishedAt()));
                System.out.println("  BD-rate     " + fmt(e.bdRatePercent(), "%+.2f %%") + ", at target " + fmt(e.bitrateAtTargetKbps(), "%.1f kbps")
                        + " vs x264 " + fmt(e.baselineBitrateAtTargetKbps(), "%.1f kbps") + ", ratio " + fmt(e.ratioToBaseline(), "%.3f"));
                if (e.holdoutBdRatePercent() != null || e.holdoutRatio() != null) {
                    System.out.println("  held-out    BD-rate " + fmt(e.holdoutBdRatePercent(), "%+.2f %%") + ", ratio "
                            + fmt(e.holdoutRatio(), "%.3f") + (Boolean.TRUE.equals(e.holdoutConfirmed())
                            ? " (confirmed on held-out clips)" : " (not confirmed)"));
                }
                if (e.message() != null) {
                    System.out.println("  message     " + e.message().replace("\n", "\n              "));
                }
                if (ev != null) {
                    for (ClipEvaluation c : ev.clips()) {
                        System.out.println("  clip " + c.clipId() + " (" + c.clipHash().substring(0, 12) + ")");
                        RdTable.print(c.points(), "QUALITY");
                    }
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
                List<Integer> qualities = stored.clips().get(0).points().stream().map(p -> (int) p.quality()).toList();
                Validator validator = new Validator(SandboxConfig.defaults());
                CompiledCodec codec;
                try {
                    codec = validator.compileAndVerify(store.artifacts().getString(e.sourceHash()));
                } catch (Exception ex) {
                    throw new UserError("the stored source of " + id + " no longer compiles: " + ex.getMessage(), 3);
                }
                Evaluation again;
                try {
                    again = new Harness(new HarnessConfig(qualities, stored.targetPsnrY()), new X264Baselines(common.work().resolve("baselines")))
                            .evaluate(codec, validator.runner(), clips);
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

        /** The stored evaluation names clips by content hash: find them among the synthetic sets and the clip library. */
        static List<Clip> clipsByHash(Path data, Evaluation stored) {
            Map<String, Clip> known = Stream.concat(SyntheticClips.setNames().stream().flatMap(s -> SyntheticClips.set(s).stream()),
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

    static String fmt(Double v, String pattern) {
        return v == null || v.isNaN() ? "-" : String.format(Locale.ROOT, pattern, v);
    }
}
