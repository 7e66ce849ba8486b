package codeclab.sandbox.run;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs one child process under hard limits: empty environment, its own working directory, a wall-clock
 * limit enforced by killing the whole process tree, stdout read through a byte cap (exceeding it kills
 * the tree) and stderr kept up to a cap while the rest is drained and dropped. The caller supplies what
 * to write to stdin and how to parse stdout; both run on their own threads so no pipe can block the host.
 */
public final class ChildProcess {

    /** Writes the child's stdin. */
    @FunctionalInterface
    public interface InputWriter {
        void write(OutputStream stdin) throws IOException;
    }

    /** Parses the child's stdout as it arrives. */
    @FunctionalInterface
    public interface OutputParser<T> {
        T parse(InputStream stdout) throws IOException;
    }

    /**
     * What happened.
     *
     * @param value        the parser's result, or null when it failed
     * @param parseError   why parsing stopped early (EOF when the child died), or null
     * @param exitCode     the exit code, or -1 when the child was killed
     * @param timedOut     the wall-clock limit was hit and the tree was killed
     * @param outputCapHit the child wrote more stdout than allowed and the tree was killed
     * @param stderr       the first {@code maxLogBytes} of stderr
     * @param seconds      wall time from start to exit
     */
    public record Result<T>(T value, Exception parseError, int exitCode, boolean timedOut, boolean outputCapHit,
                            String stderr, double seconds) {
    }

    private ChildProcess() {
    }

    public static <T> Result<T> run(List<String> command, Path workDir, InputWriter input, OutputParser<T> parser,
                                    long maxStdoutBytes, int maxLogBytes, Duration timeout) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(command).directory(workDir.toFile());
        // No credentials, no JAVA_TOOL_OPTIONS / JDK_JAVA_OPTIONS, nothing: a JVM needs no environment.
        pb.environment().clear();
        long t0 = System.nanoTime();
        Process p = pb.start();
        AtomicReference<T> value = new AtomicReference<>();
        AtomicReference<Exception> parseError = new AtomicReference<>();
        CappedInputStream capped = new CappedInputStream(p.getInputStream(), maxStdoutBytes);
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Thread writer = daemon("sandbox-stdin", () -> {
            try (OutputStream os = p.getOutputStream()) {
                input.write(os);
            } catch (IOException e) {
                // The child stopped reading (it failed or was killed); its exit tells what happened.
            }
        });
        Thread reader = daemon("sandbox-stdout", () -> {
            try {
                value.set(parser.parse(capped));
            } catch (IOException | RuntimeException e) {
                parseError.set(e);
                if (capped.capHit) {
                    killTree(p);
                }
            }
        });
        Thread drainer = daemon("sandbox-stderr", () -> drain(p.getErrorStream(), err, maxLogBytes));
        boolean timedOut = false;
        try {
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                timedOut = true;
            }
        } catch (InterruptedException e) {
            killTree(p);
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for the sandbox child", e);
        } finally {
            if (timedOut || p.isAlive()) {
                killTree(p);
            } else {
                // Exited by itself: Process.destroy would also close its stdout, racing the reader for the last
                // bytes (a child's BAD_OUTPUT record then read as "Stream closed"). Only what it left behind goes.
                p.descendants().forEach(ProcessHandle::destroyForcibly);
            }
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        join(reader);
        join(drainer);
        join(writer);
        String stderr;
        synchronized (err) {
            stderr = err.toString(StandardCharsets.UTF_8);
        }
        return new Result<>(value.get(), parseError.get(), timedOut ? -1 : p.exitValue(), timedOut, capped.capHit,
                stderr, seconds);
    }

    /** Kills the process and every descendant (the list is taken first so none is re-parented away). */
    public static void killTree(Process p) {
        List<ProcessHandle> descendants = p.descendants().toList();
        p.destroyForcibly();
        descendants.forEach(ProcessHandle::destroyForcibly);
        try {
            p.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void drain(InputStream in, ByteArrayOutputStream keep, int cap) {
        byte[] buf = new byte[8192];
        try (in) {
            int n;
            while ((n = in.read(buf)) >= 0) {
                synchronized (keep) {
                    int room = cap - keep.size();
                    if (room > 0) {
                        keep.write(buf, 0, Math.min(room, n));
                    }
                }
            }
        } catch (IOException e) {
            // Closed because the process ended or was killed: what was read is kept.
        }
    }

    private static Thread daemon(String name, Runnable r) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        t.start();
        return t;
    }

    private static void join(Thread t) {
        try {
            t.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Fails once more than {@code cap} bytes were read; the reader thread then kills the tree. */
    private static final class CappedInputStream extends InputStream {
        private final InputStream in;
        private final long cap;
        private long count;
        volatile boolean capHit;

        CappedInputStream(InputStream in, long cap) {
            this.in = in;
            this.cap = cap;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = in.read(b, off, len);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(int n) throws IOException {
            count += n;
            if (count > cap) {
                capHit = true;
                throw new IOException("the child wrote more than " + cap + " bytes of output");
            }
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
