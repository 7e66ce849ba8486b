package codeclab.monitor.ops;

import codeclab.core.Experiment;
import codeclab.core.ExperimentStatus;
import codeclab.monitor.MonitorConfig;
import codeclab.monitor.metrics.EmfMetricsSink;
import codeclab.monitor.store.MutableClock;
import codeclab.store.DynamoConfig;
import codeclab.store.DynamoExperimentStore;
import codeclab.store.EmbeddedDynamo;
import codeclab.store.ExperimentIds;
import codeclab.store.FileArtifactStore;
import codeclab.store.FinalResult;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MonitorFunctionTest {

    @TempDir
    Path dir;

    @Test
    void judgesTheCurrentRunPublishesOnChangeOnlyAndWritesEmf() throws Exception {
        Instant t0 = Instant.parse("2026-11-26T01:00:00Z");
        MutableClock clock = new MutableClock(t0);
        try (EmbeddedDynamo dynamo = EmbeddedDynamo.inMemory()) {
            DynamoConfig cfg = DynamoConfig.local(dynamo.endpoint());
            try (var client = DynamoExperimentStore.client(cfg)) {
                var store = new DynamoExperimentStore(client, cfg, clock).createTables();
                Operations ops = new Operations(store, new FileArtifactStore(dir), ScheduleControl.NONE, clock);
                String run = ops.freshStart().runId();
                for (int i = 0; i < 6; i++) {
                    Instant c = t0.plus(Duration.ofMinutes(5 * i));
                    Experiment e = new Experiment(run, ExperimentIds.next(c), ExperimentStatus.PLANNED, null, null,
                            "evo", null, "h", null, null, c, null, null, null, null, 0);
                    store.plan(e);
                    clock.set(c.plusSeconds(60));
                    store.finish(run, e.experimentId(), FinalResult.ok(1.0, 1000.0, 1000.0, null), "k" + i);
                }
                clock.set(t0.plus(Duration.ofMinutes(50)));
                List<String> sent = new ArrayList<>();
                List<String> emf = new ArrayList<>();
                MonitorFunction f = new MonitorFunction(ops, MonitorFunction.config(Map.of("CODEC_LAB_SITE_URL", "https://x.example")),
                        (subject, body) -> {
                            sent.add(subject + "\n" + body);
                            return "m" + sent.size();
                        }, new EmfMetricsSink("CodecLab", emf::add));

                Map<String, Object> out = f.handle(Map.of());
                assertThat(out).containsEntry("runId", run).containsEntry("finished", 6L).containsEntry("completed", 6L)
                        .containsEntry("published", true).containsEntry("alert", "CHANGE");
                assertThat(sent).hasSize(1);
                assertThat(sent.get(0)).startsWith("[").contains("codec-lab " + run).contains("https://x.example/index.html", "https://x.example/blog/index.html");
                var doc = new ObjectMapper().readTree(emf.get(0));
                assertThat(doc.path("_aws").path("CloudWatchMetrics").get(0).path("Namespace").asText()).isEqualTo("CodecLab");
                assertThat(doc.path("CompletedExperiments").asDouble()).isEqualTo(6);
                assertThat(doc.path("BestBitrateRatio").asDouble()).isEqualTo(1.0);

                clock.advance(Duration.ofMinutes(10));
                Map<String, Object> again = f.handle(Map.of("runId", run));
                assertThat(again).containsEntry("published", false).containsEntry("finished", 6L);
                assertThat(sent).hasSize(1);
                assertThat(emf).hasSize(2);
                assertThatThrownBy(() -> f.handle(Map.of("runId", "no-such-run"))).hasMessageContaining("no-such-run");
            }
        }
    }

    @Test
    void missingEnvironmentIsNamed() {
        assertThatThrownBy(() -> MonitorFunction.fromEnvironment(Map.of()))
                .hasMessageContaining("CODEC_LAB_EXPERIMENTS_TABLE");
        assertThat(MonitorFunction.config(Map.of("CODEC_LAB_AUTO_PAUSE", "true")).autoPause()).isTrue();
        assertThat(MonitorFunction.config(Map.of())).isEqualTo(MonitorConfig.defaults());
        assertThat(MonitorFunction.config(Map.of("CODEC_LAB_STALL_AFTER_MINUTES", "180")).stallAfter())
                .isEqualTo(java.time.Duration.ofHours(3));
        assertThatThrownBy(() -> MonitorFunction.config(Map.of("CODEC_LAB_STALL_AFTER_MINUTES", "2h")))
                .hasMessageContaining("CODEC_LAB_STALL_AFTER_MINUTES must be a whole number of minutes");
    }
}
