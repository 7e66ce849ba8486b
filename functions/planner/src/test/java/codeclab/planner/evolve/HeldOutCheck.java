package codeclab.planner.evolve;

import codeclab.harness.Harness;
import codeclab.harness.HarnessConfig;
import codeclab.harness.X264Baselines;
import codeclab.media.Clip;
import codeclab.media.ClipSets;

import java.nio.file.Path;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Confirms designs found by an evolution benchmark that was stopped before its end (its log's "new best" lines
 * print every design with {@link Design#toString}): measures the seeds and the given designs on the bundled dev
 * set and held-out set (unless the benchmark's memos beside the x264 cache have them) and prints the benchmark's
 * confirmation table. Not a test. Arguments: x264 cache folder (the benchmark's, {@code target/x264-cache}), then
 * {@code label=Design{...}} per design.
 */
public final class HeldOutCheck {

    public static void main(String[] args) throws Exception {
        Path cache = Path.of(args[0]);
        Harness harness = new Harness(HarnessConfig.defaults(), new X264Baselines(cache));
        List<Clip> dev = ClipSets.load("dev", cache.resolveSibling("clips"));
        List<Clip> holdout = ClipSets.load("holdout", cache.resolveSibling("clips"));
        // dev results the benchmark already measured (its memo beside the x264 cache) are not measured again
        EvaluationMemo devResults = new EvaluationMemo(cache.resolveSibling("evolution-memo"), EvaluationMemo.hashes(dev));
        Map<String, String> what = new LinkedHashMap<>();
        DevClipsEvolutionBench.references().forEach((label, d) -> what.put(DesignTemplate.render(d), label));
        for (int i = 1; i < args.length; i++) {
            int eq = args[i].indexOf('=');
            what.merge(DesignTemplate.render(parse(args[i].substring(eq + 1))), args[i].substring(0, eq), (a, b) -> a + "; " + b);
        }
        HarnessEvaluator onDev = new HarnessEvaluator(harness, dev);
        what.keySet().forEach(src -> devResults.measure(src, onDev));
        System.out.println(DevClipsEvolutionBench.confirmation(what, devResults,
                DevClipsEvolutionBench.heldOutEvaluator(harness, holdout, cache.getParent()), holdout));
    }

    /** The inverse of {@link Design#toString}. */
    static Design parse(String s) {
        Map<Design.Gene, Double> genes = new EnumMap<>(Design.Gene.class);
        for (String kv : s.replaceAll("^Design\\{|}$", "").split(",\\s*")) {
            String[] p = kv.split("=");
            genes.put(Design.Gene.valueOf(p[0].strip()), Double.parseDouble(p[1].strip()));
        }
        return Design.of(genes);
    }
}
