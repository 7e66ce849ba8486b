package codeclab.monitor.store;

import codeclab.core.Experiment;
import codeclab.core.ExperimentStatus;
import codeclab.core.OutcomeKind;
import codeclab.monitor.MonitorConfig;
import codeclab.monitor.MonitorService;
import codeclab.monitor.Severity;
import codeclab.monitor.Verdict;
import codeclab.monitor.analysis.Trend;
import codeclab.monitor.report.Report;
import codeclab.monitor.report.ReportRenderer;
import codeclab.monitor.rules.Issue;
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
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each situation of the operator's plan as a run written through the real store (dynalite) the way the loop writes
 * it (plan, then finish or the timeout sweep), judged by the store-backed monitor: the verdict, its severity and the
 * cause it names.
 */
class PlanScenariosTest {

    static final Instant T0 = Instant.parse("2026-11-30T22:00:00Z");
    static final double BASE = 1000;
    static final MutableClock CLOCK = new MutableClock(T0);
    static final AtomicInteger RUNS = new AtomicInteger();
    static EmbeddedDynamo dynamo;
    static DynamoDbClient client;
    static DynamoExperimentStore store;

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

    /** One run in the store; minutes are since its start; each experiment takes a minute. */
    static final class Run {
        final String id = "scenario-" + RUNS.incrementAndGet();
        final Instant start = T0.plus(Duration.ofDays(RUNS.get()));
        final StoreMonitorStateStore states = new StoreMonitorStateStore(store);
        final MonitorService monitor = new MonitorService(new StoreMonitorSource(store, states, CLOCK, Duration.ofMinutes(5)),
                states, MonitorConfig.defaults(), null, null, null);
        int n;

        Run() {
            store.createRun(id, start);
        }

        Instant at(double minute) {
            return start.plusSeconds(Math.round(minute * 60));
        }

        Experiment plan(double minute, String source) {
            CLOCK.set(at(minute - 1));
            Experiment e = new Experiment(id, ExperimentIds.next(CLOCK.instant()), ExperimentStatus.PLANNED, null, null,
                    "evo-1", null, "hypothesis " + (++n), source, null, CLOCK.instant(), null, null, null, null, 0);
            store.plan(e);
            return e;
        }

        /** A completed experiment with this BD-rate; its bitrate at target follows (ratio = 1 + bd/100). */
        Run completed(double minute, double bdRate, String source) {
            Experiment e = plan(minute, source);
            CLOCK.set(at(minute));
            store.finish(id, e.experimentId(), FinalResult.ok(bdRate, (1 + bdRate / 100) * BASE, BASE, "eval-" + n), "rec:" + e.experimentId());
            return this;
        }

        Run completed(double from, double to, double... bdRates) {
            for (int i = 0; i < bdRates.length; i++) {
                completed(from + (to - from) * (i + 1) / bdRates.length, bdRates[i], "src-" + id + "-" + n);
            }
            return this;
        }

        Run failed(double minute, OutcomeKind kind, String message, String source) {
            Experiment e = plan(minute, source);
            CLOCK.set(at(minute));
            store.finish(id, e.experimentId(), FinalResult.failure(kind, message), "rec:" + e.experimentId());
            return this;
        }

        Run failures(int count, double minute, OutcomeKind kind, String message) {
            for (int i = 0; i < count; i++) {
                failed(minute + i, kind, message.replace("#", String.valueOf(10 + i)), "src-" + id + "-f" + i);
            }
            return this;
        }

        Report judge(double minute) {
            CLOCK.set(at(minute));
            return monitor.run(id, CLOCK.instant());
        }
    }

    /** A run that improves on its start: +30 % BD-rate down to about -20 %, with noise, distinct programs. */
    static Run healthy() {
        double[] bd = new double[20];
        for (int i = 0; i < bd.length; i++) bd[i] = 30 - 2.6 * i + (i % 3 == 0 ? 4 : i % 3 == 1 ? -3 : 0);
        return new Run().completed(0, 100, bd);
    }

