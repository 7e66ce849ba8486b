package codeclab.planner.evolve;

import codeclab.core.MetricBdRate;
import codeclab.core.QualityMetric;
import codeclab.harness.Harness;
import codeclab.harness.HarnessConfig;
import codeclab.harness.X264Baselines;
import codeclab.media.Clip;
import codeclab.media.ClipSets;
import codeclab.metrics.rd.BdRate;
import codeclab.metrics.rd.RatePoint;
import codeclab.planner.Fitness;
import codeclab.planner.Planner;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;

/**
 * Evolution vs best-of-N random sampling on the default dev clips, measured by the real harness against
 * x264 (baselines cached under target/). Not a test: run with {@code .ci/bench-codec evolve} or
 * {@code .ci/mvn -q -pl functions/planner -am verify -Pevolution-bench -DskipTests}.
 *
 * <p>Arguments: experiments per run, comma-separated seeds, output folder, strategies (default
 * {@code evolutionary,random}; {@code random@1} runs a strategy for seed 1 only), optionally a folder of dev clips (*.y4m; default the bundled real dev set) and a
 * folder of held-out clips (default the bundled held-out set) on which the seeds and every run's best are
 * measured at the end. All runs go at once (environment BENCH_THREADS caps them). "Best" is the fittest design ({@link Fitness}:
 * how much it beats the strongest seed on the worse of PSNR-Y and PSNR-YUV BD-rate), reported with its score (PSNR-Y). Writes a markdown report to
 * {@code <output>/evolution-bench.md} after every run and progress to stdout. Measurements are kept in
 * {@code <output>/evolution-memo}, so the same command resumes a stopped benchmark ({@link EvaluationMemo}).
 */
public final class DevClipsEvolutionBench {

    static final int[] CHECKPOINTS = {3, 10, 25, 50, 100, 150, 200};

