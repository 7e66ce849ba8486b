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
        assertThat(second.analysis().uniqueValues()).isEqualTo(6);
        assertThat(second.analysis().completedLastHour()).isEqualTo(2);
        assertThat(second.analysis().bestSoFar()).extracting(p -> p.ratio()).containsExactly(1.2, 1.1, 1.05, 0.9);
        assertThat(first.analysis().best().ratio()).isEqualTo(1.1);
        assertThat(second.analysis().best().kbps()).isEqualTo(9000.0);
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
        Fixtures f = new Fixtures().series(0, 180, RulesTestData.same(10, 1.504));
        Flag flag = new Flag();
        Report off = new MonitorService(f.source(), new InMemoryMonitorStateStore(), MonitorConfig.defaults(), null, null, flag).run(RUN, at(200));
        assertThat(flag.paused()).isFalse();
        assertThat(off.actions()).anyMatch(a -> a.startsWith("would pause"));
        Report on = new MonitorService(f.source(), new InMemoryMonitorStateStore(), MonitorConfig.defaults().withActions(true, false), null, null, flag).run(RUN, at(200));
        assertThat(flag.paused()).isTrue();
        assertThat(flag.reasons.get(0)).contains("PURGE_AND_RESTART").contains("all at the same bitrate");
        assertThat(on.actions()).anyMatch(a -> a.startsWith("paused the loop"));
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
        service.run(RUN, at(115));
        assertThat(sent).hasSize(1);
        f.series(120, 170, RulesTestData.same(8, 1.1));
        Report r = service.run(RUN, at(175));
        assertThat(r.alert().kind()).isEqualTo(AlertPolicy.Kind.CHANGE);
        assertThat(sent).hasSize(2);
        assertThat(sent.get(1)[0]).isEqualTo("[CRITICAL] codec-lab run-1: PURGE_AND_RESTART");
        assertThat(sent.get(1)[1]).contains("VERDICT: PURGE_AND_RESTART").contains("Issue 1: Identical bitrates")
                .contains("11000 kbps");
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
    }

    @Test
    void morningReviewAnswersThePlansSixQuestions() {
        Report r = new Fixtures().series(0, 300, RulesTestData.linear(12, 0.95, 0.4))
                .report(MonitorConfig.defaults().withLinks("https://dash.example/run-1", "https://blog.example"), 320);
        String m = ReportRenderer.morningReview(r);
        assertThat(m).contains("1. Dashboard - how many experiments? 12 finished").contains("https://dash.example/run-1")
                .contains("2. Blog").contains("https://blog.example").contains("3. Best bitrate - lowest achieved: 0.400x (4000 kbps)")
                .contains("4. Trend - improving").contains("5. Logs - errors: none").contains("6. Database - clean data? yes");
    }

    /** Shared small series builders. */
    static final class RulesTestData {
        static double[] same(int n, double v) { return codeclab.monitor.rules.RulesTest.same(n, v); }
        static double[] linear(int n, double a, double b) { return codeclab.monitor.rules.RulesTest.linear(n, a, b); }
    }
}
