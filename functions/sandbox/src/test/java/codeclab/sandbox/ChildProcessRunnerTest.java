package codeclab.sandbox;

import codeclab.codec.Frame;
import codeclab.core.OutcomeKind;
import codeclab.sandbox.compile.CandidateCompiler;
import codeclab.sandbox.run.ChildProcess;
import codeclab.sandbox.run.OsWall;
import codeclab.sandbox.run.RuntimeClasses;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The child process itself, with trusted probes that skip the verifier: what a candidate would see if it
 * got past the bytecode check (defence in depth), and the round trip of frames and bitstreams.
 */
class ChildProcessRunnerTest {

    @TempDir
    static Path workRoot;
    static SandboxConfig config;
    static CandidateCompiler compiler;
    static ChildProcessRunner runner;

    @BeforeAll
    static void setUp() {
        config = SandboxConfig.defaults().withHeapMb(64).withTimeout(Duration.ofSeconds(10)).withWorkRoot(workRoot);
        compiler = new CandidateCompiler(config, RuntimeClasses.directory(workRoot, config.excludedCodecPackages()));
        runner = new ChildProcessRunner(config);
    }

    static final String PROBE = """
            import codeclab.codec.*;
            public final class Probe implements Codec {
                public Encoder encoder(StreamHeader h, int q) {
                    return new Encoder() {
                        public void encode(Frame f) { if (q == 13) System.exit(0); }
                        public byte[] finish() {
                            String s = System.getenv() + "|" + System.getProperty("user.dir") + "|"
                                    + System.getProperty("java.io.tmpdir") + "|" + Runtime.getRuntime().maxMemory();
                            return s.getBytes();
                        }
                    };
                }
                public Decoder decoder(StreamHeader h, byte[] b) { return null; }
            }
            """;

    @Test
    void theChildHasAnEmptyEnvironmentItsOwnDirectoryAndTheHeapCap() throws Exception {
        List<CodecRunner.Encoded> out = runner.encode(compiler.compile(PROBE), Validator.SMOKE_HEADER,
                Validator.smokeClip(), List.of(50));
        String[] seen = new String(out.get(0).bitstream(), StandardCharsets.UTF_8).split("\\|");
        // Behind the OS wall bubblewrap sets PWD (the run directory, as the child sees it); nothing else.
        assertThat(seen[0]).isIn("{}", "{PWD=" + OsWall.WORK + "}");
        assertThat(seen[0]).doesNotContain("fake-secret");
        assertThat(seen[1]).isNotEqualTo(Path.of("").toAbsolutePath().toString());
        if (runner.wall().active()) {
            assertThat(seen[1]).isEqualTo(OsWall.WORK);
        } else {
            assertThat(seen[1]).startsWith(workRoot.toString() + "/codeclab-encode-");
        }
        assertThat(seen[2]).isEqualTo(seen[1]);
        assertThat(Long.parseLong(seen[3])).isLessThanOrEqualTo(64L * 1024 * 1024);
        assertThat(out.get(0).quality()).isEqualTo(50);
    }

    @Test
    void aChildThatExitsEarlyIsACrash() throws Exception {
        CompiledCodec probe = compiler.compile(PROBE);
        assertThatThrownBy(() -> runner.encode(probe, Validator.SMOKE_HEADER, Validator.smokeClip(), List.of(13)))
                .isInstanceOfSatisfying(RunFailure.class, f -> {
                    assertThat(f.kind()).isEqualTo(OutcomeKind.CRASH);
                    assertThat(f.getMessage()).contains("ended before finishing");
                });
    }

    @Test
    void framesRoundTripThroughEncoderAndDecoderProcesses() throws Exception {
        CompiledCodec raw = compiler.compile(TestSources.read("good/RawCodec.java"));
        List<Frame> clip = Validator.smokeClip();
        List<CodecRunner.Encoded> enc = runner.encode(raw, Validator.SMOKE_HEADER, clip, List.of(100, 0, 60, 95));
        assertThat(enc).extracting(CodecRunner.Encoded::quality).containsExactly(100, 0, 60, 95);
        List<CodecRunner.Decoded> dec = runner.decode(raw, Validator.SMOKE_HEADER,
                enc.stream().map(CodecRunner.Encoded::bitstream).toList());
        assertThat(dec).hasSize(4);
        // Quality 100 uses step 1: lossless. Quality 0 quantises with step 10: lossy but the same size.
        for (int i = 0; i < clip.size(); i++) {
            assertThat(dec.get(0).frames().get(i).sameSamples(clip.get(i))).isTrue();
        }
        assertThat(dec.get(1).frames().get(0).sameSamples(clip.get(0))).isFalse();
        assertThat(dec.get(1).frames()).allMatch(f -> f.width() == 32 && f.height() == 32);
        assertThat(enc.get(0).seconds()).isPositive();
    }

    @Test
    void theWallClockLimitKillsTheWholeProcessTree() throws Exception {
        long t0 = System.nanoTime();
        ChildProcess.Result<String> r = ChildProcess.run(List.of("sh", "-c", "sleep 60 & sleep 60 & wait"), workRoot,
                os -> { }, in -> "unused", 1024, 1024, Duration.ofMillis(500));
        assertThat(r.timedOut()).isTrue();
        assertThat((System.nanoTime() - t0) / 1e9).isLessThan(5);
        assertThat(TestProcesses.leftovers()).isEmpty();
    }

    @Test
    void stdoutBeyondTheCapKillsTheChild() throws Exception {
        ChildProcess.Result<Long> r = ChildProcess.run(List.of("yes", "spam"), workRoot,
                os -> { }, (InputStream in) -> (long) in.readAllBytes().length, 10_000, 1024, Duration.ofSeconds(10));
        assertThat(r.outputCapHit()).isTrue();
        assertThat(r.timedOut()).isFalse();
        assertThat(r.seconds()).isLessThan(5);
        assertThat(TestProcesses.leftovers()).isEmpty();
    }

    @Test
    void stderrIsKeptOnlyUpToTheCap() throws Exception {
        ChildProcess.Result<String> r = ChildProcess.run(List.of("sh", "-c", "yes err | head -c 100000 >&2"), workRoot,
                os -> { }, in -> new String(in.readAllBytes(), StandardCharsets.UTF_8), 1024, 500, Duration.ofSeconds(10));
        assertThat(r.stderr()).hasSize(500);
        assertThat(r.exitCode()).isZero();
    }
}
