package codeclab.store;

import codeclab.core.Experiment;
import codeclab.core.ExperimentStatus;
import codeclab.core.OutcomeKind;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.io.StringReader;
import java.io.StringWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** The store against a real dynalite (in memory), one server for the class. */
class DynamoExperimentStoreTest {

    private static EmbeddedDynamo dynamo;
    private static DynamoDbClient client;
    private static DynamoExperimentStore store;
    private static final AtomicInteger RUNS = new AtomicInteger();
    private static final Instant T0 = Instant.parse("2026-11-26T09:00:00Z");

    @BeforeAll
    static void startDynalite() {
        dynamo = EmbeddedDynamo.inMemory();
        DynamoConfig config = DynamoConfig.local(dynamo.endpoint());
        client = DynamoExperimentStore.client(config);
        store = new DynamoExperimentStore(client, config, Clock.systemUTC()).createTables();
    }

    @AfterAll
    static void stop() {
        client.close();
        dynamo.close();
    }

    private static String newRun() {
        String run = "run" + RUNS.incrementAndGet();
        store.createRun(run, T0);
        return run;
    }

    private static Experiment planned(String run, Instant createdAt) {
        Experiment e = new Experiment(run, ExperimentIds.next(createdAt), ExperimentStatus.PLANNED, null, null,
                "evolutionary/1", null, "try a bigger transform", "code/abc", null, createdAt, null,
                null, null, null, 0.25);
        store.plan(e);
        return e;
    }

    @Test
    void planIsACreateOnceWriteAndNeedsAnExistingRun() {
        String run = newRun();
        Experiment e = planned(run, T0);
        assertThat(store.get(run, e.experimentId())).isEqualTo(e);
        assertThatThrownBy(() -> store.plan(e)).isInstanceOf(IllegalStateException.class).hasMessageContaining("exists");
        Experiment orphan = new Experiment("no-such-run", ExperimentIds.next(T0), ExperimentStatus.PLANNED, null, null,
                "p", null, "h", null, null, T0, null, null, null, null, 0);
        assertThatThrownBy(() -> store.plan(orphan)).isInstanceOf(NotFoundException.class).hasMessageContaining("no-such-run");
    }

    @Test
    void transitionsAreConditionalOnTheExpectedStatusAndRejectStaleUpdates() {
        String run = newRun();
        Experiment e = planned(run, T0);
        Experiment v = store.transition(run, e.experimentId(), ExperimentStatus.PLANNED, ExperimentStatus.VALIDATED,
                Map.of("sourceHash", "code/def"));
        assertThat(v.status()).isEqualTo(ExperimentStatus.VALIDATED);
        assertThat(v.sourceHash()).isEqualTo("code/def");
        // A second executor still thinking it is PLANNED loses and writes nothing.
        assertThatThrownBy(() -> store.transition(run, e.experimentId(), ExperimentStatus.PLANNED,
                ExperimentStatus.VALIDATED, Map.of("sourceHash", "code/stale")))
                .isInstanceOf(ConcurrentTransitionException.class)
                .satisfies(x -> assertThat(((ConcurrentTransitionException) x).actual()).isEqualTo(ExperimentStatus.VALIDATED));
        assertThat(store.get(run, e.experimentId()).sourceHash()).isEqualTo("code/def");
        assertThatThrownBy(() -> store.transition(run, e.experimentId(), ExperimentStatus.VALIDATED,
                ExperimentStatus.PLANNED, Map.of())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.transition(run, "nope", ExperimentStatus.PLANNED,
                ExperimentStatus.VALIDATED, Map.of())).isInstanceOf(NotFoundException.class);
    }

