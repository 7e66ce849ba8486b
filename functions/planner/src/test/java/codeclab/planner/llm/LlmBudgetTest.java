package codeclab.planner.llm;

import codeclab.core.OutcomeKind;
import codeclab.planner.Candidate;
import codeclab.planner.Fixtures;
import codeclab.planner.InMemoryHistory;
import codeclab.planner.PlanRequest;
import codeclab.planner.SpendLedger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static codeclab.planner.llm.LlmPlannerTest.GOOD;
import static org.assertj.core.api.Assertions.assertThat;

/** The run budget against an OpenAI-compatible loopback server: reserve the worst case before a call, settle after. */
class LlmBudgetTest {

    ReplayServer server;

    @BeforeEach
    void start() throws Exception {
        server = new ReplayServer();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    LlmPlanner planner(double budget) {
        // $10 / $40 per million: a worst-case call (about 5k prompt tokens + 2048 answer tokens) reserves about $0.13.
        return new LlmPlanner("openai", new OpenAiChatModel(server.uri() + "/v1", null, "gpt-test", new ChatOptions(2048, 0.2, null, null)),
                LlmConfig.defaults(new ModelPrice(10, 40)).withBudgetUsd(budget)
                        .withBackoff(2, java.time.Duration.ofMillis(1), java.time.Duration.ofMillis(2)), new PromptBuilder());
    }

    @Test
    void aSpentBudgetStopsPlanningWithoutCallingTheModel() {
        InMemoryHistory h = new InMemoryHistory().add(Fixtures.completed("e1", null, "x", 1.0, 100, 1.0), null, Fixtures.PARENT_SOURCE);
        Candidate c = planner(1.0).plan(new PlanRequest("run-1", 42, 3, h));

        assertThat(c.outcome()).isEqualTo(OutcomeKind.PLANNER_ERROR);
        assertThat(c.message()).startsWith("budget spent: $1.0000 of the run's $1.0000").contains("raise --budget");
        assertThat(server.requests()).isEmpty();
    }

    @Test
    void aCallWhoseWorstCaseDoesNotFitIsNotMade() {
        SpendLedger ledger = SpendLedger.inMemory(0);
        Candidate c = planner(0.05).plan(new PlanRequest("run-1", 42, 3, new InMemoryHistory(), List.of(), null, ledger, null));

        assertThat(c.outcome()).isEqualTo(OutcomeKind.PLANNER_ERROR);
        assertThat(c.message()).contains("budget spent").contains("the next call could cost up to $0.");
        assertThat(server.requests()).isEmpty();
        assertThat(ledger.committedUsd()).isZero();
    }

    @Test
    void theReservationIsSettledToTheBilledUsage() {
        server.then(200, Map.of(), OpenAiChatModelTest.completion(GOOD, "stop")); // 700 in, 300 out
        SpendLedger ledger = SpendLedger.inMemory(0);
        Candidate c = planner(1).plan(new PlanRequest("run-1", 42, 3, new InMemoryHistory(), List.of(), null, ledger, null));

        double billed = 700 * 10 / 1e6 + 300 * 40 / 1e6;
        assertThat(c.cost().usd()).isCloseTo(billed, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(ledger.spentUsd()).isCloseTo(billed, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(ledger.committedUsd()).isCloseTo(billed, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(c.trace().calls().getFirst().reservedUsd()).isGreaterThan(0.1);
    }

    /** What the first call of a plan reserves (the same for every slot of an empty run). */
    double firstReservation() {
        double[] asked = new double[1];
        SpendLedger refuse = new SpendLedger() {
            public boolean reserve(double usd, double limitUsd) {
                asked[0] = usd;
                return false;
            }

            public void settle(double reservedUsd, double actualUsd, long in, long out) {
            }

            public double spentUsd() {
                return 0;
            }

            public double committedUsd() {
                return 0;
            }
        };
        planner(1).plan(new PlanRequest("run-1", 42, 0, new InMemoryHistory(), List.of(), null, refuse, null));
        assertThat(asked[0]).isPositive();
        return asked[0];
    }

    @Test
    void parallelPlansSharingTheRunLedgerNeverSpendMoreThanTheBudget() throws Exception {
        for (int i = 0; i < 12; i++) {
            // Slow answers: every plan reserves before any settles, as parallel Lambdas do.
            server.thenHang(400, 0, 200, OpenAiChatModelTest.completion(GOOD, "stop"));
        }
        double reservation = firstReservation();
        SpendLedger ledger = SpendLedger.inMemory(0);
        double budget = 2.5 * reservation; // room for two worst-case reservations, not three
        LlmPlanner planner = planner(budget);
        ExecutorService pool = Executors.newFixedThreadPool(6);
        List<Future<Candidate>> futures = new ArrayList<>();
        for (int slot = 0; slot < 6; slot++) {
            // The same slot index for all: each slot may start from another reference codec, whose source (and so the
            // reservation) has another size; the budget above is sized on slot 0's.
            futures.add(pool.submit(() -> planner.plan(new PlanRequest("run-1", 42, 0, new InMemoryHistory(), List.of(), null, ledger, null))));
        }
        List<Candidate> results = new ArrayList<>();
        for (Future<Candidate> f : futures) {
            results.add(f.get());
        }
        pool.shutdown();

        long proposed = results.stream().filter(c -> !c.isFailure()).count();
        assertThat(results.stream().filter(Candidate::isFailure)).allSatisfy(c -> assertThat(c.message()).startsWith("budget spent"));
        assertThat(proposed).isEqualTo(2);
        assertThat(server.requests()).hasSize((int) proposed);
        assertThat(ledger.spentUsd()).isLessThanOrEqualTo(budget);
        assertThat(results.stream().mapToDouble(c -> c.cost().usd()).sum()).isLessThanOrEqualTo(budget);
    }
}
