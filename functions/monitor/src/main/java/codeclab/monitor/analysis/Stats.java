package codeclab.monitor.analysis;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * The robust statistics of the monitor: Theil&ndash;Sen slope, Mann&ndash;Kendall trend test and Mann&ndash;Whitney
 * U test, both with tie correction and the normal approximation. O(n&sup2;) in the number of points, which the
 * monitor bounds by {@code MonitorConfig.trendWindow}.
 */
public final class Stats {

    private Stats() {
    }

    /** A line {@code y = intercept + slope * x}. */
    public record Line(double slope, double intercept) {
    }

    /**
     * Theil&ndash;Sen estimator: the median of the slopes of all pairs with distinct x, and the median of
     * {@code y - slope * x} as intercept. Needs at least two distinct x values.
     */
    public static Line theilSen(double[] x, double[] y) {
        if (x.length != y.length) {
            throw new IllegalArgumentException("x and y differ in length: " + x.length + " vs " + y.length);
        }
        int n = x.length;
        double[] slopes = new double[n * (n - 1) / 2];
        int m = 0;
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                if (x[j] != x[i]) {
                    slopes[m++] = (y[j] - y[i]) / (x[j] - x[i]);
                }
            }
        }
        if (m == 0) {
            throw new IllegalArgumentException("Theil-Sen needs at least two distinct x values, got " + n + " points");
        }
        double slope = median(Arrays.copyOf(slopes, m));
        double[] residual = new double[n];
        for (int i = 0; i < n; i++) {
            residual[i] = y[i] - slope * x[i];
        }
        return new Line(slope, median(residual));
    }

    /**
     * @param s       Kendall's S = &Sigma; sign(y_j &minus; y_i) over i &lt; j
     * @param variance variance of S under no trend, corrected for ties
     * @param z       continuity-corrected standard score
     * @param pValue  two-sided p-value
     */
    public record MannKendall(long s, double variance, double z, double pValue) {
    }

    /** Mann&ndash;Kendall test on a series in time order. Needs at least 3 values. */
    public static MannKendall mannKendall(double[] y) {
        int n = y.length;
        if (n < 3) {
            throw new IllegalArgumentException("Mann-Kendall needs at least 3 values, got " + n);
        }
        long s = 0;
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                s += Double.compare(y[j], y[i]) > 0 ? 1 : Double.compare(y[j], y[i]) < 0 ? -1 : 0;
            }
        }
        double var = (double) n * (n - 1) * (2 * n + 5);
        for (long t : tieGroups(y).values()) {
            var -= (double) t * (t - 1) * (2 * t + 5);
        }
        var /= 18.0;
        double z = var <= 0 ? 0 : s > 0 ? (s - 1) / Math.sqrt(var) : s < 0 ? (s + 1) / Math.sqrt(var) : 0;
        return new MannKendall(s, var, z, var <= 0 ? 1.0 : twoSidedP(z));
    }

    /**
     * @param u      U of the first sample (number of pairs where the first is greater, ties count 1/2)
     * @param z      continuity-corrected standard score of U
     * @param pGreater one-sided p-value for "the first sample tends to be greater than the second"
     */
    public record MannWhitney(double u, double z, double pGreater) {
    }

    /** Mann&ndash;Whitney U test, normal approximation with tie correction. Both samples non-empty. */
    public static MannWhitney mannWhitney(double[] a, double[] b) {
        int n1 = a.length;
        int n2 = b.length;
        if (n1 == 0 || n2 == 0) {
            throw new IllegalArgumentException("Mann-Whitney needs two non-empty samples, got " + n1 + " and " + n2);
        }
        double u = 0;
        for (double x : a) {
            for (double y : b) {
                u += x > y ? 1 : x == y ? 0.5 : 0;
            }
        }
        double[] all = new double[n1 + n2];
        System.arraycopy(a, 0, all, 0, n1);
        System.arraycopy(b, 0, all, n1, n2);
        double n = n1 + n2;
        double tieSum = 0;
        for (long t : tieGroups(all).values()) {
            tieSum += (double) t * t * t - t;
        }
        double var = n1 * (double) n2 / 12.0 * ((n + 1) - tieSum / (n * (n - 1)));
        double mean = n1 * (double) n2 / 2.0;
        if (var <= 0) {
            return new MannWhitney(u, 0, 0.5);
        }
        double z = (u - mean - 0.5 * Math.signum(u - mean)) / Math.sqrt(var);
        return new MannWhitney(u, z, 1 - normalCdf(z));
    }

    public static double twoSidedP(double z) {
        return Math.min(1.0, 2 * (1 - normalCdf(Math.abs(z))));
    }

    /** Standard normal CDF through erfc (W. J. Cody's rational approximation via Numerical Recipes' erfc, 1.2e-7). */
    public static double normalCdf(double z) {
        return 0.5 * erfc(-z / Math.sqrt(2));
    }

    static double erfc(double x) {
        double z = Math.abs(x);
        double t = 1 / (1 + 0.5 * z);
        double r = t * Math.exp(-z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418
                + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587
                + t * (-0.82215223 + t * 0.17087277)))))))));
        return x >= 0 ? r : 2 - r;
    }

    public static double median(double[] v) {
        if (v.length == 0) {
            throw new IllegalArgumentException("median of nothing");
        }
        double[] s = v.clone();
        Arrays.sort(s);
        int h = s.length / 2;
        return s.length % 2 == 1 ? s[h] : (s[h - 1] + s[h]) / 2;
    }

    private static Map<Double, Long> tieGroups(double[] v) {
        Map<Double, Long> counts = new HashMap<>();
        for (double d : v) {
            counts.merge(d, 1L, Long::sum);
        }
        counts.values().removeIf(c -> c < 2);
        return counts;
    }
}