    static void assertJudged(Report r, Verdict verdict, Severity severity, String cause) {
        assertThat(r.verdict()).as(ReportRenderer.text(r)).isEqualTo(verdict);
        assertThat(r.severity()).as(ReportRenderer.text(r)).isEqualTo(severity);
        assertThat(r.cause()).as(ReportRenderer.text(r)).isEqualTo(cause);
        List<String> lines = ReportRenderer.text(r).lines().toList();
        assertThat(lines.get(0)).contains(verdict.name());
        assertThat(lines.get(1)).startsWith("Why: ");
        assertThat(lines.get(2)).startsWith("Do:  ");
    }

    @Test
    void healthyImprovingRunIsLetRunWithAnImprovingTrend() {
        Report r = healthy().judge(105);
        assertJudged(r, Verdict.LET_IT_RUN, Severity.INFO, "improving");
        assertThat(r.analysis().trend().direction()).isEqualTo(Trend.Direction.IMPROVING);
        assertThat(r.analysis().trend().slopePerHour()).as("a 100-minute window has no per-hour slope").isNull();
        assertThat(r.analysis().counts().describe()).startsWith("20 planned, 0 in flight, 20 finished: 20 completed (20 measured)");
        assertThat(r.presentIssues()).isEmpty();
        assertThat(ReportRenderer.text(r).lines().skip(1).findFirst().orElseThrow()).doesNotContain("plateau");
    }

    @Test
    void identicalBitratesFromDifferentCodeAreAMeasurementThatIgnoresTheCode() {
        Run run = new Run();
        for (int i = 0; i < 10; i++) run.completed(5 + 3 * i, 50.4, "src-distinct-" + i);
        Report r = run.judge(40);
        assertJudged(r, Verdict.FIX_CODE, Severity.CRITICAL, "results-ignore-code");
        assertThat(r.reasons().get(0)).contains("from 10 different sources").contains("not using the candidate's code");
        assertThat(r.presentIssues()).extracting(Issue::number).contains(1);
        assertThat(r.presentIssues().get(0).cause()).contains("Different code, identical results");
    }

    @Test
    void identicalSourcesAreThePlannerRepeatingItself() {
        Run run = new Run();
        for (int i = 0; i < 6; i++) run.completed(5 + 3 * i, 12.0, "one-and-the-same-source");
        Report r = run.judge(25);
        assertJudged(r, Verdict.FIX_CODE, Severity.WARNING, "planner-repeating");
        assertThat(r.reasons().get(0)).contains("repeating itself").contains("1 distinct sources").contains("execution is fine");
        assertThat(r.presentIssues().get(0).cause()).contains("repeating itself").doesNotContain("not being executed");
    }

    @Test
    void anUnreachablePlannerIsFixCodeNeverPurge() {
        Report r = new Run().failures(8, 1, OutcomeKind.PLANNER_ERROR,
                "openai endpoint http://127.0.0.1:9/v1 unreachable: Connection refused").judge(12);
        assertJudged(r, Verdict.FIX_CODE, Severity.CRITICAL, "planner-unreachable");
        assertThat(r.reasons().get(0)).contains("8 of 8 finished experiments failed in the planner").contains("connection refused");
        assertThat(r.firedRules()).noneMatch(f -> f.verdict() == Verdict.PURGE_AND_RESTART);
    }

    @Test
    void aCompileErrorRunIsFixCodeAndKeepsTheCompilersLine() {
        Report r = new Run().failures(8, 1, OutcomeKind.COMPILE_ERROR,
                "the source does not compile:\n/tmp/sb-#/Candidate.java:#: error: cannot find symbol\n  symbol: variable q").judge(12);
        assertJudged(r, Verdict.FIX_CODE, Severity.CRITICAL, "repeated-validation-errors");
        assertThat(r.reasons().get(0)).contains("8 validation failures").contains("error: cannot find symbol");
        assertThat(r.todo()).contains("already carries the sandbox rules").doesNotContain("Add the sandbox documentation");
        assertThat(r.presentIssues()).filteredOn(i -> i.number() == 4).singleElement()
                .satisfies(i -> assertThat(i.fix()).contains("already carries the sandbox rules"));
    }

