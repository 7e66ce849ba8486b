package codeclab.sandbox;

import codeclab.sandbox.compile.CandidateCompiler;
import codeclab.sandbox.run.RuntimeClasses;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The OS wall on its own: each probe is compiled here WITHOUT the bytecode verifier (the runner never verifies; only
 * the Validator does, and no configuration turns that off) and run in a child process, once behind the wall and
 * once with the wall switched off as the control. The control shows the probe really does what it attempts; the wall
 * run shows the operating system stopped it.
 */
class OsWallTest {

    @TempDir
    static Path workRoot;
    @TempDir
    static Path outside;
    static CandidateCompiler compiler;
    static ChildProcessRunner walled;
    static ChildProcessRunner open;

    @BeforeAll
    static void setUp() {
        SandboxConfig config = SandboxConfig.defaults().withHeapMb(64).withTimeout(Duration.ofSeconds(20)).withWorkRoot(workRoot);
        compiler = new CandidateCompiler(config, RuntimeClasses.directory(workRoot, config.excludedCodecPackages()));
        walled = new ChildProcessRunner(config);
        open = new ChildProcessRunner(config.withOsWall(SandboxConfig.WallMode.OFF));
    }

    /** Runs {@code act} (a method body returning a String) in an encoder child; returns "DONE ..." or "STOPPED ...". */
    static String probe(ChildProcessRunner runner, String act) throws Exception {
        String source = """
                import codeclab.codec.*;
                public final class Probe implements Codec {
                    public Encoder encoder(StreamHeader h, int q) {
                        return new Encoder() {
                            public void encode(Frame f) { }
                            public byte[] finish() {
                                String r;
                                try { r = "DONE " + act(); } catch (Throwable t) { r = "STOPPED " + t; }
                                return r.getBytes();
                            }
                        };
                    }
                    static String act() throws Exception { %s }
                    public Decoder decoder(StreamHeader h, byte[] b) { return null; }
                }
                """.formatted(act);
        CompiledCodec unverified = compiler.compile(source);
        byte[] out = runner.encode(unverified, Validator.SMOKE_HEADER, Validator.smokeClip(), List.of(50)).get(0).bitstream();
        return new String(out, StandardCharsets.UTF_8);
    }

    static void assumeWall() {
        assumeTrue(walled.wall().active(), () -> "no OS wall on this machine: " + walled.wall().description());
    }

    @Test
    void theWallIsDetectedAndSaysWhatItIs() {
        String d = walled.wall().description();
        if (walled.wall().active()) {
            assertThat(d).contains("bubblewrap", "no network", "only the run directory writable", "no new privileges");
        } else {
            assertThat(d).startsWith("none: ");
        }
        assertThat(open.wall().active()).isFalse();
        assertThat(open.wall().description()).contains("switched off");
    }

    @Test
    void aSocketToTheHostsLoopbackIsStoppedByTheNetworkNamespace() throws Exception {
        assumeWall();
        try (ServerSocket server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            server.setSoTimeout(200);
            String connect = "try (java.net.Socket s = new java.net.Socket()) { s.connect(new java.net.InetSocketAddress("
                    + "\"127.0.0.1\", " + server.getLocalPort() + "), 3000); return \"connected\"; }";

            assertThat(probe(open, connect)).as("control: without the wall the probe connects").isEqualTo("DONE connected");
            server.accept().close();

            String walledRun = probe(walled, connect);
            assertThat(walledRun).startsWith("STOPPED java.net.");
            assertThat(acceptsNothing(server)).isTrue();
        }
    }

    private static boolean acceptsNothing(ServerSocket server) throws Exception {
        try {
            server.accept().close();
            return false;
        } catch (SocketTimeoutException e) {
            return true;
        }
    }

    @Test
    void theParentsEnvironmentInProcIsOutOfReach() throws Exception {
        assumeWall();
        String read = "return new String(java.nio.file.Files.readAllBytes(java.nio.file.Path.of(\"/proc/"
                + ProcessHandle.current().pid() + "/environ\")));";

        assertThat(probe(open, read)).as("control: without the wall the probe reads the fake secret")
                .startsWith("DONE").contains("fake-secret-7f3a9c1e");

        String walledRun = probe(walled, read);
        assertThat(walledRun).startsWith("STOPPED").doesNotContain("fake-secret");
    }

    @Test
    void writingOutsideTheRunDirectoryIsStoppedAndTheSystemIsReadOnly() throws Exception {
        assumeWall();
        Path canary = outside.resolve("canary");
        String write = "java.nio.file.Files.writeString(java.nio.file.Path.of(\"" + canary + "\"), \"x\"); return \"wrote\";";

        assertThat(probe(open, write)).as("control: without the wall the probe writes the canary").isEqualTo("DONE wrote");
        Files.delete(canary);

        assertThat(probe(walled, write)).startsWith("STOPPED java.nio.file.");
        assertThat(canary).doesNotExist();
        String system = "java.nio.file.Files.writeString(java.nio.file.Path.of(\"/usr/codeclab-canary\"), \"x\"); return \"wrote\";";
        assertThat(probe(walled, system)).startsWith("STOPPED").contains("Read-only file system");
        assertThat(Path.of("/usr/codeclab-canary")).doesNotExist();
    }

    @Test
    void startingAProcessIsRefusedBySeccomp() throws Exception {
        assumeWall();
        assumeTrue(walled.wall().description().contains("seccomp: no new processes"), "no seccomp filter for this architecture");
        String fork = "Process p = new ProcessBuilder(\"/usr/bin/true\").start(); return \"exit \" + p.waitFor();";

        assertThat(probe(open, fork)).as("control: without the wall the probe starts a process").isEqualTo("DONE exit 0");

        assertThat(probe(walled, fork)).startsWith("STOPPED java.io.IOException").contains("Operation not permitted");
        assertThat(TestProcesses.leftovers()).isEmpty();
    }

    @Test
    void theChildRunsAsAnotherUserWithNoPrivileges() throws Exception {
        assumeWall();
        String status = "return java.nio.file.Files.readAllLines(java.nio.file.Path.of(\"/proc/self/status\")).stream()"
                + ".filter(l -> l.startsWith(\"Uid:\") || l.startsWith(\"NoNewPrivs:\") || l.startsWith(\"CapEff:\"))"
                + ".map(l -> l.replaceAll(\"\\\\s+\", \" \")).toList().toString();";
        String seen = probe(walled, status);
        assertThat(seen).contains("NoNewPrivs: 1", "CapEff: 0000000000000000");
        if (ProcessHandle.current().info().user().orElse("").equals("root")) {
            assertThat(seen).contains("Uid: 65534 65534 65534 65534");
        }
    }
}
