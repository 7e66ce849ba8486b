package codeclab.cli;

import codeclab.core.Experiment;
import codeclab.core.OutcomeKind;
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

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Ctrl-C on a real {@code codec-lab run}, as a terminal sends it: SIGINT to the whole process group (the JVM, its
 * dynalite and its sandbox children). The first one lets the experiments in flight be recorded; a second one marks
 * them INTERRUPTED at once. Either way every experiment ends final in the store, read back afterwards.
 */
class CtrlCTest {

    @Test
    void oneCtrlCRecordsTheExperimentsInFlightAndStopsTheStoreLast(@TempDir Path data) throws Exception {
        try (Running run = start(data)) {
            oneCtrlC(run, data);
        }
    }

    private static void oneCtrlC(Running run, Path data) throws Exception {
        run.awaitRecorded(2);
        awaitInFlight(data); // the next generation is planned and running
        run.interrupt();
        run.awaitLine("stopping after the experiments in flight are recorded");
        assertThat(run.process.waitFor(600, TimeUnit.SECONDS)).as("the run stops after its generation").isTrue();
        assertThat(run.process.exitValue()).as(run.output()).isEqualTo(130);
        assertThat(run.output()).contains("0 in flight").doesNotContain("Connection refused", "generation failed");
        run.assertNoProcessLeft();

        try (LocalStore store = LocalStore.open(data)) {
            List<Experiment> all = store.experiments().all("ctrl-c");
            RunSummary summary = store.experiments().getRun("ctrl-c");
            assertThat(all).as("the generation in flight at Ctrl-C was recorded too").hasSizeGreaterThan(2).hasSizeLessThan(30);
            assertThat(all).allSatisfy(e -> {
                assertThat(e.status().isFinal()).as(e.experimentId() + " " + e.status()).isTrue();
                assertThat(e.outcome()).as(e.experimentId()).isNotIn(OutcomeKind.INTERRUPTED, OutcomeKind.TIMEOUT, OutcomeKind.CRASH,
                        OutcomeKind.INTERNAL_ERROR);
            });
            assertThat(summary.finished()).isEqualTo(all.size());
        }
    }

    @Test
    void aSecondCtrlCMarksTheExperimentsInFlightInterruptedAtOnce(@TempDir Path data) throws Exception {
        try (Running run = start(data)) {
            twoCtrlC(run, data);
        }
    }

    private static void twoCtrlC(Running run, Path data) throws Exception {
        run.awaitRecorded(2);
        awaitInFlight(data);
        run.interrupt();
        run.awaitLine("stopping after");
        run.interrupt();
        assertThat(run.process.waitFor(120, TimeUnit.SECONDS)).as("a second Ctrl-C stops at once (not after the generation)").isTrue();
        assertThat(run.process.exitValue()).as(run.output()).isEqualTo(130);
        assertThat(run.output()).contains("marked INTERRUPTED");
        run.assertNoProcessLeft();

        try (LocalStore store = LocalStore.open(data)) {
            List<Experiment> all = store.experiments().all("ctrl-c");
            assertThat(all).allSatisfy(e -> assertThat(e.status().isFinal()).as(e.experimentId() + " " + e.status()).isTrue());
            List<Experiment> interrupted = all.stream().filter(e -> e.outcome() == OutcomeKind.INTERRUPTED).toList();
            assertThat(interrupted).as("the generation in flight").isNotEmpty();
            assertThat(interrupted).allSatisfy(e -> assertThat(e.message()).contains("says nothing about the codec"));
            assertThat(store.experiments().getRun("ctrl-c").finished()).isEqualTo(all.size());
        }
    }

    /** Polls the running loop's store (through the endpoint it advertises) until an experiment is in flight. */
    private static void awaitInFlight(Path data) throws InterruptedException {
        try (LocalStore shared = LocalStore.openShared(data)) {
            assertThat(shared.shared()).as("the running loop shares its store").isTrue();
            long deadline = System.currentTimeMillis() + 600_000;
            while (shared.experiments().all("ctrl-c").stream().allMatch(e -> e.status().isFinal())) {
                assertThat(System.currentTimeMillis()).as("an experiment in flight").isLessThan(deadline);
                Thread.sleep(100);
            }
        }
    }

    /** A run in its own process group with SIGINT at its default (a shell's background job would ignore it). */
    private static Running start(Path data) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        ProcessBuilder pb = new ProcessBuilder("env", "--default-signal=INT,TERM", "setsid", java, "-cp",
                System.getProperty("java.class.path"), "codeclab.cli.Main", "run", "--run", "ctrl-c", "--experiments", "30",
                "--parallel", "2", "--clips", "tiny", "--data", data.toString());
        pb.redirectErrorStream(true);
        return new Running(pb.start());
    }

    /** A started run; closing it kills whatever is left of it (a failed assertion must not leave it running). */
    private static final class Running implements AutoCloseable {
        final Process process;
        final List<String> lines = new ArrayList<>();
        final List<Long> descendants = new ArrayList<>();
        private final BufferedReader out;

        Running(Process process) {
            this.process = process;
            this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            Thread drain = new Thread(() -> {
                try {
                    for (String line; (line = out.readLine()) != null; ) {
                        synchronized (lines) {
                            lines.add(line);
                            lines.notifyAll();
                        }
                    }
                } catch (java.io.IOException ignored) {
                    // the process ended
                }
            });
            drain.setDaemon(true);
            drain.start();
        }

        void awaitRecorded(int n) throws InterruptedException {
            await(() -> lines.stream().filter(l -> l.startsWith("[")).count() >= n, "experiments recorded");
        }

        void awaitLine(String text) throws InterruptedException {
            await(() -> lines.stream().anyMatch(l -> l.contains(text)), text);
        }

        private void await(java.util.function.BooleanSupplier done, String what) throws InterruptedException {
            long deadline = System.currentTimeMillis() + 600_000; // generous: the machine may be shared and loaded
            synchronized (lines) {
                while (!done.getAsBoolean()) {
                    assertThat(System.currentTimeMillis()).as("waiting for " + what + "; output so far:\n" + String.join("\n", lines))
                            .isLessThan(deadline);
                    assertThat(process.isAlive() || done.getAsBoolean()).as("the run ended early:\n" + String.join("\n", lines)).isTrue();
                    lines.wait(200);
                }
            }
        }

        /** SIGINT to the process group, as Ctrl-C in a terminal sends it. */
        void interrupt() throws Exception {
            process.descendants().forEach(p -> descendants.add(p.pid()));
            Process kill = new ProcessBuilder("kill", "-INT", "--", "-" + process.pid()).inheritIO().start();
            assertThat(kill.waitFor()).isZero();
        }

        String output() throws InterruptedException {
            Thread.sleep(200); // the drain thread reads the last lines
            synchronized (lines) {
                return String.join("\n", lines);
            }
        }

        /** dynalite and the sandbox children end with the run. */
        void assertNoProcessLeft() throws InterruptedException {
            long deadline = System.currentTimeMillis() + 15_000;
            while (System.currentTimeMillis() < deadline && descendants.stream().anyMatch(Running::alive)) {
                Thread.sleep(200);
            }
            assertThat(descendants.stream().filter(Running::alive).toList()).as("processes left behind").isEmpty();
        }

        @Override
        public void close() {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }

        private static boolean alive(long pid) {
            return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
        }
    }
}
