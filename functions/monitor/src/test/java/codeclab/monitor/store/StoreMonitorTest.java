package codeclab.monitor.store;

import codeclab.core.Experiment;
import codeclab.core.ExperimentStatus;
import codeclab.core.OutcomeKind;
import codeclab.monitor.MonitorConfig;
import codeclab.monitor.MonitorService;
import codeclab.monitor.report.Report;
import codeclab.monitor.source.InMemoryMonitorSource;
import codeclab.monitor.source.InMemoryMonitorStateStore;
import codeclab.monitor.source.MonitorState;
import codeclab.monitor.source.MonitorStateStore;
import codeclab.store.DynamoConfig;
import codeclab.store.DynamoExperimentStore;
import codeclab.store.EmbeddedDynamo;
import codeclab.store.ExperimentIds;
import codeclab.store.FinalResult;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The store-backed monitor source and state against a real dynalite (in memory). */
class StoreMonitorTest {

    static final Instant T0 = Instant.parse("2026-11-26T09:00:00Z");
    static EmbeddedDynamo dynamo;
    static DynamoDbClient client;
    static DynamoExperimentStore store;
    static final MutableClock CLOCK = new MutableClock(T0);
    static final AtomicInteger RUNS = new AtomicInteger();

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

    /** The same history in the store and in the in-memory oracle. */
    static final class Twin {
        final String run = "m" + RUNS.incrementAndGet();
        final InMemoryMonitorSource oracle = new InMemoryMonitorSource().startRun(run, T0);
        final StoreMonitorStateStore states = new StoreMonitorStateStore(store);
        final StoreMonitorSource source = new StoreMonitorSource(store, states, CLOCK, Duration.ofMinutes(5));
        final MonitorService service = new MonitorService(source, states, MonitorConfig.defaults().withPageSize(2), null, null, null);
        final MonitorService oracleService = new MonitorService(oracle, new InMemoryMonitorStateStore(),
                MonitorConfig.defaults().withPageSize(2), null, null, null);

        Twin() {
            store.createRun(run, T0);
        }

        Experiment plan(Instant createdAt) {
            Experiment e = new Experiment(run, ExperimentIds.next(createdAt), ExperimentStatus.PLANNED, null, null,
                    "evo", null, "h", null, null, createdAt, null, null, null, null, 0);
            store.plan(e);
            oracle.put(e);
            return e;
        }

        void complete(Experiment e, double ratio) {
            Experiment done = store.finish(run, e.experimentId(), FinalResult.ok((ratio - 1) * 100, ratio * 1000, 1000.0, null),
                    "rec:" + e.experimentId()).experiment();
            oracle.put(done);
        }

        void fail(Experiment e, OutcomeKind kind, String message) {
            oracle.put(store.finish(run, e.experimentId(), FinalResult.failure(kind, message), "rec:" + e.experimentId())
                    .experiment());
        }

        Report[] both() {
            return new Report[]{service.run(run, CLOCK.instant()), oracleService.run(run, CLOCK.instant())};
        }
    }

    static void assertSameNumbers(Report fromStore, Report fromOracle) {
        var a = fromStore.analysis();
        var b = fromOracle.analysis();
        assertThat(a.finished()).isEqualTo(b.finished());
        assertThat(a.inFlight()).isEqualTo(b.inFlight());
        assertThat(a.completed()).isEqualTo(b.completed());
        assertThat(a.completedLastHour()).isEqualTo(b.completedLastHour());
        assertThat(a.byOutcome()).isEqualTo(b.byOutcome());
        assertThat(a.best()).isEqualTo(b.best());
        // Sums may be added in another order: equal up to rounding.
        assertThat(a.averageRatio()).isCloseTo(b.averageRatio(), org.assertj.core.api.Assertions.within(1e-12));
        assertThat(a.results().unique()).isEqualTo(b.results().unique());
        assertThat(a.errors()).isEqualTo(b.errors());
        assertThat(fromStore.verdict()).isEqualTo(fromOracle.verdict());
    }

