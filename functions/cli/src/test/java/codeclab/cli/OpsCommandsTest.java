package codeclab.cli;

import codeclab.core.Experiment;
import codeclab.core.ExperimentStatus;
import codeclab.store.ExperimentIds;
import codeclab.store.FinalResult;
import codeclab.store.LocalStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** The operator's commands on a local data folder (embedded dynalite, started per command as in real use). */
class OpsCommandsTest {

    @TempDir
    Path data;

    @Test
    void freshStartMonitorPurgeRestoreRoundTripOnTheDataFolder() throws Exception {
        String d = data.toString();
        CliRun fresh = CliRun.of("fresh-start", "--data", d);
        assertThat(fresh.code()).isZero();
        assertThat(fresh.out().strip()).isEqualTo("run-1");
        try (LocalStore s = LocalStore.open(data)) {
            for (int i = 0; i < 3; i++) {
                Instant c = Instant.now().minusSeconds(600 - i);
                Experiment e = new Experiment("run-1", ExperimentIds.next(c), ExperimentStatus.PLANNED, null, null,
                        "evo", null, "h", null, null, c, null, null, null, null, 0);
                s.experiments().plan(e);
                s.experiments().finish("run-1", e.experimentId(), FinalResult.ok(-2.0, 900.0 + i, 1000.0, null), "k" + i);
            }
        }

        CliRun monitor = CliRun.of("monitor", "--data", d);
        assertThat(monitor.code()).as(monitor.err()).isZero();
        assertThat(monitor.out()).containsPattern("^(LET_IT_RUN|FIX_CODE|PURGE_AND_RESTART|TOO_EARLY) \\[\\w+] run run-1 - cause: ")
                .contains("3 finished").contains("ALERT (local, not sent): [");
        CliRun json = CliRun.of("monitor", "--json", "--data", d, "--run", "run-1");
        var report = Json.MAPPER.readTree(json.out());
        assertThat(report.path("report").path("runId").asText()).isEqualTo("run-1");
        assertThat(report.path("report").path("analysis").path("counts").path("completed").asLong()).isEqualTo(3);
        assertThat(report.path("alertsPrinted")).isEmpty(); // unchanged verdict: not repeated
        CliRun review = CliRun.of("review", "--data", d);
        assertThat(review.out()).contains("codec-lab morning review - run run-1").contains("3. Best - lowest achieved");

        CliRun pause = CliRun.of("pause", "--data", d);
        assertThat(pause.out()).startsWith("paused run-1");
        try (LocalStore s = LocalStore.open(data)) {
            assertThat(s.experiments().getRun("run-1").paused()).isTrue();
        }
        assertThat(CliRun.of("resume", "--data", d).out()).startsWith("resumed run-1");

        CliRun refused = CliRun.of("purge", "--run", "run-1", "--data", d);
        assertThat(refused.code()).isEqualTo(2);
        assertThat(refused.err().strip()).isEqualTo("codec-lab: purge deletes run run-1 after archiving it; re-run with --yes to confirm");

        CliRun purge = CliRun.of("purge", "--run", "run-1", "--yes", "--data", d);
        assertThat(purge.code()).as(purge.err()).isZero();
        String archive = purge.out().strip().lines().reduce((a, b) -> b).orElseThrow();
        assertThat(archive).matches("archives/run-1-\\d{8}T\\d{9}Z\\.jsonl");
        assertThat(CliRun.of("restore", "--list", "--data", d).out()).contains(archive).contains("3 experiments");
        assertThat(CliRun.of("monitor", "--data", d, "--run", "run-1").err()).contains("no run run-1 in data folder");

        CliRun restore = CliRun.of("restore", archive, "--data", d);
        assertThat(restore.out().strip()).isEqualTo("restored run run-1 (3 experiments) from " + archive);
        try (LocalStore s = LocalStore.open(data)) {
            assertThat(s.experiments().getRun("run-1").completed()).isEqualTo(3);
            assertThat(s.experiments().all("run-1")).hasSize(3);
        }
        assertThat(CliRun.of("fresh-start", "--data", d).out().strip()).isEqualTo("run-2");
    }

    @Test
    void exclusiveOptionsAndHelp() {
        CliRun both = CliRun.of("pause", "--data", data.toString(), "--stack", "s");
        assertThat(both.code()).isEqualTo(2);
        assertThat(both.err()).contains("--data and --stack are exclusive");
        for (String c : new String[]{"monitor", "review", "pause", "resume", "purge", "restore", "fresh-start"}) {
            CliRun help = CliRun.of(c, "--help");
            assertThat(help.code()).isZero();
            assertThat(help.out()).contains("--stack").contains("--data");
        }
    }
}
