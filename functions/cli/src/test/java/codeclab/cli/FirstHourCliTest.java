package codeclab.cli;

import codeclab.store.LocalStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a newcomer meets in the first hour: errors are one line that says what to do, hints are commands that work when
 * pasted (same launcher, same --data), read commands never create a store, and they work while a loop owns the folder.
 */
class FirstHourCliTest {

    @TempDir
    Path dir;

    @BeforeEach
    void launcher() {
        System.setProperty("codeclab.launcher", ".ci/codec-lab");
    }

    @AfterEach
    void noLauncher() {
        System.clearProperty("codeclab.launcher");
    }

    @Test
    void aMistypedDataFolderIsOneLineAndCreatesNothing() {
        Path typo = dir.resolve("codec-lab-dta");
        CliRun r = CliRun.of("experiments", "list", "--data", typo.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err().strip()).hasLineCount(1)
                .isEqualTo("codec-lab: no codec-lab data in " + typo + " (no such folder): check --data, or create it with .ci/codec-lab run --data " + typo);
        assertThat(typo).doesNotExist();
        for (String[] read : new String[][]{{"monitor"}, {"report"}, {"review"}, {"experiments", "show", "x"}, {"pause"}}) {
            String[] args = java.util.stream.Stream.concat(java.util.Arrays.stream(read), java.util.stream.Stream.of("--data", typo.toString())).toArray(String[]::new);
            CliRun again = CliRun.of(args);
            assertThat(again.code()).as(String.join(" ", read)).isEqualTo(2);
            assertThat(again.err()).contains("no codec-lab data in");
        }
        assertThat(typo).doesNotExist();
    }

    @Test
    void dataOnAFileSaysToNameAFolder() throws Exception {
        Path file = Files.writeString(dir.resolve("notes.txt"), "hi");
        for (String cmd : new String[]{"run", "monitor"}) {
            CliRun r = CliRun.of(cmd, "--data", file.toString());
            assertThat(r.code()).isEqualTo(2);
            assertThat(r.err().strip()).hasLineCount(1).contains("is a file, not a folder", "give --data a folder");
        }
    }

    @Test
    void anUnknownOptionIsOneLinePointingToHelp() {
        CliRun r = CliRun.of("experiments", "list", "--dat", "x");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err().strip()).hasLineCount(1).startsWith("codec-lab: Unknown options: '--dat', 'x'")
                .contains("did you mean", "--data").endsWith("(see .ci/codec-lab experiments list --help)");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void aMissingRunNamesTheRunsThereAre() {
        assertThat(CliRun.of("fresh-start", "--data", dir.toString()).code()).isZero();
        CliRun r = CliRun.of("experiments", "list", "--data", dir.toString(), "--run", "run-9");
        assertThat(r.err().strip()).hasLineCount(1).contains("no run run-9", "its runs: run-1", "--run")
                .doesNotContain("table", "codec-lab-runs");
        CliRun show = CliRun.of("experiments", "show", "nope", "--data", dir.toString());
        assertThat(show.err().strip()).endsWith("list them with .ci/codec-lab experiments list --data " + dir + " --run run-1");
    }

    @Test
    void readCommandsWorkWhileALoopOwnsTheFolderAndSaySo() {
        assertThat(CliRun.of("fresh-start", "--data", dir.toString()).code()).isZero();
        try (LocalStore owner = LocalStore.open(dir)) { // what a running `codec-lab run` holds
            owner.experiments().ensureRun("run-1", Instant.now());
            assertThat(dir.resolve("dynamodb.endpoint")).exists();
            CliRun list = CliRun.of("experiments", "list", "--data", dir.toString());
            assertThat(list.code()).as(list.err()).isZero();
            assertThat(list.out()).startsWith("EXPERIMENT");
            CliRun monitor = CliRun.of("monitor", "--data", dir.toString(), "--json");
            assertThat(monitor.code()).as(monitor.err()).isZero();
            assertThat(monitor.out()).contains("\"report\"");
            CliRun purge = CliRun.of("purge", "--run", "run-1", "--yes", "--data", dir.toString());
            assertThat(purge.code()).isEqualTo(2);
            assertThat(purge.err().strip()).hasLineCount(1).contains("running codec-lab process owns", "stop the loop first");
        }
        assertThat(dir.resolve("dynamodb.endpoint")).doesNotExist();
    }

