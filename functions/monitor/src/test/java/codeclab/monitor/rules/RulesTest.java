package codeclab.monitor.rules;

import codeclab.core.OutcomeKind;
import codeclab.monitor.Fixtures;
import codeclab.monitor.MonitorConfig;
import codeclab.monitor.Severity;
import codeclab.monitor.Verdict;
import codeclab.monitor.report.Report;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** One firing and one non-firing history per rule of the table, and the precedence between them. */
public class RulesTest {

    static List<String> fired(Report r) {
        return r.firedRules().stream().map(Rule.Fired::name).toList();
    }

    public static double[] same(int n, double v) {
        double[] a = new double[n];
        java.util.Arrays.fill(a, v);
        return a;
    }

    public static double[] linear(int n, double from, double to) {
        double[] a = new double[n];
        for (int i = 0; i < n; i++) a[i] = from + (to - from) * i / (n - 1);
        return a;
    }

    /** The issue's default run: 9.15x x264 down to 3.72x with ten distinct values (the plan says LET IT RUN). */
    static Fixtures issueRun() {
        return new Fixtures().series(0, 30, 9.15, 9.6, 8.8, 9.9, 9.3, 7.4, 8.1, 6.0, 6.6, 5.2, 4.9, 5.5, 4.4, 3.9,
                4.7, 3.72, 4.1, 3.8, 4.0, 3.9);
    }

    @Test
    void aRunFarAboveX264ThatImprovesOnItsStartIsLetRunNotPurged() {
        Report r = issueRun().report(32);
        assertThat(r.verdict()).isEqualTo(Verdict.LET_IT_RUN);
        assertThat(r.severity()).isEqualTo(Severity.INFO);
        assertThat(fired(r)).doesNotContain("hopeless", "no-progress");
        assertThat(r.presentIssues()).extracting(Issue::number).doesNotContain(2);
        assertThat(r.analysis().progress().improvementOnStart()).isCloseTo((8.8 - 3.72) * 100, org.assertj.core.api.Assertions.within(1e-6));
    }