    @Test
    void recordIsIdempotentPerKeyAndCountsOnce() {
        String run = newRun();
        Experiment e = planned(run, T0);
        FinalResult ok = FinalResult.ok(-12.5, 800.0, 1000.0, "evaluation/xyz");
        RecordResult first = store.finish(run, e.experimentId(), ok, "exec-1#record");
        RecordResult retry = store.finish(run, e.experimentId(), ok, "exec-1#record");
        assertThat(first.replay()).isFalse();
        assertThat(retry.replay()).isTrue();
        assertThat(retry.experiment()).isEqualTo(first.experiment());
        assertThat(first.experiment().status()).isEqualTo(ExperimentStatus.COMPLETED);
        assertThat(first.experiment().ratioToBaseline()).isCloseTo(0.8, within(1e-12));

        RunSummary s = store.getRun(run);
        assertThat(s.finished()).isEqualTo(1);
        assertThat(s.completed()).isEqualTo(1);
        assertThat(s.count(OutcomeKind.OK)).isEqualTo(1);
        assertThat(s.ratioCount()).isEqualTo(1);
        assertThat(s.ratioSum()).isCloseTo(0.8, within(1e-12));
        assertThat(s.bestBdRate()).isEqualTo(-12.5);
        assertThat(s.bestRatio()).as("the second figure of the best").isCloseTo(0.8, within(1e-12));
        assertThat(s.bestExperimentId()).isEqualTo(e.experimentId());
        assertThat(s.costUsdSum()).isEqualTo(0.25);
        // Another execution trying to record it again is refused, not counted.
        assertThatThrownBy(() -> store.finish(run, e.experimentId(), FinalResult.failure(OutcomeKind.CRASH, "boom"),
                "exec-2#record")).isInstanceOf(ConcurrentTransitionException.class);
        assertThat(store.getRun(run).finished()).isEqualTo(1);
    }

    @Test
    void aRecordInterruptedBeforeCountingIsCountedOnceByItsRetry() {
        String run = newRun();
        Experiment e = planned(run, T0);
        // Simulate a crash right after step 1: the experiment is final, the run never counted it.
        client.updateItem(u -> u.tableName(DynamoConfig.DEFAULT_EXPERIMENTS_TABLE)
                .key(Map.of("runId", AttributeValue.fromS(run), "experimentId", AttributeValue.fromS(e.experimentId())))
                .updateExpression("SET #s = :f, outcome = :o, runOutcome = :ro, recordKey = :k")
                .expressionAttributeNames(Map.of("#s", "status"))
                .expressionAttributeValues(Map.of(":f", AttributeValue.fromS("FAILED"), ":o", AttributeValue.fromS("CRASH"),
                        ":ro", AttributeValue.fromS(run + "#CRASH"), ":k", AttributeValue.fromS("exec-9#record"))));
        assertThat(store.getRun(run).finished()).isZero();
        RecordResult retry = store.finish(run, e.experimentId(), FinalResult.failure(OutcomeKind.CRASH, "boom"), "exec-9#record");
        assertThat(retry.replay()).isTrue();
        store.finish(run, e.experimentId(), FinalResult.failure(OutcomeKind.CRASH, "boom"), "exec-9#record");
        RunSummary s = store.getRun(run);
        assertThat(s.finished()).isEqualTo(1);
        assertThat(s.count(OutcomeKind.CRASH)).isEqualTo(1);
        assertThat(s.count(ExperimentStatus.FAILED)).isEqualTo(1);
    }

