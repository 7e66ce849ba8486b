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
 * @param osWall                the operating-system wall around every child process (docs/SANDBOX.md): AUTO uses
 *                              bubblewrap when it works here and says why not otherwise, REQUIRED refuses to
 *                              start without it, OFF runs children without it (the JVM limits stay)
 * @param compileTimeout        wall-clock limit of one compilation (in its own child process)
 * @param compileHeapMb         heap cap of the compiler's child process, MiB
 * @param maxLiteralDataBytes   literal data (constants in the bytecode: strings, numbers, array initialisers) one
 *                              candidate may carry; content must travel in the bitstream, where it is counted
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
        Path workRoot,
        WallMode osWall,
        Duration compileTimeout,
        int compileHeapMb,
        int maxLiteralDataBytes) {

    /** Which in-memory compiler compiles candidates. */
    public enum CompilerChoice { AUTO, JAVAC, ECJ }

    /** Whether child processes run behind the operating-system wall (namespaces, another user, seccomp). */
    public enum WallMode { AUTO, REQUIRED, OFF }

    public SandboxConfig {
        Objects.requireNonNull(compiler, "compiler");
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(workRoot, "workRoot");
        Objects.requireNonNull(osWall, "osWall");
        Objects.requireNonNull(compileTimeout, "compileTimeout");
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
        positive("maxLiteralDataBytes", maxLiteralDataBytes);
        if (compileHeapMb < 64) {
            throw new IllegalArgumentException("compileHeapMb " + compileHeapMb + " is below the 64 MiB a compiler needs");
        }
        if (compileTimeout.isNegative() || compileTimeout.isZero()) {
            throw new IllegalArgumentException("compileTimeout " + compileTimeout + " must be positive");
        }
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

    /** The default literal-data limit: 16 KiB, room for quant matrices, scan tables and context initialisers. */
    public static final int DEFAULT_MAX_LITERAL_DATA_BYTES = 16 * 1024;

    /**
     * The production defaults: 200 KB source, 16 KiB of literal data, 512 MiB heap, 60 s per child process, the
     * compiler in a child with 256 MiB and 20 s, the OS wall where it works.
     */
    public static SandboxConfig defaults() {
        return new SandboxConfig(CompilerChoice.AUTO, 200_000, 20, 400,
                64, 256 * 1024, 1024 * 1024, List.of("codeclab/codec/seeds"),
                512, 4096, Duration.ofSeconds(60), 64 * 1024, 64 * 1024 * 1024,
                Path.of(System.getProperty("java.io.tmpdir")), WallMode.AUTO, Duration.ofSeconds(20), 256,
                DEFAULT_MAX_LITERAL_DATA_BYTES);
    }

    public SandboxConfig withCompiler(CompilerChoice c) {
        return new SandboxConfig(c, maxSourceBytes, maxDiagnostics, maxMessageChars, maxClasses, maxClassBytes,
                maxTotalClassBytes, excludedCodecPackages, heapMb, stackKb, timeout, maxLogBytes, maxBitstreamBytes,
                workRoot, osWall, compileTimeout, compileHeapMb, maxLiteralDataBytes);
    }

    public SandboxConfig withMaxSourceBytes(int v) {
        return new SandboxConfig(compiler, v, maxDiagnostics, maxMessageChars, maxClasses, maxClassBytes,
                maxTotalClassBytes, excludedCodecPackages, heapMb, stackKb, timeout, maxLogBytes, maxBitstreamBytes,
                workRoot, osWall, compileTimeout, compileHeapMb, maxLiteralDataBytes);
    }

    public SandboxConfig withClassLimits(int classes, int classBytes, int totalClassBytes) {
        return new SandboxConfig(compiler, maxSourceBytes, maxDiagnostics, maxMessageChars, classes, classBytes,
                totalClassBytes, excludedCodecPackages, heapMb, stackKb, timeout, maxLogBytes, maxBitstreamBytes,
                workRoot, osWall, compileTimeout, compileHeapMb, maxLiteralDataBytes);
    }

    public SandboxConfig withExcludedCodecPackages(List<String> v) {
        return new SandboxConfig(compiler, maxSourceBytes, maxDiagnostics, maxMessageChars, maxClasses,
                maxClassBytes, maxTotalClassBytes, v, heapMb, stackKb, timeout, maxLogBytes, maxBitstreamBytes,
                workRoot, osWall, compileTimeout, compileHeapMb, maxLiteralDataBytes);
    }

    public SandboxConfig withHeapMb(int v) {
        return new SandboxConfig(compiler, maxSourceBytes, maxDiagnostics, maxMessageChars, maxClasses,
                maxClassBytes, maxTotalClassBytes, excludedCodecPackages, v, stackKb, timeout, maxLogBytes,
                maxBitstreamBytes, workRoot, osWall, compileTimeout, compileHeapMb, maxLiteralDataBytes);
    }

    public SandboxConfig withStackKb(int v) {
        return new SandboxConfig(compiler, maxSourceBytes, maxDiagnostics, maxMessageChars, maxClasses,
                maxClassBytes, maxTotalClassBytes, excludedCodecPackages, heapMb, v, timeout, maxLogBytes,
                maxBitstreamBytes, workRoot, osWall, compileTimeout, compileHeapMb, maxLiteralDataBytes);
    }

    public SandboxConfig withTimeout(Duration v) {
        return new SandboxConfig(compiler, maxSourceBytes, maxDiagnostics, maxMessageChars, maxClasses,
                maxClassBytes, maxTotalClassBytes, excludedCodecPackages, heapMb, stackKb, v, maxLogBytes,
                maxBitstreamBytes, workRoot, osWall, compileTimeout, compileHeapMb, maxLiteralDataBytes);
    }

    public SandboxConfig withMaxLogBytes(int v) {
        return new SandboxConfig(compiler, maxSourceBytes, maxDiagnostics, maxMessageChars, maxClasses,
                maxClassBytes, maxTotalClassBytes, excludedCodecPackages, heapMb, stackKb, timeout, v,
                maxBitstreamBytes, workRoot, osWall, compileTimeout, compileHeapMb, maxLiteralDataBytes);
    }

    public SandboxConfig withMaxBitstreamBytes(int v) {
        return new SandboxConfig(compiler, maxSourceBytes, maxDiagnostics, maxMessageChars, maxClasses,
                maxClassBytes, maxTotalClassBytes, excludedCodecPackages, heapMb, stackKb, timeout, maxLogBytes, v,
                workRoot, osWall, compileTimeout, compileHeapMb, maxLiteralDataBytes);
    }

    public SandboxConfig withWorkRoot(Path v) {
        return new SandboxConfig(compiler, maxSourceBytes, maxDiagnostics, maxMessageChars, maxClasses,
                maxClassBytes, maxTotalClassBytes, excludedCodecPackages, heapMb, stackKb, timeout, maxLogBytes,
                maxBitstreamBytes, v, osWall, compileTimeout, compileHeapMb, maxLiteralDataBytes);
    }

    public SandboxConfig withOsWall(WallMode v) {
        return new SandboxConfig(compiler, maxSourceBytes, maxDiagnostics, maxMessageChars, maxClasses,
                maxClassBytes, maxTotalClassBytes, excludedCodecPackages, heapMb, stackKb, timeout, maxLogBytes,
                maxBitstreamBytes, workRoot, v, compileTimeout, compileHeapMb, maxLiteralDataBytes);
    }

    public SandboxConfig withCompileLimits(Duration limit, int heap) {
        return new SandboxConfig(compiler, maxSourceBytes, maxDiagnostics, maxMessageChars, maxClasses,
                maxClassBytes, maxTotalClassBytes, excludedCodecPackages, heapMb, stackKb, timeout, maxLogBytes,
                maxBitstreamBytes, workRoot, osWall, limit, heap, maxLiteralDataBytes);
    }

    public SandboxConfig withMaxLiteralDataBytes(int v) {
        return new SandboxConfig(compiler, maxSourceBytes, maxDiagnostics, maxMessageChars, maxClasses,
                maxClassBytes, maxTotalClassBytes, excludedCodecPackages, heapMb, stackKb, timeout, maxLogBytes,
                maxBitstreamBytes, workRoot, osWall, compileTimeout, compileHeapMb, v);
    }
}
