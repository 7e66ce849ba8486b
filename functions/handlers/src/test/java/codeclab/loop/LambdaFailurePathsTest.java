package codeclab.loop;

import codeclab.codec.seeds.ReferenceCodecs;
import codeclab.core.Experiment;
import codeclab.core.ExperimentStatus;
import codeclab.core.OutcomeKind;
import codeclab.harness.HarnessConfig;
import codeclab.store.DynamoConfig;
import codeclab.store.DynamoExperimentStore;
import codeclab.store.EmbeddedDynamo;
import codeclab.store.FileArtifactStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** What only Lambda and Step Functions produce: their timeout errors, retried Records, the function's time limit. */
class LambdaFailurePathsTest {

    @TempDir
    static Path dir;
    static EmbeddedDynamo dynamo;
    static DynamoExperimentStore store;
    static FileArtifactStore artifacts;

    @BeforeAll
    static void start() {
        dynamo = EmbeddedDynamo.inMemory();
        store = DynamoExperimentStore.create(DynamoConfig.local(dynamo.endpoint())).createTables();
        artifacts = new FileArtifactStore(dir.resolve("artifacts"));
    }

    @AfterAll
    static void stop() {
        store.close();
        dynamo.close();
    }

    private static LoopService loop(HoldoutLoopTest.Scripted planner) {
        LoopConfig config = LoopConfig.defaults().withClipSet("tiny").withHarness(HarnessConfig.defaults().withTargetPsnrY(32));
        return LoopFactory.create(store, artifacts, planner, config, dir, null);
    }

    @Test
    void lambdasOwnTimeoutIsATimeoutLikeTheTasksTimeout() {
        LoopService loop = loop(new HoldoutLoopTest.Scripted());
        for (String error : List.of("Sandbox.Timedout", "States.Timeout")) {
            HoldoutLoopTest.Scripted planner = new HoldoutLoopTest.Scripted();
            planner.sources.add(ReferenceCodecs.asCandidate("InterCodec"));
            Events.Planned p = loop(planner).plan("timeouts", "0");
            Events.Recorded r = loop.record(new Events.RecordEvent("timeouts", "0", p.experimentId(), p.sourceKey(), null, null,
                    new Events.Validation(true, "OK", null), null,
                    new Events.TaskError(error, "{\"errorMessage\":\"Task timed out after 900.00 seconds\"}")));
            Experiment e = store.get("timeouts", r.experimentId());
            assertThat(e.status()).as(error).isEqualTo(ExperimentStatus.TIMED_OUT);
            assertThat(e.outcome()).as(error).isEqualTo(OutcomeKind.TIMEOUT);
            assertThat(e.message()).contains(error, "Task timed out after 900.00 seconds");
        }
    }

    @Test
    void aRetriedRecordAfterAFailedPlanFindsTheExperimentItCreated() {
        LoopService loop = loop(new HoldoutLoopTest.Scripted());
        Events.RecordEvent event = new Events.RecordEvent("retried", "2", null, null, null, null, null, null,
                new Events.TaskError("java.lang.IllegalStateException", "{\"errorMessage\":\"store unavailable\"}"),
                "arn:aws:states:us-east-1:123456789012:execution:CodecLab:gen-42", "2026-12-02T01:00:00.123Z");
        Events.Recorded first = loop.record(event);
        Events.Recorded again = loop.record(event);
        assertThat(again.experimentId()).isEqualTo(first.experimentId()).startsWith("20261202T010000123Z-");
        assertThat(again.replay()).isTrue();
        assertThat(store.all("retried")).hasSize(1);
        assertThat(store.getRun("retried").finished()).isEqualTo(1);
        // Another slot of the same execution is another experiment.
        Events.Recorded other = loop.record(new Events.RecordEvent("retried", "3", null, null, null, null, null, null,
                event.error(), event.executionId(), event.startedAt()));
        assertThat(other.experimentId()).isNotEqualTo(first.experimentId());
    }

    @Test
    void executeSkipsTheHeldOutPassWhenItsWorstCaseNoLongerFitsTheFunctionsTime() {
        HoldoutLoopTest.Scripted planner = new HoldoutLoopTest.Scripted();
        planner.sources.add(ReferenceCodecs.asCandidate("InterCodec"));
        LoopService loop = loop(planner);
        Events.Planned p = loop.plan("late", "0");
        Events.Execution x = loop.execute(p, Duration.ofSeconds(30));
        assertThat(x.outcome()).isEqualTo("OK");
        assertThat(x.evaluationKey()).isNotNull();
        assertThat(x.holdoutKey()).isNull();
        assertThat(x.message()).startsWith("held-out evaluation skipped: ").contains("worst case is 180 s");
    }
}
