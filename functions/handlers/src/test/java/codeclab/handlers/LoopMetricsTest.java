package codeclab.handlers;

import codeclab.loop.StageListener;
import codeclab.loop.StageListener.Stage;
import codeclab.loop.StageListener.Timing;
import codeclab.monitor.metrics.EmfMetricsSink;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class LoopMetricsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant AT = Instant.parse("2026-11-26T10:00:00Z");

    private final List<String> lines = new ArrayList<>();
    private final LoopMetrics metrics = new LoopMetrics(new EmfMetricsSink("CodecLab", lines::add), Clock.fixed(AT, ZoneOffset.UTC));

    @Test
    void aRecordedExperimentIsCountedOnceWithItsOutcomeAsADimension() throws Exception {
        metrics.stageDone(new Timing(Stage.RECORD, "run-1", "E1", Duration.ofMillis(40), "COMPILE_ERROR", false));
        metrics.stageDone(new Timing(Stage.RECORD, "run-1", "E1", Duration.ofMillis(30), "COMPILE_ERROR", true));

        assertThat(lines).as("the replayed record is not counted again").hasSize(1);
        JsonNode doc = JSON.readTree(lines.get(0));
        JsonNode directive = doc.path("_aws").path("CloudWatchMetrics").get(0);
        assertThat(doc.path("_aws").path("Timestamp").asLong()).isEqualTo(AT.toEpochMilli());
        assertThat(directive.path("Namespace").asText()).isEqualTo("CodecLab");
        assertThat(directive.path("Dimensions").toString()).isEqualTo("[[\"Service\",\"Outcome\"]]");
        assertThat(directive.path("Metrics").toString()).isEqualTo("[{\"Name\":\"ExperimentRecorded\",\"Unit\":\"Count\"}]");
        assertThat(doc.path("Service").asText()).isEqualTo("codec-lab");
        assertThat(doc.path("Outcome").asText()).isEqualTo("COMPILE_ERROR");
        assertThat(doc.path("ExperimentRecorded").asDouble()).isEqualTo(1.0);
        assertThat(doc.path("RunId").asText()).isEqualTo("run-1");
        assertThat(doc.path("ExperimentId").asText()).isEqualTo("E1");
    }

    @Test
    void theServiceDimensionIsTheStackTheFunctionBelongsTo() throws Exception {
        List<String> out = new ArrayList<>();
        var deployed = LoopMetrics.forEnvironment(java.util.Map.of("AWS_LAMBDA_FUNCTION_NAME", "LabA-Record",
                "CODEC_LAB_METRICS_SERVICE", "LabA"), out::add);
        deployed.stageDone(new Timing(Stage.RECORD, "run-1", "E1", Duration.ofMillis(40), "OK", false));
        deployed.stageDone(new Timing(Stage.EXECUTE, "run-1", "E1", Duration.ofSeconds(3), "OK", false));
        assertThat(out).hasSize(2).allSatisfy(line -> assertThat(JSON.readTree(line).path("Service").asText()).isEqualTo("LabA"));
    }

    @Test
    void stepDurationsAreSecondsMetricsWithTheOutcomeAsAProperty() throws Exception {
        metrics.stageDone(new Timing(Stage.PLAN, "run-1", "E2", Duration.ofMillis(250), "OK", false));
        metrics.stageDone(new Timing(Stage.VALIDATE, "run-1", "E2", Duration.ofMillis(1500), "OK", false));
        metrics.stageDone(new Timing(Stage.EXECUTE, "run-1", "E2", Duration.ofSeconds(12), "BAD_OUTPUT", false));
        metrics.stageDone(new Timing(Stage.BASELINE, null, null, Duration.ofSeconds(9), "MISS", false));

        assertThat(lines).hasSize(3);
        JsonNode execute = JSON.readTree(lines.get(2));
        JsonNode directive = execute.path("_aws").path("CloudWatchMetrics").get(0);
        assertThat(directive.path("Dimensions").toString()).isEqualTo("[[\"Service\"]]");
        assertThat(directive.path("Metrics").toString()).isEqualTo("[{\"Name\":\"ExecuteSeconds\",\"Unit\":\"Seconds\"}]");
        assertThat(execute.path("ExecuteSeconds").asDouble()).isEqualTo(12.0);
        assertThat(execute.path("Outcome").asText()).isEqualTo("BAD_OUTPUT");
        assertThat(JSON.readTree(lines.get(0)).path("PlanSeconds").asDouble()).isEqualTo(0.25);
        assertThat(JSON.readTree(lines.get(1)).path("ValidateSeconds").asDouble()).isEqualTo(1.5);
    }

    @Test
    void metricsAreWrittenOnlyInLambda() {
        assertThat(LoopMetrics.forEnvironment(Map.of())).isSameAs(StageListener.NONE);
        assertThat(LoopMetrics.forEnvironment(Map.of("AWS_LAMBDA_FUNCTION_NAME", "codec-lab-plan"))).isInstanceOf(LoopMetrics.class);
    }
}
