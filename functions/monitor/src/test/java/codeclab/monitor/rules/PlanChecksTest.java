package codeclab.monitor.rules;

import codeclab.core.OutcomeKind;
import codeclab.monitor.Fixtures;
import codeclab.monitor.report.Report;
import org.junit.jupiter.api.Test;

import static codeclab.monitor.rules.RulesTest.linear;
import static codeclab.monitor.rules.RulesTest.same;
import static org.assertj.core.api.Assertions.assertThat;

/** Indicators, the four issues, the timeline steps and the success criteria: each fired and not fired. */
class PlanChecksTest {

    static boolean indicator(Report r, String name) {
        return r.indicators().stream().filter(i -> i.name().equals(name)).findFirst().orElseThrow().present();
    }

    static boolean issue(Report r, int n) {
        return r.issues().stream().filter(i -> i.number() == n).findFirst().orElseThrow().present();
    }

    @Test
    void successIndicatorsOnAnImprovingRunAndNotOnAnIdenticalOne() {
        Report good = new Fixtures().series(0, 300, linear(12, 0.95, 0.4)).report(320);
        Report bad = new Fixtures().series(0, 300, same(12, 1.504)).report(320);
        for (String s : new String[]{"results-differ", "score-trending-down", "best-beats-x264", "three-unique-values"}) {
            assertThat(indicator(good, s)).as(s).isTrue();
            assertThat(indicator(bad, s)).as(s).isFalse();
        }
        assertThat(indicator(bad, "all-identical")).isTrue();
        assertThat(indicator(good, "all-identical")).isFalse();
    }

    @Test
    void failureIndicators() {
        Report up = new Fixtures().series(0, 300, linear(12, 0.4, 0.95)).report(320);
        assertThat(indicator(up, "score-trending-up")).isTrue();
        Report down = new Fixtures().series(0, 300, linear(12, 0.95, 0.4)).report(320);
        assertThat(indicator(down, "score-trending-up")).isFalse();
        Report timeouts = new Fixtures().series(0, 60, 0.9, 0.8).failures(2, 30, OutcomeKind.TIMEOUT, "killed").report(90);
        assertThat(indicator(timeouts, "many-timeouts")).isTrue();
        assertThat(indicator(down, "many-timeouts")).isFalse();
        Report repeated = new Fixtures().failures(3, 10, OutcomeKind.CRASH, "NullPointerException at Codec.java:1").report(30);
        assertThat(indicator(repeated, "same-errors-repeated")).isTrue();
        assertThat(indicator(new Fixtures().failures(2, 10, OutcomeKind.CRASH, "NPE").report(30), "same-errors-repeated")).isFalse();
    }

    @Test
    void issueOneIdenticalBitratesIsCritical() {
        Report r = new Fixtures().series(0, 50, same(3, 1.504)).report(60);
        assertThat(issue(r, 1)).isTrue();
        assertThat(r.severity()).isEqualTo(codeclab.monitor.Severity.CRITICAL);
        assertThat(r.presentIssues().get(0).fix()).contains("source the planner wrote");
        assertThat(issue(new Fixtures().series(0, 50, same(2, 1.504)).report(60), 1)).isFalse();
        assertThat(issue(new Fixtures().series(0, 50, 1.5, 1.4, 1.3).report(60), 1)).isFalse();
    }

    @Test
    void issueTwoNoProgressAfterTen() {
        // Judged against the run's own start (best of its first five), not against x264.
        assertThat(issue(new Fixtures().series(0, 180, 1.0, 1.05, 1.1, 1.2, 1.3, 1.0, 1.1, 1.2, 1.05, 1.15).report(200), 2)).isTrue();
        assertThat(issue(new Fixtures().series(0, 180, linear(10, 1.3, 0.9)).report(200), 2)).isFalse();
        assertThat(issue(new Fixtures().series(0, 180, linear(10, 3.0, 2.5)).report(200), 2)).as("far above x264 but improving").isFalse();
        assertThat(issue(new Fixtures().series(0, 180, 1.0, 1.05, 1.1, 1.2, 1.3, 1.0, 1.1, 1.2, 1.05).report(200), 2)).isFalse();
    }

    @Test
    void issueThreeTimeoutRateOverTwentyPercent() {
        assertThat(issue(new Fixtures().series(0, 60, 0.9, 0.8, 0.7).failures(2, 30, OutcomeKind.TIMEOUT, "k").report(90), 3)).isTrue();
        assertThat(issue(new Fixtures().series(0, 60, 0.9, 0.8, 0.7, 0.6).failures(1, 30, OutcomeKind.TIMEOUT, "k").report(90), 3)).isFalse();
    }

    @Test
    void issueFourValidationFailures() {
        assertThat(issue(new Fixtures().series(0, 60, 0.9, 0.8).failures(3, 30, OutcomeKind.COMPILE_ERROR, "';' expected").report(90), 4)).isTrue();
        assertThat(issue(new Fixtures().series(0, 60, 0.9, 0.8).failures(2, 30, OutcomeKind.COMPILE_ERROR, "';' expected").report(90), 4)).isFalse();
    }

    // ---- timeline: a run that follows the plan hour by hour ----

    static Fixtures hour1(double... r) { return new Fixtures().series(0, 59, r); }
    static Fixtures toHour2(Fixtures f) { return f.series(60, 119, 1.05, 1.0, 0.95, 0.9); }
    static Fixtures toHour3(Fixtures f, double best) { return toHour2(f).series(120, 179, 0.8, 0.6, best, 0.7, 0.55); }
    static Fixtures toHour6(Fixtures f, double last) { return toHour3(f, 0.45).series(180, 359, 0.44, 0.42, 0.4, 0.38, 0.35, 0.33, last); }

