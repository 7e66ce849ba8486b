package codeclab.sandbox;

import codeclab.codec.Frame;
import codeclab.codec.StreamHeader;
import codeclab.core.CodecSize;
import codeclab.sandbox.compile.CandidateCompiler;
import codeclab.sandbox.compile.ChildCompiler;
import codeclab.sandbox.compile.CompileException;
import codeclab.sandbox.compile.Diagnostic;
import codeclab.sandbox.run.OsWall;
import codeclab.sandbox.run.RuntimeClasses;
import codeclab.sandbox.verify.BytecodeVerifier;
import codeclab.sandbox.verify.CodecSizes;
import codeclab.sandbox.verify.VerificationException;

import java.util.ArrayList;
import java.util.List;

/**
 * Validates a candidate: compile (in a compiler child process), verify the bytecode against the allowlist, check
 * the codec contract, measure its size against the literal-data limit, smoke-run encode and decode on a tiny
 * generated clip in child JVMs and check that it compresses, in that order; the first failure is the outcome. A
 * contract failure (no public class implementing Codec, no public no-arg constructor) is a COMPILE_ERROR: the
 * planner fixes it in the source. Thread-safe; build one per configuration and reuse it (it keeps a warm compiler
 * process).
 */
public final class Validator {

    /** The smoke clip: 32x32, 3 frames at 25 fps. */
    public static final StreamHeader SMOKE_HEADER = new StreamHeader(32, 32, 3, 25, 1);
    /** The quality points of the smoke run. */
    public static final List<Integer> SMOKE_QUALITIES = List.of(20, 80);

    private final SandboxConfig config;
    private final ChildCompiler compiler;
    private final String compilerName;
    private final BytecodeVerifier verifier;
    private final ChildProcessRunner runner;

    public Validator(SandboxConfig config) {
        this.config = config;
        this.runner = new ChildProcessRunner(config);
        this.compiler = new ChildCompiler(config, runner.wall(),
                RuntimeClasses.directory(config.workRoot(), config.excludedCodecPackages()), true);
        this.compilerName = CandidateCompiler.compilerName(config.compiler());
        this.verifier = new BytecodeVerifier(config);
    }

    /** Starts and warms a compiler process in the background, so the first compile does not pay for a cold JVM. */
    public void prestartCompiler() {
        compiler.prestart();
    }

    public SandboxConfig config() {
        return config;
    }

    /** "javac" or "ecj", whichever compiles candidates. */
    public String compilerName() {
        return compilerName;
    }

    /** The OS wall every child process runs behind, or why there is none (docs/SANDBOX.md). */
    public OsWall wall() {
        return runner.wall();
    }

    /** The compiler processes kept warm (not a candidate's: tests that look for leftovers skip them). */
    public List<ProcessHandle> compilerProcesses() {
        return compiler.idleProcesses();
    }

    /** The size of a compiled codec: its class files and the literal data in them. */
    public static CodecSize size(CompiledCodec codec) {
        return CodecSizes.measure(codec.classes());
    }

    /** The runner the harness should use for codecs this validator accepted (same limits). */
    public ChildProcessRunner runner() {
        return runner;
    }

    /** Compiles and verifies without running: the fast half of {@link #validate}. */
    public CompiledCodec compileAndVerify(String source) throws CompileException, VerificationException {
        return verifier.verify(compiler.compile(source));
    }

