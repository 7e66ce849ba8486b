package codeclab.planner;

import codeclab.codec.seeds.ReferenceCodecs;
import codeclab.core.Evaluation;
import codeclab.core.QualityMetric;

import java.util.Comparator;
import java.util.Objects;
import java.util.Optional;

/**
 * What the planners select parents on: how much a design improves on a reference on the worse of its PSNR-Y
 * (the experiment score) and PSNR-YUV (6:1:1) BD-rates, {@code max(Y - refY, YUV - refYUV)}; lower is better,
 * negative only when a design beats the reference on both.
 *
 * <p>Why both, and why against a reference: PSNR-Y alone rewards starving chroma (on the default dev clips a chroma
 * step x1.7 took HybridCodec from -3.6 % to -8.4 % on PSNR-Y while PSNR-YUV went from +6.1 % to +15.6 %), and the
 * worse of the two raw BD-rates rewards the opposite trade, since a codec's chroma usually trails x264's more than its
 * luma (a run selecting on it drifted from PSNR-Y -8.7 % / YUV -0.4 % to -6.1 % / -3.7 %). Measured from the
 * strongest seed, moving bits between the planes loses on one of the two, and only a better codec gains on both.
 * The reference is the run's measurement of the strongest reference codec ({@link #STRONGEST}); before it is
 * measured, x264 (0, 0).
 *
 * @param y   reference BD-rate on PSNR-Y, percent
 * @param yuv reference BD-rate on PSNR-YUV, percent
 */
public record Fitness(double y, double yuv) {

    /** The reference codec whose measurement is the reference point. */
    public static final String STRONGEST = "HybridCodec";
    /** x264 itself: what a run is judged against until its strongest seed is measured. */
    public static final Fitness X264 = new Fitness(0, 0);

    /**
     * The reference of a run: its measurement of {@link #STRONGEST}, else {@link #X264}. Found by source fingerprint,
     * so only that experiment's evaluation is read (a store-backed history reads evaluations as artifacts).
     */
    public static Fitness against(History h) {
        return h.withFingerprint(SourceFingerprint.of(ReferenceCodecs.asCandidate(STRONGEST)))
                .flatMap(p -> p.evaluation() != null ? Optional.of(p) : h.program(p.id()))
                .filter(p -> p.usable() && p.evaluation() != null)
                .map(p -> reference(p.evaluation()))
                .orElse(X264);
    }

    /** A reference point at an evaluation's BD-rates (null when it lacks either). */
    public static Fitness reference(Evaluation e) {
        Double y = e.bdRate(QualityMetric.PSNR_Y).percent();
        Double yuv = e.bdRate(QualityMetric.PSNR_YUV).percent();
        return y == null || yuv == null ? null : new Fitness(y, yuv);
    }

    /** Best first by fitness against this reference, then by the score; unknown fitness last. */
    public Comparator<Program> bestFirst() {
        return Comparator.comparing((Program p) -> of(p), Comparator.nullsLast(Comparator.<Double>naturalOrder()))
                .thenComparing(Program.BEST_FIRST);
    }

    /** The fitness of a program; one the history has no evaluation for is judged on its score against the reference's. */
    public Double of(Program p) {
        return p.evaluation() == null ? (p.bdRatePercent() == null ? null : p.bdRatePercent() - y) : of(p.evaluation(), this);
    }

    /** The fitness of an evaluation against this reference. */
    public Double of(Evaluation e) {
        return of(e, this);
    }

    /**
     * {@code max(Y - ref.y, YUV - ref.yuv)}, null when either was measured without a value; an evaluation that did not
     * measure PSNR-YUV at all (the unit tests' small evaluator) is judged on PSNR-Y alone.
     */
    static Double of(Evaluation e, Fitness ref) {
        Objects.requireNonNull(ref, "reference");
        Double y = e.bdRate(QualityMetric.PSNR_Y).percent();
        boolean yuvMeasured = !e.clips().isEmpty() && e.clips().stream()
                .allMatch(c -> c.bdRates().stream().anyMatch(b -> b.metric() == QualityMetric.PSNR_YUV));
        if (y == null || !yuvMeasured) {
            return y == null ? null : y - ref.y;
        }
        Double yuv = e.bdRate(QualityMetric.PSNR_YUV).percent();
        return yuv == null ? null : Math.max(y - ref.y, yuv - ref.yuv);
    }
}
