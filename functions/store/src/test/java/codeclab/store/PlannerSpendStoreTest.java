package codeclab.store;

import codeclab.core.Experiment;
import codeclab.core.ExperimentStatus;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The run's planner ledger, self-pause and the experiment's planner fields on dynalite. */
class PlannerSpendStoreTest {

    static EmbeddedDynamo dynamo;
    static DynamoExperimentStore store;
    static final Instant T0 = Instant.parse("2026-12-01T00:00:00Z");

    @BeforeAll
    static void start() {
        dynamo = EmbeddedDynamo.inMemory();
        store = DynamoExperimentStore.create(DynamoConfig.local(dynamo.endpoint())).createTables();
    }

    @AfterAll
    static void stop() {
        store.close();
        dynamo.close();
    }

    @Test
    void concurrentReservationsNeverCommitMoreThanTheLimitAndSettlingKeepsTheTotals() throws Exception {
        store.createRun("ledger", T0);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Callable<Boolean>> tries = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            tries.add(() -> store.reserveSpend("ledger", 0.3, 1.0));
        }
        long granted = 0;
        for (Future<Boolean> f : pool.invokeAll(tries)) {
            granted += f.get() ? 1 : 0;
        }
        pool.shutdown();
        assertThat(granted).isEqualTo(3);
        assertThat(store.getRun("ledger").plannerSpend().committedUsd()).isCloseTo(0.9, org.assertj.core.data.Offset.offset(1e-9));

        for (int i = 0; i < 3; i++) {
            store.settleSpend("ledger", 0.3, 0.1, 1000, 200);
        }
        PlannerSpend s = store.getRun("ledger").plannerSpend();
        assertThat(s.spentUsd()).isCloseTo(0.3, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(s.committedUsd()).isCloseTo(0.3, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(s.inputTokens()).isEqualTo(3000);
        assertThat(s.outputTokens()).isEqualTo(600);
        assertThat(s.calls()).isEqualTo(3);
        assertThat(store.reserveSpend("ledger", 0.7, 1.0)).isTrue();
        assertThat(store.reserveSpend("ledger", 0.01, 1.0)).isFalse();
        assertThat(store.reserveSpend("ledger", 2.0, 1.0)).isFalse();
        assertThatThrownBy(() -> store.settleSpend("no-such-run", 0, 0, 0, 0)).isInstanceOf(NotFoundException.class);
    }

    @Test
    void theLoopPausesARunOnceWithItsReasonAndResumingClearsIt() {
        store.createRun("pausing", T0);
        assertThat(store.pause("pausing", "budget spent: $1 of $1")).isTrue();
        assertThat(store.pause("pausing", "again")).isFalse();
        assertThat(store.getRun("pausing").paused()).isTrue();
        assertThat(store.getRun("pausing").pauseReason()).isEqualTo("budget spent: $1 of $1");
        store.setPaused("pausing", false);
        assertThat(store.getRun("pausing").paused()).isFalse();
        assertThat(store.getRun("pausing").pauseReason()).isNull();
        assertThatThrownBy(() -> store.pause("no-such-run", "x")).isInstanceOf(NotFoundException.class);
    }

    @Test
    void anExperimentKeepsItsTokensTraceAndFingerprint() {
        store.createRun("fields", T0);
        Experiment e = new Experiment("fields", ExperimentIds.next(T0), ExperimentStatus.PLANNED, null, null, "openai:gpt-4.1/2",
                "reference:InterCodec", "h", "code/abc", null, T0, null, null, null, null, 0.0123, null, null, null,
                4200, 900, "planner/def", "f00d");
        store.plan(e);
        assertThat(store.get("fields", e.experimentId())).isEqualTo(e);
    }
}
