package codeclab.planner.evolve;

import codeclab.harness.Harness;
import codeclab.harness.HarnessConfig;
import codeclab.harness.X264Baselines;
import codeclab.media.Clip;
import codeclab.media.ClipSets;
import codeclab.planner.Planner;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;

/**
 * Evolution vs best-of-N random sampling on the default dev clips, measured by the real harness against
 * x264 (baselines cached under target/). Not a test: run with
 * {@code .ci/mvn -q -pl functions/planner -am verify -Pevolution-bench -DskipTests}.
 *
 * <p>Arguments: experiments per run, comma-separated seeds, output folder, strategies (default
 * {@code evolutionary,random}), optionally a folder of dev clips (*.y4m; default the synthetic dev set) and a
 * folder of held-out clips on which every run's best is measured at the end. Two runs go at a time, one per
 * core. Writes a markdown report to {@code <output>/evolution-bench.md} and progress to stdout.
 */
public final class DevClipsEvolutionBench {

    static final int[] CHECKPOINTS = {3, 10, 25, 50, 100, 200};

    public static void main(String[] args) throws IOException {
        int experiments = args.length > 0 ? Integer.parseInt(args[0]) : 100;
        long[] seeds = args.length > 1 ? Arrays.stream(args[1].split(",")).mapToLong(Long::parseLong).toArray() : new long[] {1};
        Path out = Path.of(args.length > 2 ? args[2] : "target");
        List<String> strategies = List.of((args.length > 3 ? args[3] : "evolutionary,random").split(","));
        List<Clip> clips = args.length > 4 && !args[4].isBlank() ? y4mClips(Path.of(args[4])) : ClipSets.load("dev", out.resolve("clips"));
        List<Clip> holdout = args.length > 5 ? y4mClips(Path.of(args[5])) : List.of();
        Harness harness = new Harness(HarnessConfig.defaults(), new X264Baselines(out.resolve("x264-cache")));
        Map<String, Evaluator.Result> memo = new ConcurrentHashMap<>();
        HarnessEvaluator harnessEvaluator = new HarnessEvaluator(harness, clips);
        long t0 = System.nanoTime();
        new Recording(harnessEvaluator, memo, "warm-up").evaluate(DesignTemplate.render(Design.hybridSeed())); // JIT, javac, x264 baselines
        System.out.printf(Locale.ROOT, "warm-up (x264 baselines + first candidate) %.1f s%n", (System.nanoTime() - t0) / 1e9);

        // Two runs at a time (one per core): each run is sequential and deterministic, runs only share the memo.
        ExecutorService pool = Executors.newFixedThreadPool(2);
        List<Future<Row>> futures = new ArrayList<>();
        List<Row> done = new ArrayList<>();
        for (long seed : seeds) {
            for (String strategy : strategies) {
                Supplier<Planner> make = switch (strategy.strip()) {
                    case "evolutionary" -> EvolutionaryPlanner::new;
                    case "random" -> RandomSamplingPlanner::new;
                    default -> throw new IllegalArgumentException("unknown strategy " + strategy + "; use evolutionary and/or random");
                };
                futures.add(pool.submit(() -> {
                    Planner p = make.get();
                    Recording ev = new Recording(harnessEvaluator, memo, p.id() + " seed " + seed);
                    long s0 = System.nanoTime();
                    EvolutionBench.Curve c = EvolutionBench.run(p, ev, experiments, seed);
                    Row r = new Row(p.id(), seed, c, (System.nanoTime() - s0) / 1e9, ev.evaluated, ev.bestSource, ev.bestBd, ev.bestOverlap);
                    System.out.println(r.line());
                    synchronized (done) { // the report is rewritten after every run, so a stopped benchmark keeps what finished
                        done.add(r);
                        Files.createDirectories(out);
                        Files.writeString(out.resolve("evolution-bench.md"), report(done, experiments, clips));
                    }
                    return r;
                }));
            }
        }
        pool.shutdown();
        List<Row> rows = new ArrayList<>();
        for (Future<Row> f : futures) {
            try {
                rows.add(f.get());
            } catch (InterruptedException | ExecutionException e) {
                throw new IllegalStateException("benchmark run failed: " + e.getCause(), e);
            }
        }
        System.out.printf(Locale.ROOT, "total %.1f s%n", (System.nanoTime() - t0) / 1e9);
        String report = report(rows, experiments, clips);
        if (!holdout.isEmpty()) {
            report += heldOut(rows, holdout, harness, memo);
        }
        Files.createDirectories(out);
        Files.writeString(out.resolve("evolution-bench.md"), report);
        System.out.println(report);
    }

