package codeclab.monitor.rules;

import codeclab.core.OutcomeKind;
import codeclab.monitor.Fixtures;
import codeclab.monitor.Severity;
import codeclab.monitor.Verdict;
import codeclab.monitor.report.Report;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** One firing and one non-firing history per rule of the table. */
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

    @Test
    void allIdenticalPurgesAfterTen() {
        Report r = new Fixtures().series(0, 180, same(10, 1.504)).report(200);
        assertThat(fired(r)).contains("all-identical");
        assertThat(r.verdict()).isEqualTo(Verdict.PURGE_AND_RESTART);
        assertThat(r.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(r.reasons()).anyMatch(s -> s.contains("not being run"));
    }

    @Test
    void allIdenticalDoesNotFireBeforeTenOrWhenVarying() {
        assertThat(fired(new Fixtures().series(0, 180, same(9, 1.504)).report(200))).doesNotContain("all-identical");
        assertThat(fired(new Fixtures().series(0, 180, linear(10, 1.2, 1.1)).report(200))).doesNotContain("all-identical");
    }

    @Test
    void noneCompletingPurges() {
        Report r = new Fixtures().failures(5, 10, OutcomeKind.TIMEOUT, "killed after 60 s").report(60);
        assertThat(fired(r)).contains("none-completing");
        assertThat(r.verdict()).isEqualTo(Verdict.PURGE_AND_RESTART);
    }

    @Test
    void noneCompletingNeedsZeroCompleted() {
        Report r = new Fixtures().failures(4, 10, OutcomeKind.TIMEOUT, "killed").completed(20, 0.9).report(60);
        assertThat(fired(r)).doesNotContain("none-completing");
    }

    @Test
    void hopelessBestPurgesAfterFive() {
        Report r = new Fixtures().series(0, 100, 1.6, 1.7, 1.8, 1.9, 2.0).report(120);
        assertThat(fired(r)).contains("hopeless-best");
        assertThat(r.verdict()).isEqualTo(Verdict.PURGE_AND_RESTART);
    }

    @Test
    void hopelessBestNotWhenBestIsUnderOnePointFive() {
        assertThat(fired(new Fixtures().series(0, 100, 1.6, 1.7, 1.4, 1.9, 2.0).report(120))).doesNotContain("hopeless-best");
        assertThat(fired(new Fixtures().series(0, 100, 1.6, 1.7, 1.8, 1.9).report(120))).doesNotContain("hopeless-best");
    }

    @Test
    void repeatedValidationErrorsAskForAFix() {
        Report r = new Fixtures().series(0, 60, 0.9, 0.8)
                .failures(3, 30, OutcomeKind.FORBIDDEN_API, "java/io/File.<init> is not on the allowlist").report(90);
        assertThat(fired(r)).contains("repeated-validation-errors");
        assertThat(r.verdict()).isEqualTo(Verdict.FIX_CODE);
    }

    @Test
    void twoValidationErrorsAreNotRepeated() {
        Report r = new Fixtures().series(0, 60, 0.9, 0.8)
                .failures(2, 30, OutcomeKind.COMPILE_ERROR, "';' expected").report(90);
        assertThat(fired(r)).doesNotContain("repeated-validation-errors");
    }

    @Test
    void executionFailuresWithTheSameSignatureAskForAFix() {
        Report r = new Fixtures().series(0, 60, 0.9, 0.8, 0.7, 0.6, 0.5)
                .failed(10, OutcomeKind.CRASH, "ArrayIndexOutOfBoundsException: Index 64 out of bounds for length 64")
                .failed(20, OutcomeKind.CRASH, "ArrayIndexOutOfBoundsException: Index 9 out of bounds for length 8")
                .failed(30, OutcomeKind.CRASH, "ArrayIndexOutOfBoundsException: Index 1024 out of bounds for length 1000")
                .report(90);
        assertThat(fired(r)).contains("repeated-execution-failure");
        assertThat(r.verdict()).isEqualTo(Verdict.FIX_CODE);
    }

    @Test
    void differentExecutionFailuresAreNotRepeated() {
        Report r = new Fixtures().series(0, 60, 0.9, 0.8, 0.7, 0.6, 0.5)
                .failed(10, OutcomeKind.CRASH, "NullPointerException")
                .failed(20, OutcomeKind.CRASH, "ArithmeticException: / by zero")
                .failed(30, OutcomeKind.OUT_OF_MEMORY, "Java heap space").report(90);
        assertThat(fired(r)).doesNotContain("repeated-execution-failure");
    }

    @Test
    void repeatedHumanNeededFailuresAskForAFix() {
        Report r = new Fixtures().failures(3, 10, OutcomeKind.INTERNAL_ERROR, "missing object").completed(40, 0.9).report(60);
        assertThat(fired(r)).contains("repeated-human-needed");
        assertThat(fired(new Fixtures().failures(2, 10, OutcomeKind.PLANNER_ERROR, "budget").report(60)))
                .doesNotContain("repeated-human-needed");
    }

    @Test
    void improvingRunIsLetRun() {
        Report r = new Fixtures().series(0, 300, linear(12, 0.95, 0.4)).report(320);
        assertThat(fired(r)).contains("improving");
        assertThat(r.verdict()).isEqualTo(Verdict.LET_IT_RUN);
        assertThat(r.severity()).isEqualTo(Severity.INFO);
    }

    @Test
    void worseningRunIsNotLetRun() {
        Report r = new Fixtures().series(0, 300, linear(12, 0.4, 0.95)).report(320);
        assertThat(fired(r)).doesNotContain("improving");
        assertThat(r.verdict()).isEqualTo(Verdict.TOO_EARLY);
        assertThat(r.reasons()).containsExactly("no intervention rule fired and improvement is not shown yet");
    }

    @Test
    void tooFewCompletedIsTooEarly() {
        Report r = new Fixtures().series(0, 50, 0.9, 0.8).report(60);
        assertThat(fired(r)).containsExactly("too-few-completed");
        assertThat(r.verdict()).isEqualTo(Verdict.TOO_EARLY);
        assertThat(fired(new Fixtures().series(0, 50, 0.9, 0.8, 0.85, 0.7, 0.95).report(60))).doesNotContain("too-few-completed");
    }

    @Test
    void eachRuleIsOneLineWithAUniqueName() {
        var table = Rules.table(codeclab.monitor.MonitorConfig.defaults());
        assertThat(table).extracting(Rule::name).doesNotHaveDuplicates().hasSize(8);
    }
}
