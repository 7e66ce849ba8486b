package codeclab.monitor.metrics;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Writes one CloudWatch Embedded Metric Format document per call, as a single JSON line, to a line consumer
 * (in Lambda: stdout, which CloudWatch Logs turns into metrics). Dimension set: {@code Service=<service>} (the
 * stack name when deployed, codec-lab locally);
 * the run id is a property.
 *
 * <p>Why not Powertools metrics: 2.9.0 routes through aws-embedded-metrics, whose sink is chosen from the
 * environment (outside Lambda a TCP agent on 127.0.0.1:25888 unless AWS_EMF_ENVIRONMENT=Local is set in the
 * process environment) and whose flush thread keeps a CLI's main alive; the document is also a process-wide
 * singleton. The format is small and documented, so the monitor writes it itself, identically everywhere.
 */
public final class EmfMetricsSink implements MetricsSink {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String namespace;
    private final Consumer<String> out;
    private final String service;

    public EmfMetricsSink(String namespace, Consumer<String> out) {
        this(namespace, out, "codec-lab");
    }

    /** @param service the value of the {@code Service} dimension (deployed: the stack name, so stacks never mix) */
    public EmfMetricsSink(String namespace, Consumer<String> out, String service) {
        this.namespace = Objects.requireNonNull(namespace, "namespace");
        this.out = Objects.requireNonNull(out, "out");
        this.service = Objects.requireNonNull(service, "service");
    }

    /** To stdout, as Lambda expects. */
    public static EmfMetricsSink stdout(String namespace) {
        return new EmfMetricsSink(namespace, System.out::println);
    }

    @Override
    public void emit(String runId, Instant at, Map<String, MonitorMetrics.Value> metrics) {
        out.accept(document(runId, at, metrics));
    }

    public String document(String runId, Instant at, Map<String, MonitorMetrics.Value> metrics) {
        return document(Map.of("Service", service), Map.of("RunId", runId), at, metrics);
    }

    /**
     * One EMF document with its own dimension set (one set: all the given keys, in order) and properties
     * (searchable in Logs Insights, not dimensions). Used by the loop's handlers for per-experiment metrics.
     */
    public String document(Map<String, String> dimensions, Map<String, String> properties, Instant at,
                           Map<String, MonitorMetrics.Value> metrics) {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode aws = root.putObject("_aws");
        aws.put("Timestamp", at.toEpochMilli());
        ObjectNode directive = aws.putArray("CloudWatchMetrics").addObject();
        directive.put("Namespace", namespace);
        ArrayNode set = directive.putArray("Dimensions").addArray();
        dimensions.keySet().forEach(set::add);
        ArrayNode defs = directive.putArray("Metrics");
        dimensions.forEach(root::put);
        properties.forEach((k, v) -> {
            if (v != null) {
                root.put(k, v);
            }
        });
        metrics.forEach((name, v) -> {
            if (!Double.isFinite(v.value())) {
                throw new IllegalArgumentException("metric " + name + " is " + v.value() + "; leave unknown metrics out");
            }
            defs.addObject().put("Name", name).put("Unit", v.unit());
            root.put(name, v.value());
        });
        try {
            return JSON.writeValueAsString(root);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise EMF document", e);
        }
    }

    /** Writes {@link #document(Map, Map, Instant, Map)} to this sink's output. */
    public void emit(Map<String, String> dimensions, Map<String, String> properties, Instant at,
                     Map<String, MonitorMetrics.Value> metrics) {
        out.accept(document(dimensions, properties, at, metrics));
    }
}
