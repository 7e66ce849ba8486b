package codeclab.metrics.rd;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * A rate&ndash;quality curve as BD-rate sees it: the natural log of rate as a monotone piecewise-cubic
 * (PCHIP, see {@link Pchip}) function of quality. Points are sorted by quality; the curve must be strictly
 * monotone (more rate, more quality), with no two points at the same quality, all values finite and rates
 * &gt; 0. Immutable.
 */
public final class RateCurve {

    /** Fewest points a curve may have (a straight line between two points). */
    public static final int MIN_POINTS = 2;

    private final List<RatePoint> points;
    private final Pchip logRate;

    private RateCurve(List<RatePoint> sorted) {
        this.points = List.copyOf(sorted);
        double[] q = new double[sorted.size()];
        double[] lr = new double[sorted.size()];
        for (int i = 0; i < q.length; i++) {
            q[i] = sorted.get(i).quality();
            lr[i] = Math.log(sorted.get(i).rate());
        }
        this.logRate = new Pchip(q, lr);
    }

    /**
     * The curve through {@code points} (any order).
     *
     * @throws IllegalArgumentException with the reason of {@link #problem} when the points cannot form a curve
     */
    public static RateCurve of(List<RatePoint> points) {
        Optional<String> problem = problem(points, MIN_POINTS);
        if (problem.isPresent()) {
            throw new IllegalArgumentException(problem.get());
        }
        return new RateCurve(sortedByQuality(points));
    }

    /**
     * Why {@code points} cannot form a curve of at least {@code minPoints} points, or empty if they can:
     * too few points, a non-finite value, a rate &le; 0, two points of equal quality, or rate not increasing
     * with quality.
     */
    public static Optional<String> problem(List<RatePoint> points, int minPoints) {
        if (points == null || points.size() < Math.max(minPoints, MIN_POINTS)) {
            return Optional.of("too few points: " + (points == null ? 0 : points.size()) + ", need at least "
                    + Math.max(minPoints, MIN_POINTS));
        }
        for (RatePoint p : points) {
            if (p == null) {
                return Optional.of("a point is null");
            }
            if (!Double.isFinite(p.quality())) {
                return Optional.of("quality " + p.quality() + " at rate " + p.rate()
                        + " is not finite (a lossless point has no place on a PSNR curve)");
            }
            if (!Double.isFinite(p.rate()) || p.rate() <= 0) {
                return Optional.of("rate " + p.rate() + " at quality " + p.quality() + " is not a positive number");
            }
        }
        List<RatePoint> sorted = sortedByQuality(points);
        for (int i = 1; i < sorted.size(); i++) {
            RatePoint lo = sorted.get(i - 1);
            RatePoint hi = sorted.get(i);
            if (lo.quality() == hi.quality()) {
                return Optional.of("two points have the same quality " + hi.quality()
                        + " (rates " + lo.rate() + " and " + hi.rate() + ")");
            }
            if (!(hi.rate() > lo.rate())) {
                return Optional.of("quality is not monotone in rate: rate " + hi.rate() + " gives quality "
                        + hi.quality() + " but the lower quality " + lo.quality() + " needs rate " + lo.rate());
            }
        }
        return Optional.empty();
    }

    private static List<RatePoint> sortedByQuality(List<RatePoint> points) {
        List<RatePoint> sorted = new ArrayList<>(points);
        sorted.sort(Comparator.comparingDouble(RatePoint::quality));
        return sorted;
    }

    /** The points, sorted by quality. */
    public List<RatePoint> points() {
        return points;
    }

    public double minQuality() {
        return logRate.min();
    }

    public double maxQuality() {
        return logRate.max();
    }

    /** The interpolated log-rate at {@code quality} within the curve. */
    double logRateAt(double quality) {
        return logRate.value(quality);
    }

    /** The integral of the log-rate over {@code [from, to]}, both within the curve. */
    double integrateLogRate(double from, double to) {
        return logRate.integral(from, to);
    }

    /**
     * The rate at which this curve reaches {@code targetQuality}, interpolated on the monotone log-rate
     * curve; undefined with a reason when the target lies outside the measured qualities (no extrapolation).
     */
    public RateAtQuality rateAt(double targetQuality) {
        if (!Double.isFinite(targetQuality)) {
            return RateAtQuality.undefined(targetQuality, "target quality " + targetQuality + " is not finite");
        }
        if (targetQuality < minQuality() || targetQuality > maxQuality()) {
            return RateAtQuality.undefined(targetQuality, "target quality " + targetQuality
                    + " is outside the curve's qualities [" + minQuality() + ", " + maxQuality() + "]");
        }
        return RateAtQuality.of(targetQuality, Math.exp(logRateAt(targetQuality)));
    }

    /** {@link #rateAt} for raw points: undefined with the curve's problem when they cannot form a curve. */
    public static RateAtQuality rateAt(List<RatePoint> points, double targetQuality) {
        Optional<String> problem = problem(points, MIN_POINTS);
        return problem.isPresent()
                ? RateAtQuality.undefined(targetQuality, problem.get())
                : of(points).rateAt(targetQuality);
    }
}
