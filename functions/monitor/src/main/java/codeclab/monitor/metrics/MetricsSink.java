package codeclab.monitor.metrics;

import java.time.Instant;
import java.util.Map;

/** Where the monitor's metrics go (CloudWatch through EMF on stdout in Lambda; anything in tests). */
public interface MetricsSink {

    /**
     * @param runId   the run (a property, not a dimension, so alarms do not depend on run ids)
     * @param at      the metrics' timestamp
     * @param metrics name &rarr; value, in order
     */
    void emit(String runId, Instant at, Map<String, MonitorMetrics.Value> metrics);
}