    /** Every *.y4m in {@code dir}, by name. */
    static List<Clip> y4mClips(Path dir) throws IOException {
        try (var files = Files.list(dir)) {
            List<Path> paths = files.filter(f -> f.toString().endsWith(".y4m")).sorted().toList();
            if (paths.isEmpty()) {
                throw new IllegalArgumentException("no .y4m clips in " + dir);
            }
            return paths.stream().map(codeclab.media.y4m.Y4mReader::read).toList();
        }
    }

    /** Each run's best (and the seeds) measured on the held-out clips the planner never saw. */
    static String heldOut(List<Row> rows, List<Clip> holdout, Harness harness, Map<String, Evaluator.Result> memo) {
        HarnessEvaluator ev = new HarnessEvaluator(harness, holdout);
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%nHeld-out confirmation on %s:%n%n| what | dev BD-rate | held-out BD-rate | per clip |%n|---|---:|---:|---|%n",
                holdout.stream().map(Clip::name).toList()));
        // the best seed on the dev clips (the start of every evolution run) and every run's best
        Map<String, String> what = new java.util.LinkedHashMap<>();
        Design bestSeed = null;
        Double bestSeedBd = null;
        for (Design seed : Design.seeds()) {
            Evaluator.Result r = memo.get(DesignTemplate.render(seed));
            Double bd = r instanceof Evaluator.Result.Measured m ? m.evaluation().bdRatePercent() : null;
            if (bd != null && (bestSeedBd == null || bd < bestSeedBd)) {
                bestSeed = seed;
                bestSeedBd = bd;
            }
        }
        if (bestSeed != null) {
            what.put(DesignTemplate.render(bestSeed), "best seed (" + bestSeed.niche() + ")");
        }
        for (Row r : rows) {
            if (r.bestSource != null) {
                what.merge(r.bestSource, r.planner + " seed " + r.seed + " best", (a, b) -> a + ", " + b);
            }
        }
        what.forEach((src, label) -> {
            Evaluator.Result dev = memo.get(src);
            Evaluator.Result res = ev.evaluate(src);
            Double devBd = dev instanceof Evaluator.Result.Measured m ? m.evaluation().bdRatePercent() : null;
            String perClip = res instanceof Evaluator.Result.Measured m ? m.evaluation().clips().stream()
                    .map(c -> c.clipId() + " " + fmt(c.bdRatePercent())).reduce((a, b) -> a + ", " + b).orElse("")
                    : ((Evaluator.Result.Failed) res).kind().toString();
            Double bd = res instanceof Evaluator.Result.Measured m ? m.evaluation().bdRatePercent() : null;
            sb.append("| ").append(label).append(" | ").append(fmt(devBd)).append(" | ").append(fmt(bd)).append(" | ").append(perClip).append(" |\n");
            System.out.println("held-out: " + label + " " + fmt(bd) + " (" + perClip + ")");
        });
        return sb.toString();
    }

    record Row(String planner, long seed, EvolutionBench.Curve curve, double wallSeconds, int evaluated,
               String bestSource, Double bestBd, Double bestOverlap) {
        String line() {
            StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%-18s seed %d:", planner, seed));
            for (int n : CHECKPOINTS) {
                if (n <= curve.bestSoFar().size()) {
                    sb.append(String.format(Locale.ROOT, " best@%d %s", n, fmt(curve.bestAfter(n))));
                }
            }
            sb.append(String.format(Locale.ROOT, " | failed %d/%d | %.2f s/experiment", curve.failures(),
                    curve.bestSoFar().size(), wallSeconds / curve.bestSoFar().size()));
            return sb.toString();
        }
    }

    static String report(List<Row> rows, int experiments, List<Clip> clips) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "Clips: %s. Budget: %d experiments per run.%n%n",
                clips.stream().map(c -> c.name() + " " + c.width() + "x" + c.height() + "x" + c.frameCount()).toList(),
                experiments));
        sb.append("| strategy | seed |");
        for (int n : CHECKPOINTS) {
            sb.append(" best@").append(n).append(" |");
        }
        sb.append(" failed | s/experiment |\n|---|---:|");
        sb.append("---:|".repeat(CHECKPOINTS.length)).append("---:|---:|\n");
        for (Row r : rows) {
            sb.append("| ").append(r.planner).append(" | ").append(r.seed).append(" |");
            for (int n : CHECKPOINTS) {
                sb.append(' ').append(n <= r.curve.bestSoFar().size() ? fmt(r.curve.bestAfter(n)) : "—").append(" |");
            }
            sb.append(String.format(Locale.ROOT, " %d%% | %.2f |%n", Math.round(100.0 * r.curve.failures() / r.curve.bestSoFar().size()),
                    r.wallSeconds / r.curve.bestSoFar().size()));
        }
        sb.append("\nBest genome per run:\n\n");
        for (Row r : rows) {
            sb.append(String.format(Locale.ROOT, "- %s seed %d (%s, overlap %s): %s%n", r.planner, r.seed, fmt(r.bestBd),
                    r.bestOverlap == null ? "n/a" : String.format(Locale.ROOT, "%.0f %%", r.bestOverlap),
                    r.bestSource == null ? "none" : DesignTemplate.designOf(r.bestSource).map(Design::describe).orElse("?")));
        }
        return sb.toString();
    }

    static String fmt(Double d) {
        return d == null ? "n/a" : String.format(Locale.ROOT, "%+.1f%%", d);
    }

    /** Memoises by source (rendering is deterministic, so the same source measures the same), tracks the run's best, logs each experiment. */
    static final class Recording implements Evaluator {
        final Evaluator inner;
        final Map<String, Result> memo;
        final String tag;
        int evaluated;
        String bestSource;
        Double bestBd;
        Double bestOverlap;

        Recording(Evaluator inner, Map<String, Result> memo, String tag) {
            this.inner = inner;
            this.memo = memo;
            this.tag = tag;
        }

        @Override
        public Result evaluate(String source) {
            long t0 = System.nanoTime();
            Result r = memo.get(source);
            if (r == null) {
                r = inner.evaluate(source);
                memo.put(source, r);
            }
            evaluated++;
            Double bd = r instanceof Result.Measured m ? m.evaluation().bdRatePercent() : null;
            Double overlap = r instanceof Result.Measured m
                    ? m.evaluation().bdRate(codeclab.core.QualityMetric.PSNR_Y).overlapPercent() : null;
            if (bd != null && (bestBd == null || bd < bestBd)) {
                bestBd = bd;
                bestOverlap = overlap;
                bestSource = source;
                System.out.printf(Locale.ROOT, "[%s] new best %s: %s%n", tag, fmt(bd),
                        DesignTemplate.designOf(source).map(Design::toString).orElse("?"));
            }
            String what = r instanceof Result.Failed f ? "FAILED " + f.kind() + " " + f.message().lines().findFirst().orElse("")
                    : "BD-rate " + fmt(bd) + " (overlap " + (overlap == null ? "n/a" : String.format(Locale.ROOT, "%.0f %%", overlap)) + ")"
                    + (bd == null && r instanceof Result.Measured m2 ? " " + m2.evaluation().bdRateNote() : "");
            System.out.printf(Locale.ROOT, "[%s] #%d %.1f s %s (best %s)%n", tag, evaluated, (System.nanoTime() - t0) / 1e9, what, fmt(bestBd));
            return r;
        }
    }
}
