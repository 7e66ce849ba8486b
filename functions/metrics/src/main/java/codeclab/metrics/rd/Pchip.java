package codeclab.metrics.rd;

/**
 * Monotone piecewise-cubic Hermite interpolation (PCHIP) with the slopes of SciPy's
 * {@code PchipInterpolator}, which AWCY uses: at interior knots the weighted harmonic mean of the adjacent
 * secants (Fritsch &amp; Butland), zero where the secants change sign; at the ends a one-sided three-point
 * estimate, zeroed if its sign differs from the first secant and limited to 3x that secant when the first
 * two secants differ in sign. With two knots it is the straight line. Integrates in closed form.
 */
final class Pchip {

    private final double[] x;
    private final double[] y;
    private final double[] d;
    /** Integral from x[0] to x[k]. */
    private final double[] cumulative;

    /** @param x strictly increasing knots (at least 2); @param y values at the knots */
    Pchip(double[] x, double[] y) {
        int n = x.length;
        if (n < 2 || y.length != n) {
            throw new IllegalArgumentException("PCHIP needs at least 2 knots and one value per knot");
        }
        this.x = x.clone();
        this.y = y.clone();
        double[] h = new double[n - 1];
        double[] m = new double[n - 1];
        for (int k = 0; k < n - 1; k++) {
            h[k] = x[k + 1] - x[k];
            if (!(h[k] > 0)) {
                throw new IllegalArgumentException("PCHIP knots must increase strictly");
            }
            m[k] = (y[k + 1] - y[k]) / h[k];
        }
        d = new double[n];
        if (n == 2) {
            d[0] = m[0];
            d[1] = m[0];
        } else {
            for (int k = 1; k < n - 1; k++) {
                if (m[k - 1] * m[k] <= 0) {
                    d[k] = 0;
                } else {
                    double w1 = 2 * h[k] + h[k - 1];
                    double w2 = h[k] + 2 * h[k - 1];
                    d[k] = (w1 + w2) / (w1 / m[k - 1] + w2 / m[k]);
                }
            }
            d[0] = endSlope(h[0], h[1], m[0], m[1]);
            d[n - 1] = endSlope(h[n - 2], h[n - 3], m[n - 2], m[n - 3]);
        }
        cumulative = new double[n];
        for (int k = 0; k < n - 1; k++) {
            cumulative[k + 1] = cumulative[k] + segmentIntegral(k, 1.0);
        }
    }

    private static double endSlope(double h0, double h1, double m0, double m1) {
        double s = ((2 * h0 + h1) * m0 - h0 * m1) / (h0 + h1);
        if (Math.signum(s) != Math.signum(m0)) {
            return 0;
        }
        if (Math.signum(m0) != Math.signum(m1) && Math.abs(s) > Math.abs(3 * m0)) {
            return 3 * m0;
        }
        return s;
    }

    double min() {
        return x[0];
    }

    double max() {
        return x[x.length - 1];
    }

    /** The interpolant at {@code at}, which must lie within the knots. */
    double value(double at) {
        int k = segment(at);
        double h = x[k + 1] - x[k];
        double t = (at - x[k]) / h;
        double t2 = t * t, t3 = t2 * t;
        return (2 * t3 - 3 * t2 + 1) * y[k] + (t3 - 2 * t2 + t) * h * d[k]
                + (-2 * t3 + 3 * t2) * y[k + 1] + (t3 - t2) * h * d[k + 1];
    }

    /** The integral of the interpolant from {@code a} to {@code b}, both within the knots. */
    double integral(double a, double b) {
        return primitive(b) - primitive(a);
    }

    private double primitive(double at) {
        int k = segment(at);
        return cumulative[k] + segmentIntegral(k, (at - x[k]) / (x[k + 1] - x[k]));
    }

    /** Integral over segment k from its start to fraction t of it: the Hermite basis integrated term by term. */
    private double segmentIntegral(int k, double t) {
        double h = x[k + 1] - x[k];
        double t2 = t * t, t3 = t2 * t, t4 = t3 * t;
        return h * (y[k] * (t4 / 2 - t3 + t)
                + h * d[k] * (t4 / 4 - 2 * t3 / 3 + t2 / 2)
                + y[k + 1] * (-t4 / 2 + t3)
                + h * d[k + 1] * (t4 / 4 - t3 / 3));
    }

    private int segment(double at) {
        if (!(at >= x[0] && at <= x[x.length - 1])) {
            throw new IllegalArgumentException(at + " is outside the interpolation range [" + x[0] + ", "
                    + x[x.length - 1] + "]");
        }
        int k = java.util.Arrays.binarySearch(x, at);
        if (k < 0) {
            k = -k - 2;
        }
        return Math.min(k, x.length - 2);
    }
}
