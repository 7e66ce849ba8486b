package codeclab.planner;

import codeclab.core.Evaluation;
import codeclab.core.QualityMetric;

import java.util.Comparator;

/**
 * What the planners select parents on: the worse of a design's PSNR-Y BD-rate (the experiment score) and
 * its PSNR-YUV (6:1:1) BD-rate. Ranking on PSNR-Y alone rewards starving chroma: on the default dev clips a
 * chroma step x1.7 took HybridCodec from -3.6 % to -8.4 % on PSNR-Y while PSNR-YUV went from +6.1 % to +15.6 %.
 * The worse of the two cannot be bought by moving bits between the planes; a real gain shows in both.
 */
public final class Fitness {

    /** Lower is better; unknown fitness ranks last. */
    public static final Comparator<Program> BEST_FIRST = Comparator
            .comparing((Program p) -> of(p), Comparator.nullsLast(Comparator.<Double>naturalOrder()))
            .thenComparing(Program.BEST_FIRST);

    private Fitness() {
    }

    /**
     * The fitness of a measured program: the worse of its PSNR-Y and PSNR-YUV BD-rates, null when either was
     * measured without a value. A program the history has no evaluation for, or an evaluation that did not
     * measure PSNR-YUV at all (the unit tests' small evaluator), is judged on its score.
     */
    public static Double of(Program p) {
        return p.evaluation() == null ? p.bdRatePercent() : of(p.evaluation());
    }

    public static Double of(Evaluation e) {
        Double y = e.bdRate(QualityMetric.PSNR_Y).percent();
        boolean yuvMeasured = !e.clips().isEmpty() && e.clips().stream()
                .allMatch(c -> c.bdRates().stream().anyMatch(b -> b.metric() == QualityMetric.PSNR_YUV));
        if (y == null || !yuvMeasured) {
            return y;
        }
        Double yuv = e.bdRate(QualityMetric.PSNR_YUV).percent();
        return yuv == null ? null : Math.max(y, yuv);
    }
}
