package codeclab.sandbox;

import codeclab.sandbox.SandboxConfig.CompilerChoice;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Benchmark of the sandbox overheads (not part of the test suite; run by hand, see docs/BENCHMARKS.md):
 * compile + verify of a ~300-line candidate, warm, with javac and ECJ; one encoder child on the smoke clip;
 * the whole smoke run (encoder child + decoder child). Prints medians of N runs.
 */
public final class SandboxBench {

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 15;
        String source = candidate300Lines();
        System.out.printf("candidate: %d lines%n", source.split("\n").length);
        for (CompilerChoice c : List.of(CompilerChoice.JAVAC, CompilerChoice.ECJ)) {
            Validator v = new Validator(SandboxConfig.defaults().withCompiler(c));
            long t0 = System.nanoTime();
            v.compileAndVerify(source);
            double first = (System.nanoTime() - t0) / 1e6;
            for (int i = 0; i < 20; i++) {
                v.compileAndVerify(source);
            }
            double[] ms = new double[n];
            for (int i = 0; i < n; i++) {
                t0 = System.nanoTime();
                v.compileAndVerify(source);
                ms[i] = (System.nanoTime() - t0) / 1e6;
            }
            System.out.printf("compile+verify %-5s first %.0f ms, warm median %.1f ms (min %.1f, max %.1f) over %d%n",
                    v.compilerName(), first, median(ms), Arrays.stream(ms).min().orElseThrow(),
                    Arrays.stream(ms).max().orElseThrow(), n);
        }
        Validator v = new Validator(SandboxConfig.defaults());
        CompiledCodec trivial = v.compileAndVerify(TestSources.read("good/RawCodec.java"));
        v.smokeRun(trivial); // extracts the runtime classes once
        double[] enc = new double[n];
        double[] smoke = new double[n];
        for (int i = 0; i < n; i++) {
            long t0 = System.nanoTime();
            v.runner().encode(trivial, Validator.SMOKE_HEADER, Validator.smokeClip(), Validator.SMOKE_QUALITIES);
            enc[i] = (System.nanoTime() - t0) / 1e6;
            t0 = System.nanoTime();
            ValidationOutcome out = v.smokeRun(trivial);
            smoke[i] = (System.nanoTime() - t0) / 1e6;
            if (!(out instanceof ValidationOutcome.Ok)) {
                throw new IllegalStateException("smoke run failed: " + out.message());
            }
        }
        System.out.printf("one encoder child, 32x32x3 clip, 2 qualities: median %.0f ms (min %.0f, max %.0f)%n",
                median(enc), Arrays.stream(enc).min().orElseThrow(), Arrays.stream(enc).max().orElseThrow());
        System.out.printf("smoke run (encoder child + decoder child): median %.0f ms (min %.0f, max %.0f)%n",
                median(smoke), Arrays.stream(smoke).min().orElseThrow(), Arrays.stream(smoke).max().orElseThrow());
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
