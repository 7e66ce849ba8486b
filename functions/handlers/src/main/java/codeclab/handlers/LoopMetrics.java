package codeclab.handlers;

import codeclab.loop.StageListener;
import codeclab.monitor.metrics.EmfMetricsSink;
import codeclab.monitor.metrics.MonitorMetrics.Value;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The loop's per-experiment CloudWatch metrics, one EMF line per step to the sink (stdout in Lambda):
 * {@code PlanSeconds}, {@code ValidateSeconds}, {@code ExecuteSeconds} (dimension {@code Service}) and
 * {@code ExperimentRecorded} = 1 per experiment counted (dimensions {@code Service, Outcome}; a replayed
 * record is not counted again). The run and experiment ids are properties, not dimensions (unbounded).
 */
final class LoopMetrics implements StageListener {

    /** The Service dimension off AWS; deployed, the stack name from {@value #ENV_SERVICE}. */
    static final String SERVICE = "codec-lab";
    /** Set by the stack on every function: its name, so two stacks in one account never share metrics. */
    static final String ENV_SERVICE = "CODEC_LAB_METRICS_SERVICE";

    private final EmfMetricsSink sink;
    private final Clock clock;
    private final String service;

    LoopMetrics(EmfMetricsSink sink, Clock clock) {
        this(sink, clock, SERVICE);
    }

    LoopMetrics(EmfMetricsSink sink, Clock clock, String service) {
        this.sink = sink;
        this.clock = clock;
        this.service = service;
    }

    /** EMF to stdout when running in Lambda, nothing elsewhere (local runs and tests keep stdout for people). */
    static StageListener forEnvironment(Map<String, String> env) {
        return forEnvironment(env, System.out::println);
    }

    /** As above, the EMF lines going to {@code out}. */
    static StageListener forEnvironment(Map<String, String> env, java.util.function.Consumer<String> out) {
        return env.containsKey("AWS_LAMBDA_FUNCTION_NAME")
                ? new LoopMetrics(new EmfMetricsSink(env.getOrDefault("POWERTOOLS_METRICS_NAMESPACE", "CodecLab"), out),
                        Clock.systemUTC(), env.getOrDefault(ENV_SERVICE, SERVICE))
                : StageListener.NONE;
    }

    @Override
    public void stageDone(Timing t) {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("RunId", t.runId());
        properties.put("ExperimentId", t.experimentId());
        switch (t.stage()) {
            case PLAN -> seconds("PlanSeconds", t, properties);
            case VALIDATE -> seconds("ValidateSeconds", t, properties);
            case EXECUTE -> seconds("ExecuteSeconds", t, properties);
            case RECORD -> {
                if (!t.replay()) {
                    Map<String, String> dimensions = new LinkedHashMap<>();
                    dimensions.put("Service", service);
                    dimensions.put("Outcome", t.outcome());
                    sink.emit(dimensions, properties, clock.instant(), Map.of("ExperimentRecorded", new Value(1, "Count")));
                }
            }
            case BASELINE -> {
                // part of ExecuteSeconds; the cache hit/miss split is for `codec-lab run --timings`
            }
        }
    }

    private void seconds(String name, Timing t, Map<String, String> properties) {
        properties.put("Outcome", t.outcome());
        sink.emit(Map.of("Service", service), properties, clock.instant(), Map.of(name, new Value(t.seconds(), "Seconds")));
    }
}
