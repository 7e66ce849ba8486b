package codeclab.sandbox;

import codeclab.codec.Frame;
import codeclab.codec.StreamHeader;
import codeclab.codec.seeds.ReferenceCodecs;
import codeclab.sandbox.ChildProcessRunner.DecoderIsolation;
import codeclab.sandbox.SandboxConfig.CompilerChoice;
import codeclab.sandbox.SandboxConfig.WallMode;
import codeclab.sandbox.compile.CandidateCompiler;
import codeclab.sandbox.compile.ChildCompiler;
import codeclab.sandbox.run.RuntimeClasses;
import codeclab.sandbox.verify.BytecodeVerifier;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Benchmark of the sandbox overheads (not part of the test suite; run by hand, see docs/BENCHMARKS.md), each new
 * behaviour against the old one in the same run:
 * <ol>
 *   <li>compile + verify of a ~300-line candidate: in the trusted process (old), in a warm compiler child (new),
 *       in a fresh compiler JVM per compile (the alternative);</li>
 *   <li>validate of a real codec (the IntraDctCodec seed): old pipeline (in-process compile, one encoder child, one
 *       decoder child for both smoke streams, no OS wall) against the new one (compiler child, a decoder JVM per
 *       stream, the no-compression check, behind the wall);</li>
 *   <li>an execute-sized sweep (2 clips of 352x288x30, 5 qualities, the InterCodec seed): decoders shared (old),
 *       a fresh class loader per stream, a fresh JVM per stream (new), with and without the OS wall.</li>
 * </ol>
 * Usage: {@code java -cp <test class path> codeclab.sandbox.SandboxBench [N]}; prints medians of N runs.
 */
