package codeclab.sandbox;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Limits and switches of the sandbox, immutable. Start from {@link #defaults()} and change what you need
 * with the {@code with...} methods; every limit is enforced by killing or rejecting, never by asking.
 *
 * @param compiler              which compiler to use; AUTO picks javac when the runtime has it, else ECJ
 * @param maxSourceBytes        largest accepted source file (UTF-8 bytes)
 * @param maxDiagnostics        compiler messages kept for the planner
 * @param maxMessageChars       characters kept of each compiler or runtime message
 * @param maxClasses            classes one candidate may compile to (nested and anonymous included)
 * @param maxClassBytes         bytes of one class file
 * @param maxTotalClassBytes    bytes of all class files together
 * @param excludedCodecPackages packages under {@code codeclab.codec} a candidate may not use and the child
 *                              does not get (internal names with slashes, e.g. {@code codeclab/codec/seeds})
 * @param heapMb                child JVM heap cap ({@code -Xmx}), MiB
 * @param stackKb               child JVM thread stack ({@code -Xss}), KiB
 * @param timeout               wall-clock limit of one child process (all quality points of one encode, or
 *                              all bitstreams of one decode); the process tree is killed when it is hit
 * @param maxLogBytes           bytes of the child's stderr (and the candidate's prints) kept
 * @param maxBitstreamBytes     largest bitstream an encoder may return for one quality point
 * @param workRoot              where per-run temp directories are made
 */
public record SandboxConfig(
        CompilerChoice compiler,
        int maxSourceBytes,
        int maxDiagnostics,
        int maxMessageChars,
        int maxClasses,
        int maxClassBytes,
        int maxTotalClassBytes,
        List<String> excludedCodecPackages,
        int heapMb,
        int stackKb,
        Duration timeout,
        int maxLogBytes,
        int maxBitstreamBytes,
        Path workRoot) {

    /** Which in-memory compiler compiles candidates. */
    public enum CompilerChoice { AUTO, JAVAC, ECJ }

    public SandboxConfig {
        Objects.requireNonNull(compiler, "compiler");
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(workRoot, "workRoot");
        excludedCodecPackages = List.copyOf(excludedCodecPackages);
        for (String p : excludedCodecPackages) {
            if (!p.startsWith("codeclab/codec/")) {
                throw new IllegalArgumentException("excluded package " + p
                        + " must be an internal name under codeclab/codec/, e.g. codeclab/codec/seeds");
            }
        }
        positive("maxSourceBytes", maxSourceBytes);
        positive("maxDiagnostics", maxDiagnostics);
        positive("maxMessageChars", maxMessageChars);
        positive("maxClasses", maxClasses);
        positive("maxClassBytes", maxClassBytes);
        positive("maxTotalClassBytes", maxTotalClassBytes);
        positive("maxLogBytes", maxLogBytes);
        positive("maxBitstreamBytes", maxBitstreamBytes);
        if (heapMb < 16) {
            throw new IllegalArgumentException("heapMb " + heapMb + " is below the 16 MiB a JVM needs to start");
        }
        if (stackKb < 256) {
            throw new IllegalArgumentException("stackKb " + stackKb + " is below 256 KiB");
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout " + timeout + " must be positive");
        }
    }

    private static void positive(String name, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " " + value + " must be positive");
        }
    }

    /** The production defaults: 200 KB source, 512 MiB heap, 60 s per child process. */
    public static SandboxConfig defaults() {
        return new SandboxConfig(CompilerChoice.AUTO, 200_000, 20, 400,
                64, 256 * 1024, 1024 * 1024, List.of("codeclab/codec/seeds"),
                512, 4096, Duration.ofSeconds(60), 64 * 1024, 64 * 1024 * 1024,
                Path.of(System.getProperty("java.io.tmpdir")));
    }

    public SandboxConfig withCompiler(CompilerChoice c) {
        return new SandboxConfig(c, maxSourceBytes, maxDiagnostics, maxMessageChars, maxClasses, maxClassBytes,
                maxTotalClassBytes, excludedCodecPackages, heapMb, stackKb, timeout, maxLogBytes, maxBitstreamBytes, workRoot);
    }

    public SandboxConfig withMaxSourceBytes(int v) {
        return new SandboxConfig(compiler, v, maxDiagnostics, maxMessageChars, maxClasses, maxClassBytes,
                maxTotalClassBytes, excludedCodecPackages, heapMb, stackKb, timeout, maxLogBytes, maxBitstreamBytes, workRoot);
    }

    public SandboxConfig withClassLimits(int classes, int classBytes, int totalClassBytes) {
        return new SandboxConfig(compiler, maxSourceBytes, maxDiagnostics, maxMessageChars, classes, classBytes,
                totalClassBytes, excludedCodecPackages, heapMb, stackKb, timeout, maxLogBytes, maxBitstreamBytes, workRoot);
    }

    public SandboxConfig withExcludedCodecPackages(List<String> v) {
        return new SandboxConfig(compiler, maxSourceBytes, maxDiagnostics, maxMessageChars, maxClasses, maxClassBytes,
                maxTotalClassBytes, v, heapMb, stackKb, timeout, maxLogBytes, maxBitstreamBytes, workRoot);
    }

    public SandboxConfig withHeapMb(int v) {
        return new SandboxConfig(compiler, maxSourceBytes, maxDiagnostics, maxMessageChars, maxClasses, maxClassBytes,
                maxTotalClassBytes, excludedCodecPackages, v, stackKb, timeout, maxLogBytes, maxBitstreamBytes, workRoot);
    }

    public SandboxConfig withStackKb(int v) {
        return new SandboxConfig(compiler, maxSourceBytes, maxDiagnostics, maxMessageChars, maxClasses, maxClassBytes,
                maxTotalClassBytes, excludedCodecPackages, heapMb, v, timeout, maxLogBytes, maxBitstreamBytes, workRoot);
    }

    public SandboxConfig withTimeout(Duration v) {
        return new SandboxConfig(compiler, maxSourceBytes, maxDiagnostics, maxMessageChars, maxClasses, maxClassBytes,
                maxTotalClassBytes, excludedCodecPackages, heapMb, stackKb, v, maxLogBytes, maxBitstreamBytes, workRoot);
    }

    public SandboxConfig withMaxLogBytes(int v) {
        return new SandboxConfig(compiler, maxSourceBytes, maxDiagnostics, maxMessageChars, maxClasses, maxClassBytes,
                maxTotalClassBytes, excludedCodecPackages, heapMb, stackKb, timeout, v, maxBitstreamBytes, workRoot);
    }

    public SandboxConfig withMaxBitstreamBytes(int v) {
        return new SandboxConfig(compiler, maxSourceBytes, maxDiagnostics, maxMessageChars, maxClasses, maxClassBytes,
                maxTotalClassBytes, excludedCodecPackages, heapMb, stackKb, timeout, maxLogBytes, v, workRoot);
    }

    public SandboxConfig withWorkRoot(Path v) {
        return new SandboxConfig(compiler, maxSourceBytes, maxDiagnostics, maxMessageChars, maxClasses, maxClassBytes,
                maxTotalClassBytes, excludedCodecPackages, heapMb, stackKb, timeout, maxLogBytes, maxBitstreamBytes, v);
    }
}