    @Test
    void eachFinishedExperimentIsFoldedInOnceIncludingOnesThatFinishAfterYoungerOnes() {
        CLOCK.set(T0.plus(Duration.ofMinutes(20)));
        Twin t = new Twin();
        Experiment slow = t.plan(T0.plus(Duration.ofMinutes(1)));
        Experiment a = t.plan(T0.plus(Duration.ofMinutes(2)));
        Experiment b = t.plan(T0.plus(Duration.ofMinutes(3)));
        t.complete(a, 0.9);
        t.fail(b, OutcomeKind.COMPILE_ERROR, "Codec.java:12: error: cannot find symbol");
        Report[] r1 = t.both();
        assertSameNumbers(r1[0], r1[1]);
        assertThat(r1[0].analysis().finished()).isEqualTo(2);
        assertThat(r1[0].analysis().inFlight()).isEqualTo(1);

        // The oldest one finishes late (behind the watermark); two young ones arrive, one final at once.
        CLOCK.advance(Duration.ofMinutes(30));
        t.complete(slow, 0.7);
        Experiment young = t.plan(CLOCK.instant().minusSeconds(10));
        t.complete(young, 0.8);
        t.plan(CLOCK.instant().minusSeconds(5));
        Report[] r2 = t.both();
        assertSameNumbers(r2[0], r2[1]);
        assertThat(r2[0].analysis().finished()).isEqualTo(4);
        assertThat(r2[0].analysis().best().ratio()).isEqualTo(0.7);

        // Nothing new: the young final one (above the watermark) is not counted again.
        CLOCK.advance(Duration.ofMinutes(10));
        Report[] r3 = t.both();
        assertSameNumbers(r3[0], r3[1]);
        assertThat(t.states.load(t.run)).map(MonitorState::version).contains(3L);
        assertThat(t.states.load(t.run)).map(s -> s.summary().ingested()).contains(4L);
    }

    @Test
    void theStateIsSavedOnTheRunItemAndSurvivesANewProcess() {
        CLOCK.set(T0.plus(Duration.ofHours(1)));
        Twin t = new Twin();
        t.complete(t.plan(T0.plus(Duration.ofMinutes(5))), 1.1);
        t.service.run(t.run, CLOCK.instant());
        assertThat(store.getRun(t.run).monitorState()).contains("\"watermark\"").contains("\"ingested\":1");

        // A fresh adapter pair (new Lambda container) continues from the stored position.
        StoreMonitorStateStore states = new StoreMonitorStateStore(store);
        var service = new MonitorService(new StoreMonitorSource(store, states, CLOCK, Duration.ofMinutes(5)), states,
                MonitorConfig.defaults(), null, null, null);
        t.complete(t.plan(T0.plus(Duration.ofMinutes(30))), 1.0);
        CLOCK.advance(Duration.ofMinutes(10));
        Report r = service.run(t.run, CLOCK.instant());
        assertThat(r.analysis().completed()).isEqualTo(2);
        assertThat(states.load(t.run).orElseThrow().summary().ingested()).isEqualTo(2);
    }

    @Test
    void overlappingMonitorRunsCannotBothSave() {
        CLOCK.set(T0.plus(Duration.ofHours(1)));
        Twin t = new Twin();
        t.service.run(t.run, CLOCK.instant());
        StoreMonitorStateStore first = new StoreMonitorStateStore(store);
        StoreMonitorStateStore second = new StoreMonitorStateStore(store);
        MonitorState s1 = first.load(t.run).orElseThrow();
        MonitorState s2 = second.load(t.run).orElseThrow();
        first.save(new MonitorState(t.run, s1.version() + 1, s1.cursor(), s1.summary(), s1.alerts(), CLOCK.instant()));
        assertThatThrownBy(() -> second.save(new MonitorState(t.run, s2.version() + 1, s2.cursor(), s2.summary(),
                s2.alerts(), CLOCK.instant()))).isInstanceOf(MonitorStateStore.ConcurrentUpdateException.class);
    }

    @Test
    void unknownRunHasNoAggregatesAndNoState() {
        StoreMonitorStateStore states = new StoreMonitorStateStore(store);
        assertThat(new StoreMonitorSource(store, states).aggregates("nope")).isEmpty();
        assertThat(states.load("nope")).isEmpty();
    }
}
