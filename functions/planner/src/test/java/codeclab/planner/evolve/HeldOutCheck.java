package codeclab.planner.evolve;

import codeclab.harness.Harness;
import codeclab.harness.HarnessConfig;
import codeclab.harness.X264Baselines;
import codeclab.media.Clip;

import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Measures designs, given as printed by {@link Design#toString} (e.g. from an evolution benchmark's "new best" log
 * lines), on held-out clips. Not a test. Arguments: x264 cache folder, held-out clip folder, then one design per
 * argument.
 */
public final class HeldOutCheck {

    public static void main(String[] args) throws Exception {
        Harness harness = new Harness(HarnessConfig.defaults(), new X264Baselines(Path.of(args[0])));
        List<Clip> clips = DevClipsEvolutionBench.y4mClips(Path.of(args[1]));
        HarnessEvaluator ev = new HarnessEvaluator(harness, clips);
        for (int i = 2; i < args.length; i++) {
            Design d = parse(args[i]);
            Evaluator.Result r = ev.evaluate(DesignTemplate.render(d));
            String perClip = r instanceof Evaluator.Result.Measured m ? String.join(", ", m.evaluation().clips().stream()
                    .map(c -> c.clipId() + " " + DevClipsEvolutionBench.fmt(c.bdRatePercent())).toList())
                    : ((Evaluator.Result.Failed) r).kind() + " " + ((Evaluator.Result.Failed) r).message();
            Double bd = r instanceof Evaluator.Result.Measured m ? m.evaluation().bdRatePercent() : null;
            System.out.printf(Locale.ROOT, "held-out %s (%s): %s%n", DevClipsEvolutionBench.fmt(bd), perClip, d.describe());
        }
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
