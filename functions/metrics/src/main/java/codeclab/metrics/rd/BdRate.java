package codeclab.metrics.rd;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Bjøntegaard delta rate the way AWCY computes it: for each curve, log(rate) as a PCHIP function of quality
 * ({@link RateCurve}); both integrated exactly over the qualities the curves share; the mean difference
 * {@code D = (∫ log r_candidate - ∫ log r_reference) / (q_high - q_low)} gives
 * {@code BD-rate = (exp(D) - 1) * 100}: the average percentage of rate the candidate needs more (positive)
 * or less (negative) than the reference for the same quality.
 *
 * <p>Undefined ({@code NaN} with a reason) when a curve has fewer than {@link #MIN_POINTS} points or cannot
 * form a curve (see {@link RateCurve#problem}), when the curves do not overlap in quality, or when they overlap
 * over less than the required share of the reference's quality range: a BD-rate integrated over a sliver of
 * the reference's range compares the candidate with a different part of the reference's curve than it claims.
 *
 * @param percent      BD-rate in percent, or NaN
 * @param overlapLow   lower end of the shared quality interval, or NaN
 * @param overlapHigh  upper end of the shared quality interval, or NaN
 * @param overlapShare {@code (overlapHigh - overlapLow) / (reference max - reference min)}, 0..1, or NaN when a
 *                     curve could not be built
 * @param reason       why the BD-rate is undefined; null when it is defined
 */
public record BdRate(double percent, double overlapLow, double overlapHigh, double overlapShare, String reason) {

    /** Fewest points per curve, as in AWCY and the JCT-VC common test conditions. */
    public static final int MIN_POINTS = 4;

    /** Share of the reference's quality range the curves must share by default (the project's rule, issue 11). */
    public static final double DEFAULT_MIN_OVERLAP = 0.75;

    public BdRate {
        if (Double.isNaN(percent) == (reason == null)) {
            throw new IllegalArgumentException("a BD-rate has either a value or a reason, not both or neither");
        }
    }

    static BdRate undefined(String reason) {
        return new BdRate(Double.NaN, Double.NaN, Double.NaN, Double.NaN, Objects.requireNonNull(reason));
    }

    public boolean defined() {
        return reason == null;
    }

    /**
     * BD-rate of {@code candidate} against {@code reference}, defined only when the curves share at least
     * {@code minOverlap} (0..1) of the reference's quality range.
     */
    public static BdRate compute(List<RatePoint> reference, List<RatePoint> candidate, double minOverlap) {
        if (!(minOverlap >= 0 && minOverlap <= 1)) {
            throw new IllegalArgumentException("minimum overlap must be a share in 0..1, got " + minOverlap);
        }
        BdRate bd = compute(reference, candidate);
        if (!bd.defined() || bd.overlapShare >= minOverlap) {
            return bd;
        }
        return new BdRate(Double.NaN, bd.overlapLow, bd.overlapHigh, bd.overlapShare, String.format(Locale.ROOT,
                "curves overlap over %.1f %% of the reference's range ([%.2f, %.2f] of [%.2f, %.2f]), need %.0f %%",
                100 * bd.overlapShare, bd.overlapLow, bd.overlapHigh, minQuality(reference), maxQuality(reference),
                100 * minOverlap));
    }

    /**
     * BD-rate of {@code candidate} against {@code reference} over whatever range they share, with no minimum
     * overlap; rates in the same unit, quality e.g. PSNR-Y dB.
     */
    public static BdRate compute(List<RatePoint> reference, List<RatePoint> candidate) {
        Optional<String> refProblem = RateCurve.problem(reference, MIN_POINTS);
        if (refProblem.isPresent()) {
            return undefined("reference curve: " + refProblem.get());
        }
        Optional<String> candProblem = RateCurve.problem(candidate, MIN_POINTS);
        if (candProblem.isPresent()) {
            return undefined("candidate curve: " + candProblem.get());
        }
        return compute(RateCurve.of(reference), RateCurve.of(candidate));
    }

    /** BD-rate of two curves; undefined when they do not overlap in quality. */
    public static BdRate compute(RateCurve reference, RateCurve candidate) {
        double low = Math.max(reference.minQuality(), candidate.minQuality());
        double high = Math.min(reference.maxQuality(), candidate.maxQuality());
        if (!(high > low)) {
            return new BdRate(Double.NaN, Double.NaN, Double.NaN, 0, "curves do not overlap in quality: reference spans [" + reference.minQuality() + ", "
                    + reference.maxQuality() + "], candidate [" + candidate.minQuality() + ", "
                    + candidate.maxQuality() + "]");
        }
        double meanDiff = (candidate.integrateLogRate(low, high) - reference.integrateLogRate(low, high))
                / (high - low);
        double share = (high - low) / (reference.maxQuality() - reference.minQuality());
        return new BdRate(Math.expm1(meanDiff) * 100, low, high, share, null);
    }

    /** Overlap share in percent (0..100), or NaN. */
    public double overlapPercent() {
        return 100 * overlapShare;
    }

    private static double minQuality(List<RatePoint> points) {
        return points.stream().mapToDouble(RatePoint::quality).min().orElse(Double.NaN);
    }

    private static double maxQuality(List<RatePoint> points) {
        return points.stream().mapToDouble(RatePoint::quality).max().orElse(Double.NaN);
    }
}