    @Test
    void identicalResultsFromDifferentCodeAreAMeasurementBugToFix() {
        Report r = new Fixtures().series(0, 50, same(10, 1.504)).report(55);
        assertThat(r.cause()).isEqualTo("results-ignore-code");
        assertThat(r.verdict()).isEqualTo(Verdict.FIX_CODE);
        assertThat(r.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(r.reasons().get(0)).contains("not using the candidate's code");
        assertThat(fired(new Fixtures().series(0, 50, same(9, 1.504)).report(55))).doesNotContain("results-ignore-code");
    }

    @Test
    void identicalResultsFromTheSameSourceAreThePlannerRepeatingItself() {
        Fixtures f = new Fixtures();
        for (int i = 0; i < 6; i++) f.completed(5 + i, 1.2, "same-source");
        Report r = f.report(20);
        assertThat(r.cause()).isEqualTo("planner-repeating");
        assertThat(r.verdict()).isEqualTo(Verdict.FIX_CODE);
        assertThat(r.reasons().get(0)).contains("repeating itself").contains("execution is fine");
        assertThat(r.presentIssues().get(0).cause()).contains("repeating itself");
    }

    @Test
    void anUnreachablePlannerIsFixCodeNotPurge() {
        Report r = new Fixtures().failures(8, 5, OutcomeKind.PLANNER_ERROR, "connect to http://127.0.0.1:9/v1 refused").report(30);
        assertThat(r.verdict()).isEqualTo(Verdict.FIX_CODE);
        assertThat(r.cause()).isEqualTo("planner-unreachable");
        assertThat(r.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(fired(r)).doesNotContain("drifted-into-timeouts", "hopeless");
        assertThat(r.firedRules()).noneMatch(f -> f.verdict() == Verdict.PURGE_AND_RESTART);
    }

    @Test
    void compileErrorsAreFixCodeWithTheCompilersLineInTheReason() {
        Report r = new Fixtures().failures(6, 5, OutcomeKind.COMPILE_ERROR,
                "the source does not compile:\nCandidate.java:12: error: cannot find symbol Foo").report(30);
        assertThat(r.verdict()).isEqualTo(Verdict.FIX_CODE);
        assertThat(r.cause()).isEqualTo("repeated-validation-errors");
        assertThat(r.reasons().get(0)).contains("cannot find symbol foo");
        assertThat(r.todo()).contains("already carries the sandbox rules");
    }

    @Test
    void twoValidationErrorsInAGoodRunAreNotRepeated() {
        Report r = issueRun().failures(2, 31, OutcomeKind.COMPILE_ERROR, "x.java:1: error: ';' expected").report(33);
        assertThat(fired(r)).doesNotContain("repeated-validation-errors");
    }

    @Test
    void oneRepeatedExecutionErrorIsFixCodeAndSoIsAnOutcomeKindTheMonitorDoesNotKnowAsPlanner() {
        Report r = issueRun().failures(6, 31, OutcomeKind.BAD_OUTPUT, "decoder returned 9 frames, expected 10").report(33);
        assertThat(r.cause()).isEqualTo("repeated-execution-error");
        assertThat(r.verdict()).isEqualTo(Verdict.FIX_CODE);
        assertThat(Rules.isExecution(OutcomeKind.OUT_OF_MEMORY)).isTrue();
        assertThat(Rules.isExecution(OutcomeKind.TIMEOUT)).isFalse();
        assertThat(Rules.isExecution(OutcomeKind.PLANNER_ERROR)).isFalse();
    }

    @Test
    void differentExecutionFailuresAreNotOneRepeatedError() {
        Report r = issueRun().failed(31, OutcomeKind.CRASH, "NullPointerException")
                .failed(31.1, OutcomeKind.CRASH, "ArithmeticException: / by zero")
                .failed(31.2, OutcomeKind.BAD_OUTPUT, "wrong frame size").report(33);
        assertThat(fired(r)).doesNotContain("repeated-execution-error");
    }

    @Test
    void timeoutsAreSplitByCause() {
        Report slow = new Fixtures().failures(6, 5, OutcomeKind.TIMEOUT, "the encoder did not finish within 60 s").report(30);
        assertThat(slow.cause()).isEqualTo("too-slow-from-the-start");
        assertThat(slow.analysis().timeouts().tooSlow()).isEqualTo(6);
        Report crash = issueRun().failures(6, 31, OutcomeKind.TIMEOUT,
                "Stuck in EXECUTED for more than PT30M (created x); marked TIMED_OUT by the timeout sweep").report(33);
        assertThat(crash.cause()).isEqualTo("interrupted");
        assertThat(crash.analysis().timeouts().interrupted()).isEqualTo(6);
        assertThat(crash.presentIssues()).filteredOn(i -> i.number() == 3).singleElement()
                .satisfies(i -> assertThat(i.cause()).contains("Interrupted, not slow"));
    }

    @Test
    void aSearchThatDriftedIntoSlowCodeIsPurged() {
        Report r = issueRun().failures(10, 31, OutcomeKind.TIMEOUT, "the encoder did not finish within 60 s").report(40);
        assertThat(r.cause()).isEqualTo("drifted-into-timeouts");
        assertThat(r.verdict()).isEqualTo(Verdict.PURGE_AND_RESTART);
    }

    @Test
    void hopelessIsNoBetterThanItsStartAndWorseSince() {
        Report r = new Fixtures().series(0, 50, 0.9, 0.95, 1.0, 1.05, 1.1).series(50, 100, linear(10, 1.2, 1.4)).report(105);
        assertThat(r.cause()).isEqualTo("hopeless");
        assertThat(r.verdict()).isEqualTo(Verdict.PURGE_AND_RESTART);
        assertThat(r.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(fired(r)).contains("no-progress");
        assertThat(r.todo()).contains("codec-lab pause").contains("purge --run run-1 --yes");
    }

    @Test
    void noProgressIsJudgedAgainstTheStartNotAgainstX264() {
        Report flat = new Fixtures().series(0, 50, 0.9, 0.95, 1.0, 1.05, 0.92, 0.91, 0.95, 0.93, 0.96, 0.94).report(55);
        assertThat(flat.cause()).isEqualTo("no-progress");
        assertThat(flat.verdict()).isEqualTo(Verdict.FIX_CODE);
        assertThat(flat.severity()).isEqualTo(Severity.WARNING);
        Report better = new Fixtures().series(0, 50, 0.9, 0.95, 1.0, 1.05, 0.92, 0.85, 0.95, 0.8, 0.96, 0.7).report(55);
        assertThat(fired(better)).doesNotContain("no-progress");
    }

    @Test
    void aPlateauAfterProgressIsLetRun() {
        double[] plateau = new double[40];
        double[] cycle = {0.85, 0.9, 0.88, 0.92, 0.86, 0.91, 0.87, 0.93};
        for (int i = 0; i < plateau.length; i++) plateau[i] = cycle[i % cycle.length];
        Report r = new Fixtures().series(0, 50, 1.0, 1.05, 0.98, 1.02, 0.99, 0.8).series(50, 100, plateau).report(105);
        assertThat(r.cause()).isEqualTo("plateau");
        assertThat(r.verdict()).isEqualTo(Verdict.LET_IT_RUN);
        assertThat(r.analysis().progress().improvementInWindow()).isZero();
    }

    @Test
    void aStalledRunThatIsNotPausedIsAnAlertAndAPausedOneIsNot() {
        Fixtures f = issueRun();
        Report stalled = f.report(30 + 8 * 60);
        assertThat(stalled.cause()).isEqualTo("stalled");
        assertThat(stalled.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(stalled.reasons().get(0)).contains("8.0 h");
        f.source().paused(Fixtures.RUN, true);
        Report paused = f.report(30 + 8 * 60);
        assertThat(fired(paused)).doesNotContain("stalled");
        assertThat(paused.paused()).isTrue();
        assertThat(paused.verdict()).isEqualTo(Verdict.LET_IT_RUN);
    }

    @Test
    void theStallTimeIsConfigurable() {
        MonitorConfig c = MonitorConfig.defaults().withJudgement(5, 1.0, 15, 10, 10, java.time.Duration.ofHours(12));
        assertThat(fired(issueRun().report(c, 30 + 8 * 60))).doesNotContain("stalled");
    }

    @Test
    void tooFewMeasuredIsTooEarly() {
        Report r = new Fixtures().series(0, 20, 1.2, 1.1).report(25);
        assertThat(r.verdict()).isEqualTo(Verdict.TOO_EARLY);
        assertThat(r.cause()).isEqualTo("too-few-measured");
    }

    @Test
    void eachRuleHasAUniqueNameAReasonAndAnAction() {
        List<Rule> t = Rules.table(MonitorConfig.defaults());
        assertThat(t).extracting(Rule::name).doesNotHaveDuplicates();
        assertThat(t).extracting(Rule::verdict).contains(Verdict.FIX_CODE, Verdict.PURGE_AND_RESTART, Verdict.LET_IT_RUN, Verdict.TOO_EARLY);
    }
}