    @Test
    void aBusyPortIsNamedWithAFix() throws Exception {
        Files.createDirectories(dir.resolve("site"));
        Files.writeString(dir.resolve("site/index.html"), "<h1>x</h1>");
        try (ServerSocket busy = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CliRun r = CliRun.of("serve", "--data", dir.toString(), "--port", Integer.toString(busy.getLocalPort()));
            assertThat(r.code()).isEqualTo(2);
            assertThat(r.err().strip()).hasLineCount(1).contains("port " + busy.getLocalPort() + " on 127.0.0.1 is already in use",
                    ".ci/codec-lab serve --data " + dir + " --port 0");
        }
    }

    @Test
    void aFileThatIsNotVideoIsOneLineWithWhatFfmpegSaid() throws Exception {
        Path notVideo = Files.writeString(dir.resolve("holiday.mp4"), "this is not a video");
        CliRun r = CliRun.of("clips", "import", notVideo.toString(), "--data", dir.toString());
        assertThat(r.code()).isNotZero();
        assertThat(r.err().strip()).hasLineCount(1).contains("holiday.mp4", "FFmpeg cannot open it as video", "FFmpeg: Invalid data")
                .doesNotContain("setFormat", "FFmpegLogCallback");
    }

    @Test
    void reportComparesAnyTwoExperimentsAndTheArchiveRestoreCommandPastes() throws Exception {
        assertThat(CliRun.of("fresh-start", "--data", dir.toString()).code()).isZero();
        java.util.List<String> ids = new java.util.ArrayList<>();
        try (LocalStore s = LocalStore.open(dir)) {
            for (int i = 0; i < 3; i++) {
                Instant c = Instant.now().minusSeconds(600 - i);
                var e = new codeclab.core.Experiment("run-1", codeclab.store.ExperimentIds.next(c), codeclab.core.ExperimentStatus.PLANNED,
                        null, null, "evo", null, "h" + i, null, null, c, null, null, null, null, 0);
                s.experiments().plan(e);
                s.experiments().finish("run-1", e.experimentId(), codeclab.store.FinalResult.ok(-2.0 - i, 900.0 + i, 1000.0, null), "k" + i);
                ids.add(e.experimentId());
            }
        }
        CliRun report = CliRun.of("report", "--data", dir.toString(), "--compare", ids.get(0) + "," + ids.get(2));
        assertThat(report.code()).as(report.err()).isZero();
        Path page = dir.resolve("site/blog/compare-" + ids.get(0) + "-vs-" + ids.get(2) + ".html");
        assertThat(report.out()).contains("compare: " + page.toAbsolutePath().normalize());
        assertThat(Files.readString(page)).contains("Compare 2 experiments", "-2.00 %", "-4.00 %");
        CliRun bad = CliRun.of("report", "--data", dir.toString(), "--compare", ids.get(0) + ",nope");
        assertThat(bad.err().strip()).hasLineCount(1).contains("no experiment nope in run run-1");

        CliRun purge = CliRun.of("purge", "--run", "run-1", "--yes", "--data", dir.toString());
        assertThat(purge.code()).as(purge.err()).isZero();
        assertThat(CliRun.of("report", "--data", dir.toString()).code()).isZero();
        String archive = Files.readString(dir.resolve("site/archive.html"));
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("<code class=\"restore\">([^<]+)</code>").matcher(archive);
        assertThat(m.find()).as(archive).isTrue();
        String command = m.group(1);
        assertThat(command).startsWith(".ci/codec-lab restore archives/run-1-").endsWith("--data " + dir);
        // Pasted (without the launcher, which is this JVM here), it restores the run.
        String[] args = command.substring(".ci/codec-lab ".length()).split(" ");
        CliRun restore = CliRun.of(args);
        assertThat(restore.code()).as(restore.err()).isZero();
        assertThat(restore.out()).contains("restored run run-1 (3 experiments)");
    }
}
