package codeclab.monitor.metrics;

import codeclab.monitor.analysis.Analysis;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The CloudWatch metrics of a monitor run (TrendSlope is BD-rate points per experiment; BestBdRate the score). A value that is unknown (no completed experiment, no trend yet)
 * is left out rather than faked. {@code CompletedExperiments} counts the last hour, so the stack's alarm "no
 * completed experiment in an hour" (threshold 0, period 3600) reads it directly.
 */
public final class MonitorMetrics {

    private MonitorMetrics() {
    }

    /** A value and its CloudWatch unit ("Count", "None", "Percent"). */
    public record Value(double value, String unit) {
    }

    public static Map<String, Value> of(Analysis a) {
        Map<String, Value> m = new LinkedHashMap<>();
        m.put("CompletedExperiments", new Value(a.completedLastHour(), "Count"));
        if (a.best() != null && a.best().ratio() != null) {
            m.put("BestBitrateRatio", new Value(a.best().ratio(), "None"));
        }
        if (a.averageRatio() != null) {
            m.put("AverageBitrateRatio", new Value(a.averageRatio(), "None"));
        }
        m.put("UniqueBitrates", new Value(a.results().unique(), "Count"));
        m.put("TimeoutRate", new Value(a.timeoutRate() * 100, "Percent"));
        m.put("ValidationFailureRate", new Value(a.validationFailureRate() * 100, "Percent"));
        if (Double.isFinite(a.trend().slopePerExperiment())) {
            m.put("TrendSlope", new Value(a.trend().slopePerExperiment(), "None"));
        }
        if (a.best() != null) {
            m.put("BestBdRate", new Value(a.best().bdRate(), "Percent"));
        }
        return m;
    }
}