    @Test
    void parallelRecordsOfManyExperimentsCountExactly() throws Exception {
        String run = newRun();
        int n = 200;
        List<Experiment> planned = new ArrayList<>();
        for (int i = 0; i < n; i++) planned.add(planned(run, T0.plusMillis(i)));
        OutcomeKind[] kinds = {OutcomeKind.OK, OutcomeKind.COMPILE_ERROR, OutcomeKind.CRASH, OutcomeKind.TIMEOUT};
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int k = i;
                futures.add(pool.submit(() -> {
                    Experiment e = planned.get(k);
                    OutcomeKind kind = kinds[k % kinds.length];
                    FinalResult r = kind == OutcomeKind.OK
                            ? FinalResult.ok((double) k, 500.0 + k, 1000.0, null)
                            : FinalResult.failure(kind, "failure " + k);
                    store.finish(run, e.experimentId(), r, "exec-" + k + "#record");
                    // Every fourth record is delivered twice, as a Step Functions retry would.
                    if (k % 4 == 1) store.finish(run, e.experimentId(), r, "exec-" + k + "#record");
                    return null;
                }));
            }
            for (Future<?> f : futures) f.get();
        } finally {
            pool.shutdown();
        }
        RunSummary s = store.getRun(run);
        assertThat(s.finished()).isEqualTo(n);
        assertThat(s.completed()).isEqualTo(n / 4);
        for (OutcomeKind k : kinds) assertThat(s.count(k)).as(k.name()).isEqualTo(n / 4);
        assertThat(s.count(ExperimentStatus.INVALID)).isEqualTo(n / 4);
        assertThat(s.ratioCount()).isEqualTo(n / 4);
        double expectedSum = 0;
        for (int k = 0; k < n; k += 4) expectedSum += (500.0 + k) / 1000.0;
        assertThat(s.ratioSum()).isCloseTo(expectedSum, within(1e-9));
        assertThat(s.bestBdRate()).isEqualTo(0.0);
        assertThat(s.bestRatio()).isEqualTo(0.5);
        assertThat(s.bestExperimentId()).isEqualTo(planned.get(0).experimentId());
        assertThat(s.costUsdSum()).isCloseTo(0.25 * n, within(1e-9));
    }

    @Test
    void newestBestAndFailuresSinceAreQueriesReturningTheRightItems() {
        String run = newRun();
        List<Experiment> es = new ArrayList<>();
        double[] ratios = {0.9, 0.4, 0.7, 0.2, 1.3};
        for (int i = 0; i < 10; i++) es.add(planned(run, T0.plusSeconds(i)));
        for (int i = 0; i < 5; i++) {
            // the score (BD-rate) ranks; the ratio is the second figure
            store.finish(run, es.get(i).experimentId(), FinalResult.ok((ratios[i] - 1) * 100, ratios[i] * 1000, 1000.0, null), "k" + i);
        }
        // completed without a BD-rate (its curve missed x264's range): counted, never ranked
        store.finish(run, es.get(8).experimentId(), FinalResult.ok(null, 100.0, 1000.0, null), "k8");
        store.finish(run, es.get(5).experimentId(), FinalResult.failure(OutcomeKind.COMPILE_ERROR, "x"), "k5");
        store.finish(run, es.get(6).experimentId(), FinalResult.failure(OutcomeKind.CRASH, "y"), "k6");
        store.finish(run, es.get(7).experimentId(), FinalResult.failure(OutcomeKind.COMPILE_ERROR, "z"), "k7");

        assertThat(store.newest(run, 3)).extracting(Experiment::experimentId)
                .containsExactly(es.get(9).experimentId(), es.get(8).experimentId(), es.get(7).experimentId());
        assertThat(store.best(run, 10)).hasSize(5).noneMatch(e -> e.experimentId().equals(es.get(8).experimentId()));
        assertThat(store.getRun(run).completed()).isEqualTo(6);
        assertThat(store.best(run, 3)).extracting(Experiment::experimentId)
                .containsExactly(es.get(3).experimentId(), es.get(1).experimentId(), es.get(2).experimentId());
        assertThat(store.failuresSince(run, OutcomeKind.COMPILE_ERROR, null)).extracting(Experiment::experimentId)
                .containsExactly(es.get(5).experimentId(), es.get(7).experimentId());
        assertThat(store.failuresSince(run, OutcomeKind.COMPILE_ERROR, es.get(5).experimentId()))
                .extracting(Experiment::message).containsExactly("z");
        assertThat(store.since(run, es.get(6).experimentId())).hasSize(3);
        assertThat(store.all(run)).extracting(Experiment::experimentId)
                .containsExactlyElementsOf(es.stream().map(Experiment::experimentId).toList());
        assertThat(store.getRun(run).averageRatio()).isCloseTo((0.9 + 0.4 + 0.7 + 0.2 + 1.3 + 0.1) / 6, within(1e-12));
    }

    @Test
    void stuckExperimentsAreMarkedTimedOutOnceAndCounted() {
        String run = newRun();
        Instant now = T0.plus(Duration.ofHours(2));
        Experiment old = planned(run, T0);
        Experiment oldExecuted = planned(run, T0.plusSeconds(1));
        store.transition(run, oldExecuted.experimentId(), ExperimentStatus.PLANNED, ExperimentStatus.EXECUTED, Map.of());
        Experiment oldDone = planned(run, T0.plusSeconds(2));
        store.finish(run, oldDone.experimentId(), FinalResult.failure(OutcomeKind.CRASH, "c"), "k");
        Experiment fresh = planned(run, now.minusSeconds(60));

        assertThat(store.stuck(run, Duration.ofMinutes(30), now)).extracting(Experiment::experimentId)
                .containsExactly(old.experimentId(), oldExecuted.experimentId());
        List<Experiment> marked = store.markTimedOut(run, Duration.ofMinutes(30), now);
        assertThat(marked).extracting(Experiment::status).containsOnly(ExperimentStatus.TIMED_OUT);
        assertThat(marked).extracting(Experiment::outcome).containsOnly(OutcomeKind.TIMEOUT);
        assertThat(marked.get(0).message()).contains("Stuck in PLANNED");
        assertThat(store.markTimedOut(run, Duration.ofMinutes(30), now)).isEmpty();
        assertThat(store.get(run, fresh.experimentId()).status()).isEqualTo(ExperimentStatus.PLANNED);
        RunSummary s = store.getRun(run);
        assertThat(s.count(ExperimentStatus.TIMED_OUT)).isEqualTo(2);
        assertThat(s.finished()).isEqualTo(3);
    }

    @Test
    void exportDeleteImportGivesBackIdenticalItems() throws Exception {
        String run = newRun();
        for (int i = 0; i < 30; i++) {
            Experiment e = planned(run, T0.plusSeconds(i));
            if (i % 3 == 0) store.finish(run, e.experimentId(), FinalResult.ok(-3.25, 123.456 + i, 1000.0, "ev/" + i), "k" + i);
            if (i % 3 == 1) store.finish(run, e.experimentId(), FinalResult.failure(OutcomeKind.FORBIDDEN_API, "java/io/File"), "k" + i);
        }
        store.saveMonitorState(run, "{\"lastVerdict\":\"LET_IT_RUN\"}");
        StringWriter before = new StringWriter();
        store.exportRun(run, before);
        assertThat(before.toString().lines()).hasSize(31);

        assertThat(store.deleteRun(run)).isEqualTo(30);
        assertThat(store.all(run)).isEmpty();
        assertThatThrownBy(() -> store.getRun(run)).isInstanceOf(NotFoundException.class);

        assertThat(store.importRun(new StringReader(before.toString()))).isEqualTo(31);
        StringWriter after = new StringWriter();
        store.exportRun(run, after);
        assertThat(after.toString()).isEqualTo(before.toString());
        assertThatThrownBy(() -> store.importRun(new StringReader(before.toString())))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("exists already");
    }

    @Test
    void numbersAreStoredAsNumbersAndRoundTripExactly() {
        String run = newRun();
        Experiment e = planned(run, T0);
        double bd = -1.0 / 3, rate = 0.1 + 0.2, base = 1e-7;
        store.finish(run, e.experimentId(), FinalResult.ok(bd, rate, base, null), "k");
        Experiment back = store.get(run, e.experimentId());
        assertThat(back.bdRatePercent()).isEqualTo(bd);
        assertThat(back.bitrateAtTargetKbps()).isEqualTo(rate);
        assertThat(back.baselineBitrateAtTargetKbps()).isEqualTo(base);
        Map<String, AttributeValue> raw = client.getItem(g -> g.tableName(DynamoConfig.DEFAULT_EXPERIMENTS_TABLE)
                .key(Map.of("runId", AttributeValue.fromS(run), "experimentId", AttributeValue.fromS(e.experimentId()))))
                .item();
        for (String name : List.of("bdRatePercent", "bitrateAtTargetKbps", "baselineBitrateAtTargetKbps", "ratio", "costUsd")) {
            assertThat(raw.get(name).type()).as(name).isEqualTo(AttributeValue.Type.N);
        }
        Map<String, AttributeValue> runRaw = client.getItem(g -> g.tableName(DynamoConfig.DEFAULT_RUNS_TABLE)
                .key(Map.of("runId", AttributeValue.fromS(run)))).item();
        for (String name : List.of("finished", "completed", "ratioSum", "bestRatio", "outcome_OK", "status_COMPLETED")) {
            assertThat(runRaw.get(name).type()).as(name).isEqualTo(AttributeValue.Type.N);
        }
        assertThatThrownBy(() -> FinalResult.ok(Double.NaN, 1.0, 1.0, null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void runsArePausedListedAndCreatedOnce() {
        String run = newRun();
        assertThatThrownBy(() -> store.createRun(run, T0)).isInstanceOf(IllegalStateException.class);
        assertThat(store.ensureRun(run, T0.plusSeconds(5)).startedAt()).isEqualTo(T0);
        store.setPaused(run, true);
        assertThat(store.getRun(run).paused()).isTrue();
        assertThat(store.listRuns()).extracting(RunSummary::runId).contains(run);
        assertThatThrownBy(() -> store.setPaused("ghost", true)).isInstanceOf(NotFoundException.class);
    }

    @Test
    void oldCountedMarkersArePrunedWithoutLosingIdempotency() {
        String run = newRun();
        Experiment e = planned(run, T0);
        FinalResult r = FinalResult.failure(OutcomeKind.CRASH, "x");
        store.finish(run, e.experimentId(), r, "k");
        DynamoExperimentStore later = new DynamoExperimentStore(client,
                new DynamoConfig(DynamoConfig.DEFAULT_EXPERIMENTS_TABLE, DynamoConfig.DEFAULT_RUNS_TABLE,
                        dynamo.endpoint(), "us-east-1", Duration.ZERO),
                Clock.offset(Clock.systemUTC(), Duration.ofMinutes(1)));
        later.pruneMarkers(run);
        Map<String, AttributeValue> runRaw = client.getItem(g -> g.tableName(DynamoConfig.DEFAULT_RUNS_TABLE)
                .key(Map.of("runId", AttributeValue.fromS(run)))).item();
        assertThat(runRaw.get("counted").m()).isEmpty();
        assertThat(store.finish(run, e.experimentId(), r, "k").replay()).isTrue();
        assertThat(store.getRun(run).finished()).isEqualTo(1);
    }

    @Test
    void versionedMonitorStateSavesOnlyFromTheExpectedVersion() {
        String run = newRun();
        assertThat(store.saveMonitorState(run, "{\"v\":1}", 0, 1)).isTrue();
        assertThat(store.saveMonitorState(run, "{\"v\":1}", 0, 1)).isFalse();
        assertThat(store.saveMonitorState(run, "{\"v\":2}", 5, 6)).isFalse();
        assertThat(store.saveMonitorState(run, "{\"v\":2}", 1, 2)).isTrue();
        assertThat(store.getRun(run).monitorState()).isEqualTo("{\"v\":2}");
        assertThatThrownBy(() -> store.saveMonitorState("no-such-run", "{}", 0, 1)).isInstanceOf(NotFoundException.class);
    }

    @Test
    void currentRunPointerIsNotListedAsARun() {
        String run = newRun();
        store.setCurrentRun(run);
        assertThat(store.currentRun()).contains(run);
        assertThat(store.listRuns()).extracting(RunSummary::runId).contains(run).noneMatch(id -> id.startsWith("#"));
        assertThatThrownBy(() -> store.setCurrentRun("bad#id")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void bulkLoadedRunHasTheCountersFinishWouldHaveProduced() {
        String run = "bulk" + RUNS.incrementAndGet();
        List<Experiment> finals = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            Instant c = T0.plusSeconds(i);
            boolean ok = i % 3 != 0;
            finals.add(new Experiment(run, ExperimentIds.next(c), ok ? ExperimentStatus.COMPLETED : ExperimentStatus.INVALID,
                    ok ? OutcomeKind.OK : OutcomeKind.COMPILE_ERROR, ok ? null : "error", "evo", null, "h", null, null,
                    c, c.plusSeconds(30), ok ? (double) i : null, ok ? 100.0 + i : null, ok ? 200.0 : null, 0));
        }
        assertThat(store.loadFinished(run, T0, finals)).isEqualTo(60);
        RunSummary r = store.getRun(run);
        assertThat(r.finished()).isEqualTo(60);
        assertThat(r.completed()).isEqualTo(40);
        assertThat(r.count(OutcomeKind.COMPILE_ERROR)).isEqualTo(20);
        assertThat(r.bestBdRate()).isEqualTo(1.0);
        assertThat(r.bestRatio()).isEqualTo(101.0 / 200.0);
        assertThat(store.all(run)).hasSize(60);
        assertThat(store.best(run, 1).get(0).bitrateAtTargetKbps()).isEqualTo(101.0);
    }
}
