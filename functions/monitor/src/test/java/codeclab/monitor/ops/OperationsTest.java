package codeclab.monitor.ops;

import codeclab.core.Experiment;
import codeclab.core.ExperimentStatus;
import codeclab.core.OutcomeKind;
import codeclab.monitor.MonitorConfig;
import codeclab.monitor.store.MutableClock;
import codeclab.store.DynamoConfig;
import codeclab.store.DynamoExperimentStore;
import codeclab.store.EmbeddedDynamo;
import codeclab.store.ExperimentIds;
import codeclab.store.FileArtifactStore;
import codeclab.store.FinalResult;
import codeclab.store.NotFoundException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;

import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Purge, restore, fresh start, pause/resume and the monitor run, on dynalite and a folder. */
class OperationsTest {

    static final Instant T0 = Instant.parse("2026-11-26T09:00:00Z");
    static final MutableClock CLOCK = new MutableClock(T0);
    static EmbeddedDynamo dynamo;
    static DynamoDbClient client;
    static DynamoExperimentStore store;
    static final AtomicInteger N = new AtomicInteger();

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        dynamo = EmbeddedDynamo.inMemory();
        DynamoConfig config = DynamoConfig.local(dynamo.endpoint());
        client = DynamoExperimentStore.client(config);
        store = new DynamoExperimentStore(client, config, CLOCK).createTables();
    }

    @AfterAll
    static void stop() {
        client.close();
        dynamo.close();
    }

    private Operations ops(FileArtifactStore artifacts) {
        return new Operations(store, artifacts, ScheduleControl.NONE, CLOCK);
    }

    /** A run with completed, failed and in-flight experiments, one of them with a real source artifact. */
    private String populatedRun(FileArtifactStore artifacts) {
        String run = "purge" + N.incrementAndGet();
        store.createRun(run, T0);
        String code = artifacts.putString("code", "class C {}");
        for (int i = 0; i < 7; i++) {
            Instant c = T0.plusSeconds(60L * i);
            Experiment e = new Experiment(run, ExperimentIds.next(c), ExperimentStatus.PLANNED, null, null, "evo",
                    null, "h" + i, i == 0 ? code : "code/" + "0".repeat(64), null, c, null, null, null, null, 0.01 * i);
            store.plan(e);
            if (i < 4) store.finish(run, e.experimentId(), FinalResult.ok(-3.5 + i, 800.0 + i, 1000.0, null), "k" + i);
            else if (i < 6) store.finish(run, e.experimentId(), FinalResult.failure(OutcomeKind.CRASH, "boom " + i), "k" + i);
        }
        store.saveMonitorState(run, "{\"state\":null}", 0, 1);
        return run;
    }

    private static String export(String run) throws Exception {
        StringWriter w = new StringWriter();
        store.exportRun(run, w);
        return w.toString();
    }

    @Test
    void purgeArchivesVerifiesDeletesAndRestoreGivesBackIdenticalItems() throws Exception {
        FileArtifactStore artifacts = new FileArtifactStore(dir.resolve("artifacts"));
        String run = populatedRun(artifacts);
        String before = export(run);

        Archive a = ops(artifacts).purge(run);
        assertThat(a.archive()).isEqualTo("archives/" + run + "-20261126T090000000Z.jsonl");
        assertThat(a.experiments()).isEqualTo(7);
        assertThat(a.artifacts()).isEqualTo(2);
        assertThat(a.lines()).isEqualTo(10);
        assertThatThrownBy(() -> store.getRun(run)).isInstanceOf(NotFoundException.class);
        assertThat(store.since(run, null)).isEmpty();
        String archived = Files.readString(dir.resolve("artifacts").resolve(a.archive()));
        assertThat(archived).startsWith(before).contains("\"table\":\"artifacts\"");
        assertThat(Operations.sha256(archived.getBytes(StandardCharsets.UTF_8))).isEqualTo(a.sha256());
        assertThat(ops(artifacts).archives()).containsExactly(a);

        Archive restored = ops(artifacts).restore(a.archive());
        assertThat(restored).isEqualTo(a);
        assertThat(export(run)).isEqualTo(before);
        // Restoring twice never overwrites.
        assertThatThrownBy(() -> ops(artifacts).restore(a.archive())).hasMessageContaining("exists already");
    }

    @Test
    void aTamperedArchiveIsRefused() throws Exception {
        FileArtifactStore artifacts = new FileArtifactStore(dir.resolve("artifacts"));
        String run = populatedRun(artifacts);
        Archive a = ops(artifacts).purge(run);
        Path file = dir.resolve("artifacts").resolve(a.archive());
        Files.writeString(file, Files.readString(file).replace("boom 4", "boom X"));
        assertThatThrownBy(() -> ops(artifacts).restore(a.archive())).hasMessageContaining("does not match its manifest");
        assertThatThrownBy(() -> ops(artifacts).purge("never-existed")).isInstanceOf(NotFoundException.class);
    }

    @Test
    void freshStartCreatesTheNextRunAndMakesItCurrent() {
        FileArtifactStore artifacts = new FileArtifactStore(dir.resolve("artifacts"));
        // Own store namespace: a fresh dynalite is shared, so count relative to what exists.
        Operations ops = ops(artifacts);
        var first = ops.freshStart();
        var second = ops.freshStart();
        int n1 = Integer.parseInt(first.runId().substring(4));
        assertThat(second.runId()).isEqualTo("run-" + (n1 + 1));
        assertThat(ops.currentRun()).isEqualTo(second.runId());
        assertThat(ops.resolveRun(null)).isEqualTo(second.runId());
        assertThat(ops.resolveRun("other")).isEqualTo("other");
        assertThat(store.getRun(second.runId()).finished()).isZero();
        assertThat(store.getRun(second.runId()).startedAt()).isEqualTo(CLOCK.instant());

        // An archived run-N is never reused.
        Archive a = ops.purge(second.runId());
        assertThat(ops.freshStart().runId()).isEqualTo("run-" + (n1 + 2));
        assertThat(a.runId()).isEqualTo(second.runId());
    }

    @Test
    void pauseAndResumeSetTheFlagAndTheEventBridgeRule() throws Exception {
        try (RecordingAwsServer aws = new RecordingAwsServer();
             EventBridgeClient events = EventBridgeClient.builder().endpointOverride(aws.endpoint())
                     .region(Region.US_EAST_1).httpClient(UrlConnectionHttpClient.create())
                     .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("k", "s")))
                     .build()) {
            String run = "pause" + N.incrementAndGet();
            store.createRun(run, T0);
            Operations ops = new Operations(store, null, new EventBridgeScheduleControl(events, "codec-lab-generation"), CLOCK);
            ops.pause(run, "operator");
            assertThat(store.getRun(run).paused()).isTrue();
            assertThat(ops.loop(run).paused()).isTrue();
            ops.resume(run);
            assertThat(store.getRun(run).paused()).isFalse();
            assertThat(aws.calls).extracting(RecordingAwsServer.Call::target)
                    .containsExactly("AWSEvents.DisableRule", "AWSEvents.EnableRule");
            assertThat(aws.calls.get(0).body()).contains("\"Name\":\"codec-lab-generation\"");
            assertThatThrownBy(() -> ops.pause("missing-run", "x")).isInstanceOf(NotFoundException.class);
            assertThat(aws.calls).hasSize(2);
        }
    }

    @Test
    void monitorRunMarksStuckExperimentsTimedOutThenJudges() {
        FileArtifactStore artifacts = new FileArtifactStore(dir.resolve("artifacts"));
        String run = "mon" + N.incrementAndGet();
        store.createRun(run, T0);
        Experiment stuck = new Experiment(run, ExperimentIds.next(T0), ExperimentStatus.PLANNED, null, null, "evo",
                null, "h", null, null, T0, null, null, null, null, 0);
        store.plan(stuck);
        CLOCK.set(T0.plus(Duration.ofHours(2)));
        try {
            var result = ops(artifacts).monitor(run, MonitorConfig.defaults(), null, null);
            assertThat(result.timedOut()).extracting(Experiment::experimentId).containsExactly(stuck.experimentId());
            assertThat(result.report().analysis().byOutcome()).containsEntry(OutcomeKind.TIMEOUT, 1L);
            assertThat(result.report().analysis().inFlight()).isZero();
            var again = ops(artifacts).monitor(run, MonitorConfig.defaults(), null, null);
            assertThat(again.timedOut()).isEmpty();
            assertThat(again.report().analysis().finished()).isEqualTo(1);
        } finally {
            CLOCK.set(T0);
        }
    }

    @Test
    void repeatedSandboxViolationsBecomePlannerNotesOnlyWhenFeedingIsOn() {
        FileArtifactStore artifacts = new FileArtifactStore(dir.resolve("artifacts"));
        String run = "hints" + N.incrementAndGet();
        store.createRun(run, T0);
        for (int i = 0; i < 11; i++) {
            Instant c = T0.plusSeconds(60L * i);
            Experiment e = new Experiment(run, ExperimentIds.next(c), ExperimentStatus.PLANNED, null, null, "llm",
                    null, "h" + i, null, null, c, null, null, null, null, 0);
            store.plan(e);
            store.finish(run, e.experimentId(), i % 2 == 0
                    ? FinalResult.ok(5.0 - i, 800.0 - 10 * i, 1000.0, null)
                    : FinalResult.failure(OutcomeKind.FORBIDDEN_API,
                    "the bytecode uses what the sandbox forbids: java.lang.Thread.start()V at line " + (10 + i)), "k" + i);
        }
        CLOCK.set(T0.plus(Duration.ofMinutes(30)));
        try {
            var off = ops(artifacts).monitor(run, MonitorConfig.defaults(), null, null);
            assertThat(off.report().verdict().name()).isEqualTo("FIX_CODE");
            assertThat(store.getRun(run).plannerHints()).isEmpty();

            ops(artifacts).monitor(run, MonitorConfig.defaults().withActions(false, true), null, null);
            assertThat(store.getRun(run).plannerHints()).anySatisfy(h -> assertThat(h)
                    .contains("most frequent sandbox violation").contains("java.lang.Thread.start"));
        } finally {
            CLOCK.set(T0);
        }
    }
}