    static Timeline.Check timeline(Fixtures f, double minutes) {
        return f.report(minutes).timeline();
    }

    @Test
    void hourOne() {
        assertThat(timeline(hour1(1.2, 1.1, 1.3, 1.15), 65).status()).isEqualTo(Timeline.Status.ON_TRACK);
        var behind = timeline(hour1(1.2, 1.1), 65);
        assertThat(behind.status()).isEqualTo(Timeline.Status.BEHIND);
        assertThat(behind.missed()).anyMatch(m -> m.contains("at least 3"));
        assertThat(timeline(hour1(1.2, 1.2, 1.2, 1.2), 65).missed()).anyMatch(m -> m.contains("varying"));
        assertThat(timeline(hour1(1.2, 1.1, 1.3, 1.15, 1.4, 1.25), 65).status()).isEqualTo(Timeline.Status.AHEAD);
        assertThat(timeline(hour1(1.2, 1.1, 1.3, 0.9), 65).status()).isEqualTo(Timeline.Status.AHEAD);
        assertThat(timeline(hour1(1.2), 30).step()).isNull();
    }

    @Test
    void hourOneInProgressCountsCompletionsNotJustExperiments() {
        var failing = timeline(new Fixtures().failures(5, 5, OutcomeKind.CRASH, "boom"), 30);
        assertThat(failing.step()).isNull();
        assertThat(failing.status()).isEqualTo(Timeline.Status.BEHIND);
        assertThat(failing.missed()).anyMatch(m -> m.contains("5 finished in hour 1, none completed"));
        assertThat(timeline(new Fixtures().failures(2, 5, OutcomeKind.CRASH, "boom").completed(10, 1.2), 30).status())
                .isEqualTo(Timeline.Status.ON_TRACK);
    }

    @Test
    void hourTwoExpectsTheBestToImprove() {
        assertThat(timeline(toHour2(hour1(1.2, 1.1, 1.3, 1.15)), 125).status()).isEqualTo(Timeline.Status.ON_TRACK);
        var flat = timeline(hour1(0.8, 1.1, 1.3, 1.15).series(60, 119, 1.05, 1.0, 0.95, 0.9), 125);
        assertThat(flat.status()).isEqualTo(Timeline.Status.BEHIND);
        assertThat(flat.missed()).anyMatch(m -> m.contains("improve"));
    }

    @Test
    void hourThreeExpectsBestUnderHalfBaseline() {
        assertThat(timeline(toHour3(hour1(1.2, 1.1, 1.3, 1.15), 0.45), 185).status()).isEqualTo(Timeline.Status.ON_TRACK);
        var behind = timeline(toHour3(hour1(1.2, 1.1, 1.3, 1.15), 0.56), 185);
        assertThat(behind.status()).isEqualTo(Timeline.Status.BEHIND);
        assertThat(behind.missed()).anyMatch(m -> m.contains("best below -50.0 %"));
    }

    @Test
    void hoursFourToSix() {
        assertThat(timeline(toHour6(hour1(1.2, 1.1, 1.3, 1.15), 0.3), 365).status()).isEqualTo(Timeline.Status.ON_TRACK);
        assertThat(timeline(toHour6(hour1(1.2, 1.1, 1.3, 1.15), 0.08), 365).status()).isEqualTo(Timeline.Status.AHEAD);
        var behind = timeline(toHour3(hour1(1.2, 1.1, 1.3, 1.15), 0.45), 365);
        assertThat(behind.status()).isEqualTo(Timeline.Status.BEHIND);
        assertThat(behind.step()).startsWith("Hours 4-6");
    }

    @Test
    void hoursSevenToEight() {
        Fixtures full = toHour6(hour1(1.2, 1.1, 1.3, 1.15), 0.3).series(360, 479, linear(11, 0.29, 0.25));
        assertThat(timeline(full, 485).status()).isEqualTo(Timeline.Status.ON_TRACK);
        Fixtures short_ = toHour6(hour1(1.2, 1.1, 1.3, 1.15), 0.3).series(360, 479, linear(5, 0.29, 0.25));
        assertThat(timeline(short_, 485).missed()).anyMatch(m -> m.contains("at least 31"));
    }

    @Test
    void successCriteriaAllMetOnAGoodNight() {
        Fixtures f = toHour6(hour1(1.2, 1.1, 1.3, 1.15), 0.3).series(360, 479, linear(11, 0.29, 0.25));
        var s = f.report(485).success();
        assertThat(s.finalResult()).isTrue();
        assertThat(s.criteria()).allSatisfy(c -> assertThat(c.met()).as(c.name() + ": " + c.detail()).isTrue());
        assertThat(s.stretch().met()).isFalse();
        assertThat(toHour6(hour1(1.2, 1.1, 1.3, 1.15), 0.08).report(485).success().stretch().met()).isTrue();
    }

    @Test
    void successCriteriaNoneMetOnABadNight() {
        var s = new Fixtures().series(0, 470, same(6, 1.2)).failures(3, 100, OutcomeKind.TIMEOUT, "k").report(485).success();
        assertThat(s.criteria()).allSatisfy(c -> assertThat(c.met()).as(c.name()).isFalse());
        assertThat(new Fixtures().series(0, 60, 0.9).report(70).success().finalResult()).isFalse();
    }
}
