package codeclab.metrics.rd;

import java.util.List;
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
 * form a curve (see {@link RateCurve#problem}), or when the curves do not overlap in quality.
 *
 * @param percent     BD-rate in percent, or NaN
 * @param overlapLow  lower end of the shared quality interval, or NaN
 * @param overlapHigh upper end of the shared quality interval, or NaN
 * @param reason      why the BD-rate is undefined; null when it is defined
 */
public record BdRate(double percent, double overlapLow, double overlapHigh, String reason) {

    /** Fewest points per curve, as in AWCY and the JCT-VC common test conditions. */
    public static final int MIN_POINTS = 4;

    public BdRate {
        if (Double.isNaN(percent) == (reason == null)) {
            throw new IllegalArgumentException("a BD-rate has either a value or a reason, not both or neither");
        }
    }

    static BdRate undefined(String reason) {
        return new BdRate(Double.NaN, Double.NaN, Double.NaN, Objects.requireNonNull(reason));
    }

    public boolean defined() {
        return reason == null;
    }

    /** BD-rate of {@code candidate} against {@code reference}; rates in the same unit, quality e.g. PSNR-Y dB. */
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
            return undefined("curves do not overlap in quality: reference spans [" + reference.minQuality() + ", "
                    + reference.maxQuality() + "], candidate [" + candidate.minQuality() + ", "
                    + candidate.maxQuality() + "]");
        }
        double meanDiff = (candidate.integrateLogRate(low, high) - reference.integrateLogRate(low, high))
                / (high - low);
        return new BdRate(Math.expm1(meanDiff) * 100, low, high, null);
    }
}
