package codeclab.sandbox.compile;

import codeclab.sandbox.CompiledCodec;
import codeclab.sandbox.SandboxConfig;
import codeclab.sandbox.run.ChildProcess;
import codeclab.sandbox.run.OsWall;
import codeclab.sandbox.run.RuntimeClasses;
import org.eclipse.jdt.internal.compiler.tool.EclipseCompiler;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Compiles candidates in child JVMs ({@link CompileServer}), never in the trusted process: each compile has a
 * wall-clock limit and a heap cap, runs behind the {@link OsWall} like every child, and holds a compiler process
 * of its own, so a hostile source that makes the compiler spin (nested implicit lambdas passed to overloaded
 * methods) costs only its own limit and blocks no other candidate. Compiler processes are kept warm between
 * compiles (a fresh JVM per compile costs about a second, docs/BENCHMARKS.md): a finished compile hands its
 * process back to a small idle pool; a compile that hits a limit kills its process. Thread-safe.
 */
public final class ChildCompiler implements AutoCloseable {

    private static final int OOM_EXIT_CODE = 3;
    /** A compiler process is replaced after this many compiles, so nothing accumulates in it for long. */
    private static final int MAX_USES = 200;
    private static final int MAX_IDLE = 2;
    /** An idle compiler process is ended after this long, so short-lived validators leave no JVMs behind for long. */
    private static final long IDLE_MILLIS = 30_000;
    private static final ScheduledExecutorService REAPER = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "sandbox-compiler-reaper");
        t.setDaemon(true);
        return t;
    });
    private static final String WARM_UP = "public final class WarmUp { int f(int x) { return x + 1; } }";
    /** How long a new compiler process may take to start and compile the warm-up source. */
    private static final java.time.Duration WARM_UP_LIMIT = java.time.Duration.ofMinutes(2);

    private final SandboxConfig config;
    private final OsWall wall;
    private final Path apiClasses;
    private final List<Path> serverClassPath;
    private final boolean keepWarm;
    private final Deque<Server> idle = new ConcurrentLinkedDeque<>();
    /** The process {@link #prestart} is warming, taken by the first compile that finds no idle one. */
    private final AtomicReference<CompletableFuture<Server>> warming = new AtomicReference<>();

    /**
     * @param apiClasses the codec API classes candidates compile against
     * @param keepWarm   keep compiler processes between compiles (false: a fresh JVM per compile, for the benchmark)
     */
    public ChildCompiler(SandboxConfig config, OsWall wall, Path apiClasses, boolean keepWarm) {
        this.config = config;
        this.wall = wall;
        this.apiClasses = apiClasses;
        this.keepWarm = keepWarm;
        this.serverClassPath = List.copyOf(new java.util.LinkedHashSet<>(List.of(
                codeSource(CompileServer.class), codeSource(EclipseCompiler.class))));
        if (keepWarm) {
            Runtime.getRuntime().addShutdownHook(new Thread(this::close, "codeclab-compiler-cleanup"));
        }
    }

    /** Starts and warms one compiler process in the background, so the first compile does not pay for it. */
    public void prestart() {
        if (keepWarm) {
            warming.set(CompletableFuture.supplyAsync(() -> {
                Server s = null;
                try {
                    s = new Server();
                    s.compile(WARM_UP, WARM_UP_LIMIT);
                    return s;
                } catch (Exception e) {
                    if (s != null) {
                        s.close();
                    }
                    return null; // The first real compile starts its own process and reports what is wrong.
                }
            }));
        }
    }

    /**
     * Compiles {@code source} in a compiler process.
     *
     * @throws CompileException with the compiler's errors, or naming the limit the compile ran into
     */
    public CompiledCodec compile(String source) throws CompileException {
        int size = source.getBytes(StandardCharsets.UTF_8).length;
        if (size > config.maxSourceBytes()) {
            throw new CompileException("source is " + size + " bytes; the limit is " + config.maxSourceBytes()
                    + " bytes: shorten it or use the toolkit instead of inlined tables");
        }
        Server s = idle.pollFirst();
        if (s == null) {
            CompletableFuture<Server> w = warming.getAndSet(null);
            s = w == null ? null : w.join();
        }
        if (s == null) {
            s = new Server();
            try {
                // A cold JVM and compiler take seconds (many on a loaded machine): that is ours, not the candidate's.
                s.compile(WARM_UP, WARM_UP_LIMIT);
            } catch (CompileException e) {
                s.close();
                throw new CompileException("the compiler process did not start: " + e.getMessage());
            }
        }
        boolean healthy = false;
        try {
            CompiledCodec out = s.compile(source, config.compileTimeout());
            healthy = true;
            return out;
        } catch (CompileException e) {
            healthy = s.process.isAlive();
            throw e;
        } finally {
            if (healthy) {
                release(s);
            } else {
                s.close();
            }
        }
    }

    private void release(Server s) {
        if (keepWarm && s.uses < MAX_USES && idle.size() < MAX_IDLE) {
            int uses = s.uses;
            idle.push(s);
            REAPER.schedule(() -> {
                if (s.uses == uses && idle.remove(s)) {
                    s.close();
                }
            }, IDLE_MILLIS, TimeUnit.MILLISECONDS);
        } else {
            s.close();
        }
    }

    /** The compiler processes kept warm now (the tests tell them from anything a candidate left behind). */
    public List<ProcessHandle> idleProcesses() {
        List<ProcessHandle> out = new ArrayList<>(idle.stream().map(s -> s.process.toHandle()).toList());
        CompletableFuture<Server> w = warming.get();
        Server warm = w == null ? null : w.getNow(null);
        if (warm != null) {
            out.add(warm.process.toHandle());
        }
        return out;
    }

    /** Ends the idle compiler processes. */
    @Override
    public void close() {
        CompletableFuture<Server> w = warming.getAndSet(null);
        if (w != null) {
            Server warm = w.join();
            if (warm != null) {
                warm.close();
            }
        }
        Server s;
        while ((s = idle.pollFirst()) != null) {
            s.close();
        }
    }

    /** One compiler child process and its pipes. */
    private final class Server {
        final Process process;
        final Path dir;
        final DataOutputStream toChild;
        final DataInputStream fromChild;
        final ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        int uses;

        Server() {
            try {
                dir = Files.createTempDirectory(config.workRoot(), "codeclab-compiler-");
                Path work = Files.createDirectories(dir.resolve("work"));
                wall.grantWritable(work);
                List<Path> readOnly = new ArrayList<>(serverClassPath);
                readOnly.add(apiClasses);
                // Not --die-with-parent: a warm compiler outlives the thread that started it; it ends at the end of
                // its stdin, which closes when this JVM exits, or when its compile hits a limit.
                List<String> cmd = wall.command(readOnly, work, false, v -> {
                    List<String> c = new ArrayList<>(List.of(v.java(),
                            "-Xmx" + config.compileHeapMb() + "m", "-Xss8m",
                            "-XX:+UseSerialGC", "-XX:+ExitOnOutOfMemoryError", "-XX:-UsePerfData",
                            "-XX:-CreateCoredumpOnCrash", "-XX:ErrorFile=" + v.path(work) + "/hs_err.log",
                            "-Xlog:disable", "-Xlog:all=warning:stderr",
                            "-Djava.io.tmpdir=" + v.path(work), "-Duser.home=" + v.path(work), "-Dfile.encoding=UTF-8",
                            "-cp", String.join(java.io.File.pathSeparator, serverClassPath.stream().map(v::path).toList()),
                            CompileServer.class.getName(), config.compiler().name(),
                            String.valueOf(config.maxSourceBytes()), String.valueOf(config.maxDiagnostics()),
                            String.valueOf(config.maxMessageChars()), v.path(apiClasses)));
                    return c;
                });
                ProcessBuilder pb = new ProcessBuilder(cmd).directory(work.toFile());
                pb.environment().clear();
                process = pb.start();
            } catch (IOException e) {
                throw new UncheckedIOException("sandbox could not start a compiler process under " + config.workRoot(), e);
            }
            toChild = new DataOutputStream(new BufferedOutputStream(process.getOutputStream(), 1 << 16));
            fromChild = new DataInputStream(new BufferedInputStream(process.getInputStream(), 1 << 16));
            Thread drain = new Thread(() -> drain(process.getErrorStream()), "sandbox-compiler-stderr");
            drain.setDaemon(true);
            drain.start();
        }

        CompiledCodec compile(String source, java.time.Duration limit) throws CompileException {
            uses++;
            byte[] bytes = source.getBytes(StandardCharsets.UTF_8);
            CompletableFuture<Object> answer = CompletableFuture.supplyAsync(() -> {
                try {
                    toChild.writeInt(CompileServer.MAGIC);
                    toChild.writeInt(bytes.length);
                    toChild.write(bytes);
                    toChild.flush();
                    return read();
                } catch (IOException e) {
                    return e;
                }
            }, r -> {
                Thread t = new Thread(r, "sandbox-compiler-io");
                t.setDaemon(true);
                t.start();
            });
            Object result;
            try {
                result = answer.get(limit.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                close();
                throw new CompileException("the compiler did not finish within " + seconds(limit)
                        + " (the compile time limit) and was stopped: simplify the source (deeply nested"
                        + " lambdas passed to overloaded generic methods make overload resolution explode; give lambdas"
                        + " explicit target types or use plain methods)");
            } catch (InterruptedException e) {
                close();
                Thread.currentThread().interrupt();
                throw new CompileException("interrupted while compiling");
            } catch (ExecutionException e) {
                result = e.getCause();
            }
            if (result instanceof CompiledCodec c) {
                return c;
            }
            if (result instanceof CompileException ce) {
                throw ce;
            }
            throw died((Exception) result);
        }

        private Object read() throws IOException {
            int magic = fromChild.readInt();
            if (magic != CompileServer.MAGIC) {
                throw new IOException("compiler protocol: bad magic 0x" + Integer.toHexString(magic));
            }
            byte status = fromChild.readByte();
            if (status == CompileServer.FAIL) {
                int n = fromChild.readInt();
                if (n < 0 || n > 10_000) {
                    throw new IOException("compiler protocol: " + n + " diagnostics");
                }
                List<Diagnostic> ds = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    ds.add(new Diagnostic(fromChild.readLong(), fromChild.readLong(), fromChild.readUTF()));
                }
                return new CompileException(ds);
            }
            if (status != CompileServer.OK) {
                throw new IOException("compiler protocol: status " + status);
            }
            String className = fromChild.readUTF();
            int n = fromChild.readInt();
            if (n < 0 || n > 65_536) {
                throw new IOException("compiler protocol: " + n + " classes");
            }
            Map<String, byte[]> classes = new LinkedHashMap<>();
            for (int i = 0; i < n; i++) {
                String name = fromChild.readUTF();
                int len = fromChild.readInt();
                if (len < 0 || len > 64 * 1024 * 1024) {
                    throw new IOException("compiler protocol: class file of " + len + " bytes");
                }
                classes.put(name, fromChild.readNBytes(len));
            }
            return new CompiledCodec(className, classes);
        }

        /** The compiler process ended or broke the protocol: say which limit, if any, it hit. */
        private CompileException died(Exception why) {
            boolean exited;
            try {
                exited = process.waitFor(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                exited = false;
            }
            close();
            if (exited && process.exitValue() == OOM_EXIT_CODE) {
                return new CompileException("the compiler ran out of its " + config.compileHeapMb()
                        + " MiB heap (the compile memory limit) and was stopped: simplify the source (deeply nested"
                        + " implicit lambdas and huge expressions make the compiler's memory explode)");
            }
            String err;
            synchronized (stderr) {
                err = stderr.toString(StandardCharsets.UTF_8).strip();
            }
            return new CompileException("the compiler process failed" + (exited ? " (exit code " + process.exitValue() + ")" : "")
                    + ": " + why.getMessage() + (err.isEmpty() ? "" : "; its stderr: "
                    + err.substring(0, Math.min(err.length(), config.maxMessageChars()))));
        }

        private String seconds(java.time.Duration limit) {
            return String.format("%.1f s", limit.toMillis() / 1000.0);
        }

        private void drain(InputStream in) {
            byte[] buf = new byte[8192];
            try (in) {
                int n;
                while ((n = in.read(buf)) >= 0) {
                    synchronized (stderr) {
                        int room = config.maxLogBytes() - stderr.size();
                        if (room > 0) {
                            stderr.write(buf, 0, Math.min(room, n));
                        }
                    }
                }
            } catch (IOException e) {
                // The process ended or was killed: what was read is kept.
            }
        }

        void close() {
            if (process.isAlive()) {
                try {
                    toChild.close();
                } catch (IOException e) {
                    // Killed below anyway.
                }
                ChildProcess.killTree(process);
            }
            RuntimeClasses.deleteTree(dir);
        }
    }

    /** The directory or jar a class was loaded from (a target/classes directory, a shaded jar, a Lambda's jar). */
    static Path codeSource(Class<?> c) {
        try {
            return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException | RuntimeException e) {
            throw new IllegalStateException("cannot locate the code source of " + c.getName()
                    + " for the compiler's class path", e);
        }
    }
}
