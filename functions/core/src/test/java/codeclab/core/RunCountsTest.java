package codeclab.core;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RunCountsTest {

    private static final Instant T = Instant.parse("2026-01-01T00:00:00Z");
    private int seq;

    private Experiment exp(ExperimentStatus s, OutcomeKind o, Double bd, Double kbps) {
        seq++;
        return new Experiment("r", "e" + seq, s, o, o == null || o == OutcomeKind.OK ? null : "msg", "p", null, "h",
                "src" + seq, null, T, s.isFinal() ? T.plusSeconds(seq) : null, bd, kbps, kbps == null ? null : 1000.0, 0);
    }

    private List<Experiment> mixedRun() {
        List<Experiment> l = new ArrayList<>();
        l.add(exp(ExperimentStatus.COMPLETED, OutcomeKind.OK, -5.0, 800.0));   // measured, at target
        l.add(exp(ExperimentStatus.COMPLETED, OutcomeKind.OK, 12.0, null));    // measured, misses the target
        l.add(exp(ExperimentStatus.COMPLETED, OutcomeKind.OK, null, null));    // completed, not measurable
        l.add(exp(ExperimentStatus.INVALID, OutcomeKind.COMPILE_ERROR, null, null));
        l.add(exp(ExperimentStatus.INVALID, OutcomeKind.COMPILE_ERROR, null, null));
        l.add(exp(ExperimentStatus.INVALID, OutcomeKind.FORBIDDEN_API, null, null));
        l.add(exp(ExperimentStatus.TIMED_OUT, OutcomeKind.TIMEOUT, null, null));
        l.add(exp(ExperimentStatus.FAILED, OutcomeKind.PLANNER_ERROR, null, null));
        l.add(exp(ExperimentStatus.PLANNED, null, null, null));
        l.add(exp(ExperimentStatus.EXECUTED, null, null, null));
        return l;
    }

    @Test
    void completedCountsEveryCompletedExperimentWhetherOrNotItReachesTheTargetOrHasABdRate() {
        RunCounts c = RunCounts.of(mixedRun());
        assertThat(c.planned()).isEqualTo(10);
        assertThat(c.inFlight()).isEqualTo(2);
        assertThat(c.finished()).isEqualTo(8);
        assertThat(c.completed()).isEqualTo(3);
        assertThat(c.measured()).isEqualTo(2);
        assertThat(c.atTarget()).isEqualTo(1);
        assertThat(c.completedUnmeasured()).isEqualTo(1);
    }

    @Test
    void failuresAreCountedByOutcomeAndAddUpToFinishedMinusCompleted() {
        RunCounts c = RunCounts.of(mixedRun());
        assertThat(c.failed()).isEqualTo(5);
        assertThat(c.failed(OutcomeKind.COMPILE_ERROR)).isEqualTo(2);
        assertThat(c.failed(OutcomeKind.FORBIDDEN_API)).isEqualTo(1);
        assertThat(c.failed(OutcomeKind.CRASH)).isZero();
        assertThat(c.failedByOutcome()).doesNotContainKey(OutcomeKind.OK);
        assertThat(c.failedByOutcome().values().stream().mapToLong(Long::longValue).sum()).isEqualTo(c.failed());
        assertThat(c.invalid()).isEqualTo(3);
        assertThat(c.timedOut()).isEqualTo(1);
        assertThat(c.validationFailures()).isEqualTo(3);
    }

    @Test
    void ratesAreOfFinishedExperimentsAndZeroWhenNothingFinished() {
        RunCounts c = RunCounts.of(mixedRun());
        assertThat(c.timeoutRate()).isEqualTo(1.0 / 8);
        assertThat(c.validationFailureRate()).isEqualTo(3.0 / 8);
        assertThat(c.failureRate()).isEqualTo(5.0 / 8);
        assertThat(RunCounts.EMPTY.timeoutRate()).isZero();
        assertThat(RunCounts.of(List.of(exp(ExperimentStatus.PLANNED, null, null, null))).failureRate()).isZero();
    }

    @Test
    void foldingOneByOneOrInTwoPartsGivesTheSameCountsAsTheWholeList() {
        List<Experiment> all = mixedRun();
        RunCounts whole = RunCounts.of(all);
        RunCounts parts = RunCounts.of(all.subList(0, 4)).plus(RunCounts.of(all.subList(4, all.size())));
        assertThat(parts).isEqualTo(whole);
    }

    @Test
    void aFinalExperimentWithoutAnOutcomeStillCountsAsFailedButUnderNoKind() {
        RunCounts c = RunCounts.of(List.of(exp(ExperimentStatus.FAILED, null, null, null)));
        assertThat(c.failed()).isEqualTo(1);
        assertThat(c.failedByOutcome()).isEmpty();
    }

    @Test
    void describeIsOneLineWithTheMostFrequentFailureFirst() {
        assertThat(RunCounts.of(mixedRun()).describe()).isEqualTo(
                "10 planned, 2 in flight, 8 finished: 3 completed (2 measured), 5 failed"
                        + " (2 COMPILE_ERROR, 1 FORBIDDEN_API, 1 TIMEOUT, 1 PLANNER_ERROR)");
        assertThat(RunCounts.EMPTY.describe()).isEqualTo("0 planned, 0 in flight, 0 finished: 0 completed (0 measured), 0 failed");
    }

    @Test
    void negativeCountsAreRefused() {
        assertThatThrownBy(() -> new RunCounts(-1, 0, 0, 0, 0, 0, 0, 0, null))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