public final class SandboxBench {

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 7;
        // Generous compile limits: on a loaded machine a warm compile can take seconds; this measures cost, not limits.
        SandboxConfig walled = SandboxConfig.defaults().withCompiler(CompilerChoice.JAVAC).withCompileLimits(java.time.Duration.ofMinutes(5), 256);
        SandboxConfig open = walled.withOsWall(WallMode.OFF);
        Validator validator = new Validator(walled);
        System.out.println("OS wall: " + validator.wall().description());
        compile(n, walled, validator);
        validate(n, walled, open, validator);
        sweep(Math.max(2, n / 3), walled, open);
        validator.compilerProcesses().forEach(ProcessHandle::destroy);
        System.exit(0);
    }

    private static void compile(int n, SandboxConfig walled, Validator validator) throws Exception {
        String source = candidate300Lines();
        System.out.printf("%n== compile + verify, %d-line candidate, javac, median of %d%n", source.split("\n").length, n);
        CandidateCompiler inProcess = new CandidateCompiler(walled, RuntimeClasses.directory(walled.workRoot(), walled.excludedCodecPackages()));
        BytecodeVerifier verifier = new BytecodeVerifier(walled);
        ChildCompiler fresh = new ChildCompiler(walled, validator.wall(),
                RuntimeClasses.directory(walled.workRoot(), walled.excludedCodecPackages()), false);
        report("in the trusted process, warm (old)", n, 20, () -> verifier.verify(inProcess.compile(source)));
        report("warm compiler child (new)", n, 5, () -> validator.compileAndVerify(source));
        report("fresh compiler JVM per compile", Math.max(3, n / 2), 0, () -> verifier.verify(fresh.compile(source)));
    }

    private static void validate(int n, SandboxConfig walled, SandboxConfig open, Validator validator) throws Exception {
        String source = ReferenceCodecs.asCandidate("IntraDctCodec");
        System.out.printf("%n== validate IntraDctCodec (compile + verify + smoke run), median of %d%n", n);
        CandidateCompiler inProcess = new CandidateCompiler(open, RuntimeClasses.directory(open.workRoot(), open.excludedCodecPackages()));
        BytecodeVerifier verifier = new BytecodeVerifier(open);
        ChildProcessRunner old = new ChildProcessRunner(open, DecoderIsolation.SHARED);
        report("old: in-process compile, 1 encoder + 1 decoder child, no wall", n, 3, () -> {
            CompiledCodec c = verifier.verify(inProcess.compile(source));
            List<CodecRunner.Encoded> e = old.encode(c, Validator.SMOKE_HEADER, Validator.smokeClip(), Validator.SMOKE_QUALITIES);
            return old.decode(c, Validator.SMOKE_HEADER, e.stream().map(CodecRunner.Encoded::bitstream).toList());
        });
        report("new: compiler child, decoder JVM per stream + corrupted-stream check, wall", n, 3, () -> {
            ValidationOutcome out = validator.validate(source);
            if (!(out instanceof ValidationOutcome.Ok ok)) {
                throw new IllegalStateException(out.message());
            }
            return ok.size();
        });
        System.out.println("   IntraDctCodec size: " + Validator.size(validator.compileAndVerify(source))
                + "; InterCodec: " + Validator.size(validator.compileAndVerify(ReferenceCodecs.asCandidate("InterCodec"))));
    }

    private static void sweep(int n, SandboxConfig walled, SandboxConfig open) throws Exception {
        CompiledCodec inter = new CandidateCompiler(open, RuntimeClasses.directory(open.workRoot(), open.excludedCodecPackages()))
                .compile(ReferenceCodecs.asCandidate("InterCodec"));
        StreamHeader header = new StreamHeader(352, 288, 30, 30, 1);
        List<List<Frame>> clips = List.of(clip(header, 1), clip(header, 2));
        List<Integer> qualities = List.of(20, 40, 60, 80, 95);
        System.out.printf("%n== execute-sized sweep: 2 clips 352x288x30, qualities %s, InterCodec, median of %d%n", qualities, n);
        Object[][] configs = {
                {"shared decoder JVM, no wall (old)", new ChildProcessRunner(open, DecoderIsolation.SHARED)},
                {"shared decoder JVM, wall", new ChildProcessRunner(walled, DecoderIsolation.SHARED)},
                {"class loader per stream, wall", new ChildProcessRunner(walled, DecoderIsolation.LOADER_PER_STREAM)},
                {"JVM per stream, no wall", new ChildProcessRunner(open)},
                {"JVM per stream, wall (new)", new ChildProcessRunner(walled)},
        };
        for (Object[] c : configs) {
            ChildProcessRunner r = (ChildProcessRunner) c[1];
            double[] enc = new double[n];
            double[] dec = new double[n];
            for (int i = 0; i < n; i++) {
                for (List<Frame> clip : clips) {
                    long t0 = System.nanoTime();
                    List<CodecRunner.Encoded> e = r.encode(inter, header, clip, qualities);
                    enc[i] += (System.nanoTime() - t0) / 1e9;
                    t0 = System.nanoTime();
                    r.decode(inter, header, e.stream().map(CodecRunner.Encoded::bitstream).toList());
                    dec[i] += (System.nanoTime() - t0) / 1e9;
                }
            }
            System.out.printf("   %-36s encode %.2f s, decode %.2f s (%.3f s per stream), total %.2f s%n", c[0],
                    median(enc), median(dec), median(dec) / (clips.size() * qualities.size()), median(enc) + median(dec));
        }
    }

    /** A moving diagonal pattern with texture: enough detail for motion search and residuals. */
    private static List<Frame> clip(StreamHeader h, int seed) {
        List<Frame> frames = new ArrayList<>();
        for (int t = 0; t < h.frameCount(); t++) {
            Frame f = Frame.blank(h.width(), h.height());
            for (int y = 0; y < h.height(); y++) {
                for (int x = 0; x < h.width(); x++) {
                    int v = 128 + (int) (60 * Math.sin((x + 2 * t * seed) / 9.0) * Math.cos((y - t) / 13.0)) + ((x * 7 + y * 13) % 9);
                    f.y()[y * h.width() + x] = (byte) Math.max(16, Math.min(235, v));
                }
            }
            for (int i = 0; i < f.u().length; i++) {
                f.u()[i] = (byte) (112 + (i + t) % 32);
                f.v()[i] = (byte) (144 - (i / 7 + t) % 32);
            }
            frames.add(f);
        }
        return frames;
    }

    interface Work {
        Object run() throws Exception;
    }

    private static void report(String what, int n, int warmUp, Work work) throws Exception {
        for (int i = 0; i < warmUp; i++) {
            work.run();
        }
        double[] ms = new double[n];
        for (int i = 0; i < n; i++) {
            long t0 = System.nanoTime();
            work.run();
            ms[i] = (System.nanoTime() - t0) / 1e6;
        }
        System.out.printf("   %-70s median %6.0f ms (min %.0f, max %.0f)%n", what, median(ms),
                Arrays.stream(ms).min().orElseThrow(), Arrays.stream(ms).max().orElseThrow());
    }

    private static double median(double[] xs) {
        double[] s = xs.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    /** The kitchen-sink candidate plus generated helper methods, about 300 lines in all. */
    static String candidate300Lines() {
        String base = TestSources.read("good/KitchenSink.java");
        List<String> helpers = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            helpers.add("""
                        static int helper%d(int[] block, int q) {
                            int acc = 0;
                            for (int k = 0; k < block.length; k++) {
                                acc += (block[k] * (k + %d)) / Math.max(1, q);
                            }
                            return acc > 255 ? 255 : Math.abs(acc);
                        }
                    """.formatted(i, i + 1));
        }
        int end = base.lastIndexOf('}');
        return base.substring(0, end) + "\n" + String.join("\n", helpers) + "}\n";
    }
}
