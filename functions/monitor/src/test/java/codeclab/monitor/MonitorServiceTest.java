package codeclab.monitor;

import codeclab.core.Experiment;
import codeclab.core.ExperimentStatus;
import codeclab.core.OutcomeKind;
import codeclab.monitor.alert.AlertPolicy;
import codeclab.monitor.analysis.DataQuality;
import codeclab.monitor.report.Report;
import codeclab.monitor.report.ReportRenderer;
import codeclab.monitor.source.Cursor;
import codeclab.monitor.source.InMemoryMonitorStateStore;
import codeclab.monitor.source.MonitorSource;
import codeclab.monitor.source.RunAggregates;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static codeclab.monitor.Fixtures.RUN;
import static codeclab.monitor.Fixtures.at;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MonitorServiceTest {

    @Test
    void theReportsCountsAreRunCountsOfTheWholeRunEvenWhenFoldedAcrossSeveralMonitorRuns() {
        var f = new Fixtures().series(0, 20, 1.2, 1.1).failures(2, 21, OutcomeKind.COMPILE_ERROR, "x.java:1: error: ';' expected");
        var states = new InMemoryMonitorStateStore();
        new MonitorService(f.source(), states, MonitorConfig.defaults(), null, null, null).run(RUN, at(25));
        f.series(26, 40, 0.9).failed(41, OutcomeKind.TIMEOUT, "the encoder did not finish within 60 s").inFlight(42);
        Report r = new MonitorService(f.source(), states, MonitorConfig.defaults(), null, null, null).run(RUN, at(45));
        List<Experiment> all = new ArrayList<>(f.source().experimentsSince(RUN, Cursor.START, 1000));
        all.addAll(f.source().inFlight(RUN));
        assertThat(r.analysis().counts()).isEqualTo(codeclab.core.RunCounts.of(all));
        assertThat(r.analysis().counts().describe()).startsWith("7 planned, 1 in flight, 6 finished: 3 completed");
        assertThat(ReportRenderer.text(r)).contains(r.analysis().counts().describe());
    }

    /** Counts how many experiments the monitor reads. */
    static final class Counting implements MonitorSource {
        final MonitorSource inner;
        int read;
        Counting(MonitorSource inner) { this.inner = inner; }
        public Optional<RunAggregates> aggregates(String r) { return inner.aggregates(r); }
        public List<Experiment> experimentsSince(String r, Cursor c, int l) {
            var out = inner.experimentsSince(r, c, l);
            read += out.size();
            return out;
        }
        public List<Experiment> inFlight(String r) { return inner.inFlight(r); }
        public Optional<ArtifactInventory> artifactInventory(String r) { return inner.artifactInventory(r); }
    }

    static final class Flag implements LoopControl {
        final List<String> reasons = new ArrayList<>();
        boolean paused;
        public void pause(String reason) { paused = true; reasons.add(reason); }
        public void resume() { paused = false; }
        public boolean paused() { return paused; }
    }

    @Test
    void secondRunReadsOnlyWhatIsNewAndKeepsTheHistoryInItsSummary() {
        Fixtures f = new Fixtures().series(0, 59, 1.2, 1.1, 1.3, 1.15);
        Counting src = new Counting(f.source());
        var service = new MonitorService(src, new InMemoryMonitorStateStore(), MonitorConfig.defaults().withPageSize(3), null, null, null);
        Report first = service.run(RUN, at(60));
        assertThat(src.read).isEqualTo(4);
        f.series(60, 119, 1.05, 0.9);
        Report second = service.run(RUN, at(120));
        assertThat(src.read).isEqualTo(6);
        assertThat(second.analysis().completed()).isEqualTo(6);
        assertThat(second.analysis().results().unique()).isEqualTo(6);
        assertThat(second.analysis().completedLastHour()).isEqualTo(2);
        assertThat(second.analysis().bestSoFar()).extracting(p -> p.ratio()).containsExactly(1.2, 1.1, 1.05, 0.9);
        assertThat(first.analysis().best().ratio()).isEqualTo(1.1);
        assertThat(second.analysis().best().kbps()).isEqualTo(9000.0);
    }

    @Test
    void eachTrendTestOnNewDataIsHeldToAStricterLevelSoHourlyReTestingCannotManufactureATrend() {
        Fixtures f = new Fixtures().series(0, 60, RulesTestData.linear(12, 1.3, 1.1));
        var states = new InMemoryMonitorStateStore();
        var service = new MonitorService(f.source(), states, MonitorConfig.defaults(), null, null, null);
        var first = service.run(RUN, at(61)).analysis().trend();
        assertThat(first.look()).isEqualTo(1);
        assertThat(first.level()).isEqualTo(0.05 / 2);
        // No new data: no new look, the same level.
        assertThat(service.run(RUN, at(90)).analysis().trend().look()).isEqualTo(1);
        f.series(90, 100, 1.05);
        var third = service.run(RUN, at(101)).analysis().trend();
        assertThat(third.look()).isEqualTo(2);
        assertThat(third.level()).isEqualTo(0.05 / 6);
        double spent = 0;
        for (int k = 1; k <= 10_000; k++) spent += codeclab.monitor.analysis.Trend.levelAt(0.05, k);
        assertThat(spent).isLessThan(0.05);
    }

    @Test
    void theSlopeIsPerExperimentAndPerHourOnlyWhenTheWindowSpansHours() {
        var shortRun = new Fixtures().series(0, 4, RulesTestData.linear(12, 1.3, 1.1)).report(5).analysis().trend();
        assertThat(shortRun.slopePerHour()).isNull();
        assertThat(shortRun.slopePerExperiment()).isCloseTo(-20.0 / 11, org.assertj.core.api.Assertions.within(1e-9));
        var longRun = new Fixtures().series(0, 300, RulesTestData.linear(12, 1.3, 1.1)).report(301).analysis().trend();
        assertThat(longRun.slopePerHour()).isNotNull().isNegative();
        assertThat(new Fixtures().series(0, 60, RulesTestData.linear(9, 1.3, 1.1)).report(61).analysis().trend().direction())
                .isEqualTo(codeclab.monitor.analysis.Trend.Direction.TOO_FEW);
    }

    @Test
    void sameInputsGiveTheSameReport() {
        Fixtures f = new Fixtures().series(0, 200, 1.2, 0.9, 0.8, 0.85, 0.6, 0.5).failed(30, OutcomeKind.CRASH, "NPE");
        assertThat(ReportRenderer.text(f.report(210))).isEqualTo(ReportRenderer.text(f.report(210)));
    }

    @Test
    void unknownRunSaysHowToFindOne() {
        var service = new MonitorService(new Fixtures().source(), new InMemoryMonitorStateStore(), MonitorConfig.defaults(), null, null, null);
        assertThatThrownBy(() -> service.run("nope", at(1))).hasMessageContaining("no run nope");
    }

    @Test
    void autoPauseOnPurgeOnlyWhenEnabled() {
        // Hopeless: no better than its start after 15 measured, and the last 10 worse than that start.
        Fixtures f = new Fixtures().series(0, 50, 0.9, 0.95, 1.0, 1.05, 1.1).series(50, 180, RulesTestData.linear(10, 1.2, 1.4));
        Flag flag = new Flag();
        Report off = new MonitorService(f.source(), new InMemoryMonitorStateStore(), MonitorConfig.defaults(), null, null, flag).run(RUN, at(200));
        assertThat(off.verdict()).isEqualTo(Verdict.PURGE_AND_RESTART);
        assertThat(flag.paused()).isFalse();
        assertThat(off.actions()).anyMatch(a -> a.contains("autoPause is off"));
        assertThat(off.todo()).contains("codec-lab pause");
        Report on = new MonitorService(f.source(), new InMemoryMonitorStateStore(), MonitorConfig.defaults().withActions(true, false), null, null, flag).run(RUN, at(200));
        assertThat(flag.paused()).isTrue();
        assertThat(flag.reasons.get(0)).contains("PURGE_AND_RESTART").contains("hopeless");
        assertThat(on.actions()).anyMatch(a -> a.startsWith("paused the loop"));
        // Once paused, nothing advises pausing again.
        f.source().paused(RUN, true);
        Report paused = new MonitorService(f.source(), new InMemoryMonitorStateStore(), MonitorConfig.defaults().withActions(true, false), null, null, flag).run(RUN, at(200));
        assertThat(paused.paused()).isTrue();
        assertThat(paused.todo()).contains("already paused").doesNotContain("`codec-lab pause`");
        assertThat(paused.actions()).containsExactly("none: the loop is already paused");
        assertThat(ReportRenderer.text(paused)).startsWith("PAUSED: run run-1 is paused").doesNotContain("(`codec-lab pause`)");
        assertThat(flag.reasons).hasSize(1);
    }

    @Test
    void plannerHintsCarryTheMostFrequentSandboxViolation() {
        Fixtures f = new Fixtures().series(0, 60, 0.9, 0.8)
                .failures(4, 30, OutcomeKind.FORBIDDEN_API, "java/lang/Thread.start is not on the allowlist")
                .failed(40, OutcomeKind.FORBIDDEN_API, "java/io/File.<init> is not on the allowlist");
        assertThat(f.report(90).plannerHints()).isEmpty();
        Report r = f.report(MonitorConfig.defaults().withActions(false, true), 90);
        assertThat(r.verdict()).isEqualTo(Verdict.FIX_CODE);
        assertThat(r.plannerHints()).anyMatch(h -> h.contains("4x") && h.contains("Thread.start"));
    }

    @Test
    void alertsArePublishedOnChangeAndRenderedWithSubject() {
        List<String[]> sent = new ArrayList<>();
        Fixtures f = new Fixtures().series(0, 50, 1.1, 1.1);
        var service = new MonitorService(f.source(), new InMemoryMonitorStateStore(), MonitorConfig.defaults(),
                (s, b) -> { sent.add(new String[]{s, b}); return "m" + sent.size(); }, null, null);
        service.run(RUN, at(55));
        service.run(RUN, at(100));
        assertThat(sent).hasSize(1);
        f.series(100, 150, RulesTestData.same(8, 1.1));
        Report r = service.run(RUN, at(155));
        assertThat(r.alert().kind()).isEqualTo(AlertPolicy.Kind.CHANGE);
        assertThat(sent).hasSize(2);
        assertThat(sent.get(1)[0]).isEqualTo("[CRITICAL] codec-lab run-1: FIX_CODE (results-ignore-code)");
        List<String> lines = sent.get(1)[1].lines().toList();
        assertThat(lines.get(0)).isEqualTo("FIX_CODE [CRITICAL] run run-1 - cause: results-ignore-code");
        assertThat(lines.get(1)).startsWith("Why: identical results from different code: 10 completed");
        assertThat(lines.get(2)).startsWith("Do:  check that execute runs the source the planner wrote");
        assertThat(lines.get(4)).isEqualTo("SINCE THE LAST REPORT");
        assertThat(lines.get(5)).contains("8 finished, 8 completed, 8 measured").contains("best unchanged at +10.0 %")
                .contains("verdict was TOO_EARLY");
        assertThat(sent.get(1)[1]).contains("Issue 1: Identical bitrates").contains("11000 kbps");
    }

    @Test
    void dataQualityFindsMissingFieldsImpossibleValuesStuckItemsAndOrphans() {
        Fixtures f = new Fixtures().completed(10, 0.9).inFlight(5).inFlight(100)
                .raw(new Experiment(RUN, "bad-1", ExperimentStatus.COMPLETED, OutcomeKind.OK, null, "p", null, "h", null, null,
                        at(1), at(20), null, null, null, 0))
                .raw(new Experiment(RUN, "bad-2", ExperimentStatus.FAILED, null, "x", "p", null, "h", null, null,
                        at(1), at(21), null, -5.0, 1000.0, 0));
        f.source().inventory(RUN, new MonitorSource.ArtifactInventory(Set.of("src", "eval", "orphan-1"), Set.of("src", "eval")));
        Report r = new MonitorService(f.source(), new InMemoryMonitorStateStore(), MonitorConfig.defaults(),
                (s, b) -> "m", null, null).run(RUN, java.time.Instant.parse("2025-10-17T07:00:00Z").plusSeconds(3600 * 24));
        var dq = r.analysis().dataQuality();
        assertThat(dq.findingsByKind()).containsEntry(DataQuality.COMPLETED_WITHOUT_METRICS, 1L)
                .containsEntry(DataQuality.MISSING_FIELD, 1L).containsEntry(DataQuality.IMPOSSIBLE_VALUE, 1L);
        assertThat(dq.stuck()).hasSize(2);
        assertThat(dq.orphanedArtifacts()).containsExactly("orphan-1");
        assertThat(dq.clean()).isFalse();
        assertThat(ReportRenderer.morningReview(r)).contains("6. Database - clean data? no").contains("orphaned artifacts: 1");

        Report clean = new Fixtures().completed(10, 0.9).inFlight(50).report(60);
        assertThat(clean.analysis().dataQuality().clean()).isTrue();
        assertThat(DataQuality.check(new Experiment(RUN, "x", ExperimentStatus.COMPLETED, OutcomeKind.OK, null, "p", null, "h",
                null, null, at(1), at(2), null, 100.0, 0.0, 0))).extracting(DataQuality.Finding::kind)
                .contains(DataQuality.IMPOSSIBLE_VALUE);
        // Completed without reaching the target (no bitrate at target), or without a BD-rate, is not a data problem.
        assertThat(DataQuality.check(new Experiment(RUN, "y", ExperimentStatus.COMPLETED, OutcomeKind.OK, null, "p", null, "h",
                "src", "eval", at(1), at(2), 12.0, null, null, 0))).isEmpty();
        assertThat(DataQuality.check(new Experiment(RUN, "z", ExperimentStatus.COMPLETED, OutcomeKind.OK, null, "p", null, "h",
                "src", "eval", at(1), at(2), null, null, null, 0))).isEmpty();
    }

    @Test
    void morningReviewAnswersThePlansSixQuestions() {
        Report r = new Fixtures().series(0, 300, RulesTestData.linear(12, 0.95, 0.4))
                .report(MonitorConfig.defaults().withLinks("https://dash.example/run-1", "https://blog.example"), 320);
        String m = ReportRenderer.morningReview(r);
        assertThat(m).startsWith("LET_IT_RUN [INFO] run run-1 - cause: improving")
                .contains("1. Dashboard - how many experiments? 12 planned, 0 in flight, 12 finished").contains("https://dash.example/run-1")
                .contains("2. Blog").contains("https://blog.example")
                .contains("3. Best - lowest achieved: -60.0 % BD-rate (0.400x x264 at target, 4000 kbps)")
                .contains("4. Trend - IMPROVING").contains("5. Logs - errors: none").contains("6. Database - clean data? yes");
    }

    /** Shared small series builders. */
    static final class RulesTestData {
        static double[] same(int n, double v) { return codeclab.monitor.rules.RulesTest.same(n, v); }
        static double[] linear(int n, double a, double b) { return codeclab.monitor.rules.RulesTest.linear(n, a, b); }
    }
}