    /** Runs every check in order and returns the first failure, or {@link ValidationOutcome.Ok}. */
    public ValidationOutcome validate(String source) {
        CompiledCodec codec;
        try {
            codec = compileAndVerify(source);
        } catch (CompileException e) {
            return new ValidationOutcome.CompileError("the source does not compile:\n" + e.getMessage(), e.diagnostics());
        } catch (VerificationException e) {
            if (e.kind() == VerificationException.Kind.CONTRACT) {
                List<Diagnostic> ds = e.violations().stream().map(v -> new Diagnostic(v.line(), 0, v.reason())).toList();
                return new ValidationOutcome.CompileError("the codec contract is not met: " + e.getMessage(), ds);
            }
            return new ValidationOutcome.ForbiddenApi("the bytecode uses what the sandbox forbids:\n"
                    + e.getMessage(), e.violations());
        }
        CodecSize size = size(codec);
        if (size.literalDataBytes() > config.maxLiteralDataBytes()) {
            return new ValidationOutcome.LiteralDataLimit("the codec carries " + size.literalDataBytes()
                    + " bytes of literal data (string, number and array constants in its class files); the limit is "
                    + config.maxLiteralDataBytes() + " bytes, because content must not ride inside the code where no"
                    + " bitrate counts it (CLIC counts the decoder's size too): compute tables instead of typing them"
                    + " in, and send what depends on the clip in the bitstream", size);
        }
        return smokeRun(codec);
    }

    /**
     * Encodes the smoke clip at the smoke qualities, decodes every bitstream (each in a fresh process), checks the
     * frames, and checks that the codec compresses: no empty stream, not every stream as large as the raw 4:2:0
     * clip, and a decoder whose output changes when its stream is corrupted.
     */
    public ValidationOutcome smokeRun(CompiledCodec codec) {
        List<Frame> clip = smokeClip();
        try {
            List<CodecRunner.Encoded> encoded = runner.encode(codec, SMOKE_HEADER, clip, SMOKE_QUALITIES);
            if (encoded.size() != SMOKE_QUALITIES.size()) {
                return new ValidationOutcome.BadOutput("expected " + SMOKE_QUALITIES.size() + " bitstreams, got "
                        + encoded.size());
            }
            List<byte[]> bitstreams = encoded.stream().map(CodecRunner.Encoded::bitstream).toList();
            List<CodecRunner.Decoded> decoded = runner.decode(codec, SMOKE_HEADER, bitstreams);
            for (int s = 0; s < decoded.size(); s++) {
                List<Frame> frames = decoded.get(s).frames();
                if (frames.size() != SMOKE_HEADER.frameCount()) {
                    return new ValidationOutcome.BadOutput("decoder returned " + frames.size() + " frames for bitstream "
                            + s + "; expected " + SMOKE_HEADER.frameCount());
                }
                for (Frame f : frames) {
                    if (f.width() != SMOKE_HEADER.width() || f.height() != SMOKE_HEADER.height()) {
                        return new ValidationOutcome.BadOutput("decoder returned a " + f.width() + "x" + f.height()
                                + " frame; expected " + SMOKE_HEADER.width() + "x" + SMOKE_HEADER.height());
                    }
                }
            }
            ValidationOutcome.NoCompression none = NoCompressionCheck.check(runner, codec, SMOKE_HEADER, encoded, decoded);
            if (none != null) {
                return none;
            }
            List<Integer> sizes = new ArrayList<>();
            double enc = 0;
            double dec = 0;
            for (CodecRunner.Encoded e : encoded) {
                sizes.add(e.bitstream().length);
                enc += e.seconds();
            }
            for (CodecRunner.Decoded d : decoded) {
                dec += d.seconds();
            }
            return new ValidationOutcome.Ok(codec, compilerName, sizes, enc, dec, size(codec));
        } catch (RunFailure f) {
            return ValidationOutcome.of(f);
        }
    }

    /** A tiny deterministic clip: a diagonal luma gradient that moves one pixel per frame, flat chroma ramps. */
    public static List<Frame> smokeClip() {
        List<Frame> frames = new ArrayList<>();
        int w = SMOKE_HEADER.width();
        int h = SMOKE_HEADER.height();
        for (int t = 0; t < SMOKE_HEADER.frameCount(); t++) {
            Frame f = Frame.blank(w, h);
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    f.y()[y * w + x] = (byte) (16 + ((x + y + t) * 219) / (w + h));
                }
            }
            for (int i = 0; i < f.u().length; i++) {
                f.u()[i] = (byte) (96 + i % 64);
                f.v()[i] = (byte) (160 - i % 64);
            }
            frames.add(f);
        }
        return frames;
    }
}
