package codeclab.monitor.analysis;

/**
 * The trend of the completed bitrate ratios over time: a Theil&ndash;Sen slope (ratio per hour since the run
 * started) with a Mann&ndash;Kendall test. IMPROVING means a significant downward trend (fewer bits).
 *
 * @param points    completed experiments in the window
 * @param slopePerHour Theil&ndash;Sen slope, or NaN when fewer than 3 points or one instant
 * @param intercept ratio at the run's start on the fitted line, or NaN
 * @param kendallS  Mann&ndash;Kendall S, 0 when unknown
 * @param pValue    two-sided p-value, 1 when unknown
 * @param direction the verdict on the trend
 */
public record Trend(int points, double slopePerHour, double intercept, long kendallS, double pValue,
                    Direction direction) {

    /** The plan's morning question: "Improving, plateaued, or random?". */
    public enum Direction { IMPROVING, WORSENING, FLAT, UNKNOWN }

    public static Trend unknown(int points) {
        return new Trend(points, Double.NaN, Double.NaN, 0, 1.0, Direction.UNKNOWN);
    }
}
