package codeclab.cli;

import codeclab.core.Experiment;
import codeclab.core.ExperimentStatus;
import codeclab.store.LocalStore;
import codeclab.store.RunSummary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Kills {@code codec-lab run} with SIGKILL in the middle of a generation, then runs again on the same data
 * folder: nothing is lost or counted twice, and the interrupted experiments end TIMED_OUT.
 */
class CrashRecoveryTest {

    @Test
    void aKilledRunLosesNothingAndCountsNothingTwice(@TempDir Path data) throws Exception {
        Process first = start(data, "40");
        List<Long> children = new ArrayList<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(first.getInputStream(), StandardCharsets.UTF_8))) {
            int recorded = 0;
            for (String line; recorded < 3 && (line = out.readLine()) != null; ) {
                if (line.startsWith("[")) {
                    recorded++;
                }
            }
            assertThat(recorded).as("the first run recorded experiments before the kill").isEqualTo(3);
            // Mid-generation: wait (through the running loop's shared store) until the next slots are planned, so they
            // are in flight when the process dies; a fixed sleep missed them on a loaded machine.
            try (LocalStore shared = LocalStore.openShared(data)) {
                long deadline = System.currentTimeMillis() + 600_000;
                while (shared.experiments().all("crash").stream().allMatch(e -> e.status().isFinal())) {
                    assertThat(System.currentTimeMillis()).as("an experiment in flight").isLessThan(deadline);
                    Thread.sleep(100);
                }
            }
            first.descendants().forEach(p -> children.add(p.pid()));
            first.destroyForcibly();
            assertThat(first.waitFor(20, TimeUnit.SECONDS)).isTrue();
        }
        // dynalite and the sandbox children do not outlive their parent.
        long deadline = System.currentTimeMillis() + 20_000;
        while (System.currentTimeMillis() < deadline && children.stream().anyMatch(pid -> ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false))) {
            Thread.sleep(200);
        }
        assertThat(children.stream().filter(pid -> ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).toList())
                .as("orphaned child processes").isEmpty();

        Thread.sleep(1500); // past the 1 s deadline, so the second run's plan step closes what the first left open
        Process second = start(data, "2");
        String output = new String(second.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(second.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(second.exitValue()).as(output).isZero();

        try (LocalStore store = LocalStore.open(data)) {
            List<Experiment> all = store.experiments().all("crash");
            RunSummary run = store.experiments().getRun("crash");
            assertThat(all).allSatisfy(e -> assertThat(e.status().isFinal()).as(e.experimentId()).isTrue());
            assertThat(run.finished()).isEqualTo(all.size());
            for (ExperimentStatus s : ExperimentStatus.values()) {
                if (s.isFinal()) {
                    assertThat(run.count(s)).as(s.name()).isEqualTo(all.stream().filter(e -> e.status() == s).count());
                }
            }
            assertThat(run.count(ExperimentStatus.TIMED_OUT)).as("experiments interrupted by the kill").isPositive();
            assertThat(all.stream().map(Experiment::experimentId).collect(Collectors.toSet())).hasSize(all.size());
        }
    }

    private static Process start(Path data, String experiments) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        ProcessBuilder pb = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), "codeclab.cli.Main", "run",
                "--run", "crash", "--experiments", experiments, "--parallel", "2", "--clips", "tiny", "--deadline", "PT1S",
                "--data", data.toString());
        pb.redirectErrorStream(true);
        return pb.start();
    }
}
