package codeclab.site.svg;

import java.util.ArrayList;
import java.util.List;

/**
 * A linear or logarithmic axis mapping data values to pixels, with "nice" tick values
 * (1, 2, 5 &times; 10^k on linear axes; powers of ten and their 2x, 5x on log axes).
 */
public record Axis(String label, double min, double max, boolean log) {

    public Axis {
        if (!(max > min)) {
            // A single value (or none) still needs a visible range around it.
            double pad = min == 0 || Double.isNaN(min) ? 1 : Math.abs(min) * 0.1;
            min = Double.isNaN(min) ? 0 : min - pad;
            max = min + 2 * pad;
        }
        if (log && min <= 0) {
            throw new IllegalArgumentException("log axis '" + label + "' needs positive values, got min " + min);
        }
    }

    /** An axis covering {@code values}, padded by 5 % on linear axes. */
    public static Axis covering(String label, List<Double> values, boolean log) {
        double lo = values.stream().filter(Double::isFinite).mapToDouble(Double::doubleValue).min().orElse(0);
        double hi = values.stream().filter(Double::isFinite).mapToDouble(Double::doubleValue).max().orElse(1);
        if (log) {
            return new Axis(label, lo / 1.15, hi * 1.15, true);
        }
        double pad = (hi - lo) * 0.05;
        return new Axis(label, lo - pad, hi + pad, false);
    }

    /** Position of {@code value} in [0, 1] along the axis. */
    public double fraction(double value) {
        return log ? (Math.log(value) - Math.log(min)) / (Math.log(max) - Math.log(min)) : (value - min) / (max - min);
    }

    /** Tick values inside [min, max]. */
    public List<Double> ticks() {
        List<Double> ticks = new ArrayList<>();
        if (log) {
            for (int e = (int) Math.floor(Math.log10(min)); e <= (int) Math.ceil(Math.log10(max)); e++) {
                for (double m : new double[]{1, 2, 5}) {
                    double v = m * Math.pow(10, e);
                    if (v >= min && v <= max) {
                        ticks.add(v);
                    }
                }
            }
            return ticks;
        }
        double step = niceStep((max - min) / 6);
        for (double v = Math.ceil(min / step) * step; v <= max + step * 1e-9; v += step) {
            ticks.add(Math.abs(v) < step * 1e-9 ? 0.0 : v);
        }
        return ticks;
    }

    static double niceStep(double raw) {
        double mag = Math.pow(10, Math.floor(Math.log10(raw)));
        double r = raw / mag;
        return (r <= 1.5 ? 1 : r <= 3 ? 2 : r <= 7 ? 5 : 10) * mag;
    }

    /** A short label for a tick value. */
    public static String format(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e9) {
            return String.valueOf((long) v);
        }
        // Up to three significant digits, without trailing zeros (0.5, not 0.500).
        return new java.math.BigDecimal(v).round(new java.math.MathContext(3)).stripTrailingZeros().toPlainString();
    }
}
