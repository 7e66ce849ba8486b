package codeclab.monitor.metrics;

import codeclab.monitor.Fixtures;
import codeclab.monitor.MonitorConfig;
import codeclab.monitor.MonitorService;
import codeclab.monitor.source.InMemoryMonitorStateStore;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class EmfMetricsSinkTest {

    @Test
    void emitsOneEmfDocumentWithTheMetricsThatAreKnown() throws Exception {
        List<String> lines = new ArrayList<>();
        Fixtures f = new Fixtures().series(0, 110, 0.9, 0.8, 0.6, 0.7, 0.5).failed(100, codeclab.core.OutcomeKind.TIMEOUT, "killed");
        new MonitorService(f.source(), new InMemoryMonitorStateStore(), MonitorConfig.defaults(), null,
                new EmfMetricsSink("CodecLab", lines::add), null).run(Fixtures.RUN, Fixtures.at(120));
        assertThat(lines).hasSize(1);
        JsonNode doc = new ObjectMapper().readTree(lines.get(0));
        JsonNode d = doc.at("/_aws/CloudWatchMetrics/0");
        assertThat(d.get("Namespace").asText()).isEqualTo("CodecLab");
        assertThat(d.at("/Dimensions/0/0").asText()).isEqualTo("Service");
        assertThat(doc.at("/_aws/Timestamp").asLong()).isEqualTo(Fixtures.at(120).toEpochMilli());
        List<String> names = new ArrayList<>();
        d.get("Metrics").forEach(m -> names.add(m.get("Name").asText()));
        // Five measured experiments are TOO_FEW for a trend: no TrendSlope rather than a made-up one.
        assertThat(names).containsExactly("CompletedExperiments", "BestBitrateRatio", "AverageBitrateRatio",
                "UniqueBitrates", "TimeoutRate", "ValidationFailureRate", "BestBdRate");
        assertThat(doc.get("BestBdRate").asDouble()).isCloseTo(-50.0, within(1e-9));
        assertThat(doc.get("Service").asText()).isEqualTo("codec-lab");
        assertThat(doc.get("RunId").asText()).isEqualTo("run-1");
        assertThat(doc.get("CompletedExperiments").asDouble()).isEqualTo(3); // finished at 66, 88, 110 min
        assertThat(doc.get("BestBitrateRatio").asDouble()).isCloseTo(0.5, within(1e-9));
        assertThat(doc.get("AverageBitrateRatio").asDouble()).isCloseTo(0.7, within(1e-9));
        assertThat(doc.get("UniqueBitrates").asDouble()).isEqualTo(5);
        assertThat(doc.get("TimeoutRate").asDouble()).isCloseTo(100.0 / 6, within(1e-9));
    }

    @Test
    void theServiceDimensionNamesTheStackSoTwoStacksNeverShareMetrics() throws Exception {
        String a = new EmfMetricsSink("CodecLab", x -> { }, "LabA").document("run-1", java.time.Instant.EPOCH,
                java.util.Map.of("CompletedExperiments", new MonitorMetrics.Value(3, "Count")));
        String b = new EmfMetricsSink("CodecLab", x -> { }, "LabB").document("run-1", java.time.Instant.EPOCH,
                java.util.Map.of("CompletedExperiments", new MonitorMetrics.Value(3, "Count")));
        ObjectMapper json = new ObjectMapper();
        assertThat(json.readTree(a).path("Service").asText()).isEqualTo("LabA");
        assertThat(json.readTree(b).path("Service").asText()).isEqualTo("LabB");
    }

    @Test
    void unknownValuesAreLeftOut() {
        List<String> lines = new ArrayList<>();
        Fixtures f = new Fixtures().failed(5, codeclab.core.OutcomeKind.CRASH, "boom");
        new MonitorService(f.source(), new InMemoryMonitorStateStore(), MonitorConfig.defaults(), null,
                new EmfMetricsSink("CodecLab", lines::add), null).run(Fixtures.RUN, Fixtures.at(10));
        assertThat(lines.get(0)).doesNotContain("BestBitrateRatio").doesNotContain("TrendSlope").contains("\"CompletedExperiments\":0.0");
    }
}