    public static void main(String[] args) throws IOException {
        int experiments = args.length > 0 ? Integer.parseInt(args[0]) : 100;
        long[] seeds = args.length > 1 ? Arrays.stream(args[1].split(",")).mapToLong(Long::parseLong).toArray() : new long[] {1};
        Path out = Path.of(args.length > 2 ? args[2] : "target");
        List<String> strategies = List.of((args.length > 3 ? args[3] : "evolutionary,random").split(","));
        // Maven passes an empty property as null: no folder means the default bundled sets
        List<Clip> clips = given(args, 4) ? y4mClips(Path.of(args[4])) : ClipSets.load("dev", out.resolve("clips"));
        List<Clip> holdout = given(args, 5) ? y4mClips(Path.of(args[5])) : ClipSets.load("holdout", out.resolve("clips"));
        Harness harness = new Harness(HarnessConfig.defaults(), new X264Baselines(out.resolve("x264-cache")));
        // measurements survive a stopped benchmark: the same command resumes (delete <output>/evolution-memo to start afresh)
        EvaluationMemo memo = new EvaluationMemo(out.resolve("evolution-memo"), EvaluationMemo.hashes(clips));
        System.out.println("memo: " + memo.size() + " measurements from earlier runs of this benchmark in " + out.resolve("evolution-memo")
                + (memo.elsewhere() == 0 ? "" : " (and " + memo.elsewhere() + " on other clips, not used)"));
        HarnessEvaluator harnessEvaluator = new HarnessEvaluator(harness, clips);
        long t0 = System.nanoTime();
        Recording warm = new Recording(harnessEvaluator, memo, "references");
        references().values().forEach(d -> warm.evaluate(DesignTemplate.render(d))); // also JIT, javac, x264 baselines
        System.out.printf(Locale.ROOT, "reference designs (x264 baselines, seeds) %.1f s%n", (System.nanoTime() - t0) / 1e9);

        // Every run at once (BENCH_THREADS caps it): each run is sequential and deterministic, runs only share the
        // memo, and a run that would wait for a core gets the same share of the machine as the others.
        int threads = Integer.parseInt(System.getenv().getOrDefault("BENCH_THREADS", "0"));
        ExecutorService pool = Executors.newFixedThreadPool(threads > 0 ? threads : seeds.length * strategies.size());
        List<Future<Row>> futures = new ArrayList<>();
        List<Row> done = new ArrayList<>();
        for (long seed : seeds) {
            for (String entry : strategies) {
                // "random@1" runs that strategy for seed 1 only
                String strategy = entry.strip().split("@")[0];
                if (entry.contains("@") && Long.parseLong(entry.strip().split("@")[1]) != seed) {
                    continue;
                }
                Supplier<Planner> make = switch (strategy) {
                    case "evolutionary" -> EvolutionaryPlanner::new;
                    case "random" -> RandomSamplingPlanner::new;
                    default -> throw new IllegalArgumentException("unknown strategy " + strategy + "; use evolutionary and/or random");
                };
                futures.add(pool.submit(() -> {
                    Planner p = make.get();
                    Recording ev = new Recording(harnessEvaluator, memo, p.id() + " seed " + seed);
                    long s0 = System.nanoTime();
                    EvolutionBench.Curve c = EvolutionBench.run(p, ev, experiments, seed, reference(memo));
                    Row r = new Row(p.id(), seed, c, (System.nanoTime() - s0) / 1e9, ev.evaluated, ev.bestSource);
                    System.out.println(r.line());
                    synchronized (done) { // the report is rewritten after every run, so a stopped benchmark keeps what finished
                        done.add(r);
                        Files.createDirectories(out);
                        Files.writeString(out.resolve("evolution-bench.md"), report(done, experiments, clips, memo));
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
        String report = report(rows, experiments, clips, memo) + heldOut(rows, holdout, harness, memo, out);
        Files.createDirectories(out);
        Files.writeString(out.resolve("evolution-bench.md"), report);
        System.out.println(report);
    }

    /** The seeds (what every evolution run starts from) and hand-made variants to compare the search with. */
    static Map<String, Design> references() {
        Map<String, Design> m = new LinkedHashMap<>();
        m.put("seed: HybridCodec as shipped", Design.hybridSeed());
        m.put("seed: nearest to InterCodec", Design.interSeed());
        m.put("seed: nearest to IntraDctCodec", Design.intraSeed());
        m.put("hand: HybridCodec without B frames (I/P, the seed before B frames)", Design.hybridSeed().with(Design.Gene.BFRAMES, 0));
        return m;
    }

    private static boolean given(String[] args, int i) {
        return args.length > i && args[i] != null && !args[i].isBlank();
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

    /** The fitness reference: the strongest seed measured on the dev clips (the references are measured first), else x264. */
    static Fitness reference(Map<String, Evaluator.Result> memo) {
        Fitness f = memo.get(DesignTemplate.render(Design.hybridSeed())) instanceof Evaluator.Result.Measured m
                ? Fitness.reference(m.evaluation()) : null;
        return f == null ? Fitness.X264 : f;
    }

    /** The fittest seed on the dev clips: the start of every evolution run and the bar of "better than its best seed". */
    static String bestSeed(Map<String, Evaluator.Result> memo) {
        String best = null;
        Double bestFit = null;
        for (Design seed : Design.seeds()) {
            String src = DesignTemplate.render(seed);
            Double fit = memo.get(src) instanceof Evaluator.Result.Measured m ? reference(memo).of(m.evaluation()) : null;
            if (fit != null && (bestFit == null || fit < bestFit)) {
                best = src;
                bestFit = fit;
            }
        }
        return best;
    }

    /** The seeds, the hand variants and every run's best measured on the held-out clips the planner never saw. */
    static String heldOut(List<Row> rows, List<Clip> holdout, Harness harness, Map<String, Evaluator.Result> memo, Path out) {
        Map<String, String> what = new LinkedHashMap<>();
        references().forEach((label, d) -> what.put(DesignTemplate.render(d), label));
        for (Row r : rows) {
            if (r.bestSource != null) {
                what.merge(r.bestSource, r.planner + " seed " + r.seed + " best", (a, b) -> a + "; " + b);
            }
        }
        // held-out measurements are kept too, so the report of a finished benchmark can be written again at no cost
        return confirmation(what, memo, heldOutEvaluator(harness, holdout, out), holdout);
    }

    /** Measures on the held-out clips once per source: kept in {@code <output>/evolution-memo-holdout}. */
    static Evaluator heldOutEvaluator(Harness harness, List<Clip> holdout, Path out) {
        Evaluator measure = new HarnessEvaluator(harness, holdout);
        EvaluationMemo kept = new EvaluationMemo(out.resolve("evolution-memo-holdout"), EvaluationMemo.hashes(holdout));
        return source -> kept.measure(source, measure);
    }

    /**
     * A table of designs (source to label) on the dev clips ({@code dev}: results already measured, by source) and
     * on the held-out clips, each also against the fittest seed's own RD curves.
     */
    static String confirmation(Map<String, String> what, Map<String, Evaluator.Result> dev, Evaluator heldOut, List<Clip> holdout) {
        String seedSrc = bestSeed(dev);
        Evaluator.Result seedHeld = seedSrc == null ? null : heldOut.evaluate(seedSrc);
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%n### Held-out confirmation on %s%n%n"
                + "BD-rate vs x264 on PSNR-Y (the score) / PSNR-YUV; \"vs best seed\" is the BD-rate measured directly against the"
                + " best seed's own RD curves (PSNR-Y / PSNR-YUV, mean over clips, every clip's overlap at least 75 %%).%n%n"
                + "| design | dev | held-out | dev vs best seed | held-out vs best seed | held-out per clip (PSNR-Y) |%n|---|---:|---:|---:|---:|---|%n",
                holdout.stream().map(c -> c.name() + " " + c.width() + "x" + c.height()).toList()));
        what.forEach((src, label) -> {
            Evaluator.Result d = dev.get(src);
            Evaluator.Result held = src.equals(seedSrc) ? seedHeld : heldOut.evaluate(src);
            String perClip = held instanceof Evaluator.Result.Measured m ? m.evaluation().clips().stream()
                    .map(c -> c.clipId() + " " + fmt(c.bdRatePercent())).reduce((a, b) -> a + ", " + b).orElse("")
                    : held == null ? "" : ((Evaluator.Result.Failed) held).kind().toString();
            sb.append("| ").append(label).append(" | ").append(both(d)).append(" | ").append(both(held)).append(" | ")
                    .append(vs(d, dev.get(seedSrc))).append(" | ").append(vs(held, seedHeld)).append(" | ").append(perClip).append(" |\n");
            System.out.println("held-out: " + label + " " + both(held) + " (" + perClip + ")");
        });
        return sb.toString();
    }

    /** "PSNR-Y / PSNR-YUV" BD-rate vs x264 of a result. */
    static String both(Evaluator.Result r) {
        return r instanceof Evaluator.Result.Measured m ? fmt(m.evaluation().bdRate(QualityMetric.PSNR_Y).percent()) + " / "
                + fmt(m.evaluation().bdRate(QualityMetric.PSNR_YUV).percent())
                : r instanceof Evaluator.Result.Failed f ? f.kind().toString() : "n/a";
    }

    /** BD-rate of {@code test} against {@code ref} directly, PSNR-Y / PSNR-YUV, mean over the clips. */
    static String vs(Evaluator.Result test, Evaluator.Result ref) {
        if (!(test instanceof Evaluator.Result.Measured t) || !(ref instanceof Evaluator.Result.Measured r)) {
            return "n/a";
        }
        return fmt(direct(t.evaluation(), r.evaluation(), false)) + " / " + fmt(direct(t.evaluation(), r.evaluation(), true));
    }

    static Double direct(codeclab.core.Evaluation test, codeclab.core.Evaluation ref, boolean yuv) {
        double sum = 0;
        for (int i = 0; i < test.clips().size(); i++) {
            List<RatePoint> a = ref.clips().get(i).points().stream().map(p -> new RatePoint(p.bitrateKbps(), yuv ? p.psnrYuv() : p.psnrY())).toList();
            List<RatePoint> b = test.clips().get(i).points().stream().map(p -> new RatePoint(p.bitrateKbps(), yuv ? p.psnrYuv() : p.psnrY())).toList();
            BdRate bd = BdRate.compute(a, b);
            if (!bd.defined()) {
                return null;
            }
            sum += bd.percent();
        }
        return sum / test.clips().size();
    }

    record Row(String planner, long seed, EvolutionBench.Curve curve, double wallSeconds, int evaluated, String bestSource) {
        String line() {
            StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%-18s seed %d:", planner, seed));
            for (int n : CHECKPOINTS) {
                if (n <= curve.bestSoFar().size()) {
                    sb.append(String.format(Locale.ROOT, " best@%d %s", n, cell(curve, n)));
                }
            }
            sb.append(String.format(Locale.ROOT, " | failed %d/%d | %.2f s/experiment", curve.failures(),
                    curve.bestSoFar().size(), wallSeconds / curve.bestSoFar().size()));
            return sb.toString();
        }
    }

    /** "score (fitness)" of the fittest design after {@code n} experiments. */
    static String cell(EvolutionBench.Curve c, int n) {
        return fmt(c.bestAfter(n)) + " (" + fmt(c.fitnessSoFar().get(Math.min(n, c.fitnessSoFar().size()) - 1)) + ")";
    }

    static String report(List<Row> rows, int experiments, List<Clip> clips, Map<String, Evaluator.Result> memo) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "Dev clips: %s. Budget: %d experiments per run.%n%n",
                clips.stream().map(c -> c.name() + " " + c.width() + "x" + c.height() + "x" + c.frameCount()).toList(),
                experiments));
        sb.append("### Reference designs on the dev clips\n\nBD-rate vs x264 (overlap: the smallest clip overlap).\n\n"
                + "| design | PSNR-Y (score) | PSNR-YUV | SSIM-Y | fitness |\n|---|---:|---:|---:|---:|\n");
        references().forEach((label, d) -> {
            Evaluator.Result r = memo.get(DesignTemplate.render(d));
            if (r instanceof Evaluator.Result.Measured m) {
                var e = m.evaluation();
                sb.append("| ").append(label).append(" | ").append(withOverlap(e.bdRate(QualityMetric.PSNR_Y))).append(" | ")
                        .append(withOverlap(e.bdRate(QualityMetric.PSNR_YUV))).append(" | ").append(withOverlap(e.bdRate(QualityMetric.SSIM_Y)))
                        .append(" | ").append(fmt(reference(memo).of(e))).append(" |\n");
            } else {
                sb.append("| ").append(label).append(" | ").append(both(r)).append(" | | | |\n");
            }
        });
        sb.append("\n### Progress\n\nPSNR-Y BD-rate vs x264 of the fittest design so far (its fitness: how much it beats the strongest seed on"
                + " the worse of PSNR-Y and PSNR-YUV BD-rate, negative = better on both).\n\n");
        sb.append("| strategy | seed |");
        for (int n : CHECKPOINTS) {
            sb.append(" best@").append(n).append(" |");
        }
        sb.append(" failed | s/experiment |\n|---|---:|");
        sb.append("---:|".repeat(CHECKPOINTS.length)).append("---:|---:|\n");
        for (Row r : rows) {
            sb.append("| ").append(r.planner).append(" | ").append(r.seed).append(" |");
            for (int n : CHECKPOINTS) {
                sb.append(' ').append(n <= r.curve.bestSoFar().size() ? cell(r.curve, n) : "—").append(" |");
            }
            sb.append(String.format(Locale.ROOT, " %d%% | %.2f |%n", Math.round(100.0 * r.curve.failures() / r.curve.bestSoFar().size()),
                    r.wallSeconds / r.curve.bestSoFar().size()));
        }
        sb.append("\nBest design per run:\n\n");
        for (Row r : rows) {
            Evaluator.Result res = r.bestSource == null ? null : memo.get(r.bestSource);
            sb.append(String.format(Locale.ROOT, "- %s seed %d (%s): %s%n", r.planner, r.seed,
                    res instanceof Evaluator.Result.Measured m ? withOverlap(m.evaluation().bdRate(QualityMetric.PSNR_Y))
                            + ", PSNR-YUV " + withOverlap(m.evaluation().bdRate(QualityMetric.PSNR_YUV)) : "none",
                    r.bestSource == null ? "none" : DesignTemplate.designOf(r.bestSource).map(Design::describe).orElse("?")));
        }
        return sb.toString();
    }

    static String withOverlap(MetricBdRate b) {
        return b.percent() == null ? "n/a (" + b.note() + ")" : fmt(b.percent())
                + (b.overlapPercent() == null ? "" : String.format(Locale.ROOT, " (overlap %.0f %%)", b.overlapPercent()));
    }

    static String fmt(Double d) {
        return d == null ? "n/a" : String.format(Locale.ROOT, "%+.1f%%", d);
    }

    /** Memoises by source (rendering is deterministic, so the same source measures the same), tracks the run's fittest, logs each experiment. */
    static final class Recording implements Evaluator {
        final Evaluator inner;
        final EvaluationMemo memo;
        final String tag;
        int evaluated;
        String bestSource;
        Double bestFitness;

        Recording(Evaluator inner, EvaluationMemo memo, String tag) {
            this.inner = inner;
            this.memo = memo;
            this.tag = tag;
        }

        @Override
        public Result evaluate(String source) {
            long t0 = System.nanoTime();
            Result r = memo.measure(source, inner);
            evaluated++;
            Double fit = r instanceof Result.Measured m && m.evaluation().bdRatePercent() != null ? reference(memo).of(m.evaluation()) : null;
            if (fit != null && (bestFitness == null || fit < bestFitness)) {
                bestFitness = fit;
                bestSource = source;
                System.out.printf(Locale.ROOT, "[%s] new best %s: %s%n", tag, both(r),
                        DesignTemplate.designOf(source).map(Design::toString).orElse("?"));
            }
            String what = r instanceof Result.Failed f ? "FAILED " + f.kind() + " " + f.message().lines().findFirst().orElse("")
                    : "BD-rate " + both(r) + (r instanceof Result.Measured m2 && m2.evaluation().bdRatePercent() == null
                    ? " " + m2.evaluation().bdRateNote() : "");
            System.out.printf(Locale.ROOT, "[%s] #%d %.1f s %s (best fitness %s)%n", tag, evaluated, (System.nanoTime() - t0) / 1e9, what, fmt(bestFitness));
            return r;
        }
    }
}