    @Test
    void allTimeoutsFromTheStartAreCodeTooSlowForTheLimits() {
        Report r = new Run().failures(8, 2, OutcomeKind.TIMEOUT, "the encoder did not finish within 60 s (#)").judge(12);
        assertJudged(r, Verdict.FIX_CODE, Severity.CRITICAL, "too-slow-from-the-start");
        assertThat(r.analysis().timeouts().tooSlow()).isEqualTo(8);
        assertThat(r.presentIssues()).filteredOn(i -> i.number() == 3).singleElement()
                .satisfies(i -> assertThat(i.cause()).contains("too slow"));
    }

    @Test
    void aCrashInterruptedRunBlamesTheCrashNotThePlanner() {
        Run run = healthy();
        for (int i = 0; i < 8; i++) run.plan(101 + i * 0.5, "src-in-flight-" + i);
        // The loop died at minute 105; 40 minutes later the timeout sweep marks what it left in flight.
        CLOCK.set(run.at(145));
        assertThat(store.markTimedOut(run.id, Duration.ofMinutes(30), CLOCK.instant())).hasSize(8);
        Report r = run.judge(145);
        assertJudged(r, Verdict.FIX_CODE, Severity.WARNING, "interrupted");
        assertThat(r.analysis().timeouts().interrupted()).isEqualTo(8);
        assertThat(r.reasons().get(0)).contains("8 experiments were interrupted").contains("not the planner's code");
        assertThat(r.presentIssues()).filteredOn(i -> i.number() == 3).singleElement()
                .satisfies(i -> assertThat(i.cause()).startsWith("Interrupted, not slow"));
    }

    @Test
    void aPausedRunSaysSoFirstAndIsNotCalledStalled() {
        Run run = healthy();
        store.setPaused(run.id, true);
        Report r = run.judge(100 + 8 * 60);
        assertJudged(r, Verdict.LET_IT_RUN, Severity.INFO, "improving");
        assertThat(r.paused()).isTrue();
        String text = ReportRenderer.text(r);
        assertThat(text).startsWith("PAUSED: run " + run.id + " is paused");
        assertThat(text).doesNotContain("codec-lab pause`");
        assertThat(r.firedRules()).noneMatch(f -> f.name().equals("stalled"));
        assertThat(ReportRenderer.subject(r)).contains("PAUSED");
    }

    @Test
    void aStalledRunThatIsNotPausedIsACriticalAlert() {
        Run run = healthy();
        Report r = run.judge(100 + 8 * 60);
        assertJudged(r, Verdict.FIX_CODE, Severity.CRITICAL, "stalled");
        assertThat(r.reasons().get(0)).contains("nothing finished or started for 8.0 h").contains("loop or its schedule is down");
        assertThat(ReportRenderer.morningReview(r)).contains("errors: none, but nothing finished for 8.0 h (stalled)");
    }

    @Test
    void aHopelessRunIsJudgedAgainstItsOwnStartAndPurged() {
        Run run = new Run().completed(0, 30, 0, 4, 8, 6, 10);
        List<Double> worse = new ArrayList<>();
        for (int i = 0; i < 10; i++) worse.add(20.0 + 2 * i);
        run.completed(30, 90, worse.stream().mapToDouble(Double::doubleValue).toArray());
        Report r = run.judge(95);
        assertJudged(r, Verdict.PURGE_AND_RESTART, Severity.CRITICAL, "hopeless");
        assertThat(r.reasons().get(0)).contains("no better than the run's start (+0.0 %").contains("the last 10 are worse");
        assertThat(r.todo()).contains("codec-lab fresh-start");
    }

    @Test
    void theIssuesRunFarAboveX264ButImprovingIsNotHopeless() {
        // 9.15x x264 down to 3.72x (BD-rate +815 % to +272 %), ten distinct values: the plan says LET IT RUN.
        Report r = new Run().completed(0, 40, 815, 860, 780, 890, 830, 640, 710, 500, 560, 420, 390, 450, 340, 290,
                370, 272, 310, 280, 300, 290).judge(42);
        assertJudged(r, Verdict.LET_IT_RUN, Severity.INFO, "improving");
        assertThat(r.firedRules()).noneMatch(f -> f.verdict() == Verdict.PURGE_AND_RESTART);
    }
}
