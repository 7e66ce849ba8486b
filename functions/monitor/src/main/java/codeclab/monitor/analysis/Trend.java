package codeclab.monitor.analysis;

/**
 * The trend of the score (BD-rate vs x264, lower is better) over the last measured experiments: a Theil&ndash;Sen
 * slope per experiment with a Mann&ndash;Kendall test, guarded against repeated testing by alpha spending (see
 * {@link #levelAt}). One vocabulary everywhere (text, JSON, dashboard, email, site): {@link Direction}.
 *
 * @param points             measured experiments in the window
 * @param slopePerExperiment Theil&ndash;Sen slope in BD-rate percentage points per experiment, NaN when TOO_FEW
 * @param slopePerHour       the same fitted on finish time, in points per hour; null unless the window spans
 *                           at least two hours (a per-hour rate of a 4-minute run says nothing)
 * @param intercept          fitted BD-rate at the window's first experiment, NaN when TOO_FEW
 * @param kendallS           Mann&ndash;Kendall S, 0 when TOO_FEW
 * @param pValue             two-sided p-value, 1 when TOO_FEW
 * @param look               which test on new data this is in the run (1 = the first)
 * @param level              the significance level this look was held to ({@link #levelAt})
 * @param direction          the reading
 */
public record Trend(int points, double slopePerExperiment, Double slopePerHour, double intercept, long kendallS,
                    double pValue, int look, double level, Direction direction) {

    /**
     * IMPROVING: a significant downward trend (fewer bits than before); WORSENING: significant upward; FLAT: enough
     * points and no significant trend (a plateau, or noise); TOO_FEW: fewer points than the minimum, no claim made.
     */
    public enum Direction { IMPROVING, FLAT, WORSENING, TOO_FEW }

    public static Trend tooFew(int points) {
        return new Trend(points, Double.NaN, null, Double.NaN, 0, 1.0, 0, 0, Direction.TOO_FEW);
    }

    /**
     * The level of the {@code look}-th test: alpha / (look x (look + 1)). The monitor tests every hour on a window
     * that mostly overlaps the last one; testing each time at alpha would declare a trend in noise sooner or later.
     * These levels sum to alpha over any number of looks, so the chance of ever declaring a trend in a trendless run
     * stays at most alpha (a Bonferroni alpha-spending sequence; conservative, needs no model of the overlap).
     */
    public static double levelAt(double alpha, int look) {
        int k = Math.max(1, look);
        return alpha / ((double) k * (k + 1));
    }

    /** One line: "IMPROVING: -0.42 pp/experiment (-3.1 pp/h), Mann-Kendall p=0.0012 < 0.0083 (look 3), 24 points". */
    public String describe() {
        if (direction == Direction.TOO_FEW) {
            return "TOO_FEW: " + points + " measured experiments, no trend claimed below the minimum";
        }
        return String.format(java.util.Locale.ROOT, "%s: %+.3f pp BD-rate per experiment%s, Mann-Kendall p=%.4f vs level %.4f (look %d), %d points",
                direction, slopePerExperiment, slopePerHour == null ? "" : String.format(java.util.Locale.ROOT, " (%+.2f pp/h)", slopePerHour),
                pValue, level, look, points);
    }
}
