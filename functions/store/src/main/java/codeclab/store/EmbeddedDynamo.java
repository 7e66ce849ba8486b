package codeclab.store;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The embedded default store: a <a href="https://github.com/architect/dynalite">dynalite</a> server (DynamoDB's wire
 * protocol on LevelDB, npm) run as a child {@code node} process on a free loopback port.
 *
 * <p>Contract: {@link #start(Path)} returns once the server answers HTTP on {@link #endpoint()}; data lives under
 * {@code <dataDir>/dynamodb} and persists between processes; {@link #inMemory()} keeps nothing. Only one process may
 * own a data folder at a time (guarded by {@code <dataDir>/dynamodb.lock}); the owner advertises its endpoint in
 * {@code <dataDir>/dynamodb.endpoint} so that other processes can read (and write, as DynamoDB clients do) through
 * the running server ({@link #advertised(Path)}). {@link #close()} stops the whole process tree and releases the lock;
 * a JVM shutdown hook does the same if the owner forgets.
 *
 * <p>The server ignores SIGINT and SIGTERM: Ctrl-C in a terminal reaches the whole process group, and the store must
 * outlive the JVM's own shutdown (which still records the experiments in flight). It stops when its stdin closes:
 * on {@link #close()}, or when the owning JVM dies in any way (kill -9 included).
 *
 * <p>Where dynalite is found, first hit wins: {@link Options#cliJs()}, the system property {@code codeclab.dynalite},
 * the environment variable {@code CODEC_LAB_DYNALITE} (path to dynalite's {@code cli.js}),
 * {@code infra/node_modules/dynalite/cli.js} in the working folder or any parent. {@code node} comes from the PATH.
 */
public final class EmbeddedDynamo implements AutoCloseable {

    /** Environment variable naming dynalite's cli.js. */
    public static final String ENV_DYNALITE = "CODEC_LAB_DYNALITE";
    private static final String RELATIVE_CLI = "infra/node_modules/dynalite/cli.js";

    /**
     * @param cliJs        dynalite's cli.js, or null to search (see the class comment)
     * @param startTimeout how long to wait for the server to answer
     */
    public record Options(Path cliJs, Duration startTimeout) {
        public static Options defaults() {
            return new Options(null, Duration.ofSeconds(30));
        }
    }

    private final Process process;
    private final URI endpoint;
    private final Path dataDir;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private final Thread shutdownHook;
    private final Deque<String> output;
    private boolean closed;

    private EmbeddedDynamo(Process process, URI endpoint, Path dataDir, FileChannel lockChannel, FileLock lock,
                           Deque<String> output) {
        this.process = process;
        this.endpoint = endpoint;
        this.dataDir = dataDir;
        this.lockChannel = lockChannel;
        this.lock = lock;
        this.output = output;
        this.shutdownHook = new Thread(this::stopProcess, "embedded-dynamo-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /** Starts a persistent server with its data under {@code dataDir/dynamodb}. */
    public static EmbeddedDynamo start(Path dataDir) {
        return start(dataDir, Options.defaults());
    }

    /** Starts a server that keeps everything in memory (tests). */
    public static EmbeddedDynamo inMemory() {
        return start(null, Options.defaults());
    }

    /**
     * Starts a server; {@code dataDir} null means in memory.
     *
     * @throws IllegalStateException when node or dynalite are missing, the folder is in use, or the server never answers
     */
    private static final String STDIN_WATCHDOG = "process.stdin.on('end',()=>process.exit(0));process.stdin.resume();"
            + "process.on('SIGINT',()=>{});process.on('SIGTERM',()=>{});"
            + "require(require('path').resolve(process.argv[1]))";

    /** The file in a data folder that names the running owner's endpoint and pid. */
    static final String ENDPOINT_FILE = "dynamodb.endpoint";

    /** Thrown by {@link #start} when another process owns the data folder; {@link #advertised} may reach it. */
    public static final class InUseException extends IllegalStateException {
        public InUseException(String message) {
            super(message);
        }
    }

    /**
     * The endpoint of the server another process runs on {@code dataDir}, when it advertises one, that process is alive
     * and the server answers; else empty.
     */
    public static java.util.Optional<Advertised> advertised(Path dataDir) {
        Path file = dataDir.resolve(ENDPOINT_FILE);
        try {
            if (!Files.isRegularFile(file)) return java.util.Optional.empty();
            java.util.Properties p = new java.util.Properties();
            try (var r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                p.load(r);
            }
            URI endpoint = URI.create(p.getProperty("endpoint", ""));
            long pid = Long.parseLong(p.getProperty("pid", "-1"));
            boolean alive = ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
            return alive && answers(endpoint) ? java.util.Optional.of(new Advertised(endpoint, pid)) : java.util.Optional.empty();
        } catch (IOException | RuntimeException e) {
            return java.util.Optional.empty(); // unreadable or half-written: treat as not advertised
        }
    }

    /** A running server another process owns: its endpoint and the owner's pid. */
    public record Advertised(URI endpoint, long ownerPid) {
    }

    public static EmbeddedDynamo start(Path dataDir, Options options) {
        Path node = findNode();
        Path cli = findDynalite(options.cliJs());
        FileChannel channel = null;
        FileLock lock = null;
        // The server exits when its stdin closes: if this JVM dies (kill -9, crash) dynalite goes with it instead of
        // holding the LevelDB lock of the data folder as an orphan.
        List<String> command = new ArrayList<>(List.of(node.toString(), "-e", STDIN_WATCHDOG, cli.toString(), "--host", "127.0.0.1",
                // Tables become ACTIVE at once: the 500 ms default only slows tests down.
                "--createTableMs", "0", "--deleteTableMs", "0", "--updateTableMs", "0"));
        try {
            if (dataDir != null) {
                Path db = dataDir.resolve("dynamodb");
                Files.createDirectories(db);
                channel = FileChannel.open(dataDir.resolve("dynamodb.lock"), StandardOpenOption.CREATE,
                        StandardOpenOption.WRITE);
                try {
                    lock = channel.tryLock();
                } catch (OverlappingFileLockException e) {
                    lock = null;
                }
                if (lock == null) {
                    channel.close();
                    throw new InUseException("The data folder " + dataDir.toAbsolutePath() + " is in use by"
                            + " another codec-lab process (lock " + dataDir.resolve("dynamodb.lock") + "). Stop that"
                            + " process first, or use another --data folder.");
                }
                command.addAll(List.of("--path", db.toAbsolutePath().toString()));
            }
            // dynalite falls back to port 4567 when given 0, so pick a free port and retry if someone takes it first.
            IllegalStateException last = null;
            for (int attempt = 0; attempt < 3; attempt++) {
                int port = freePort();
                List<String> cmd = new ArrayList<>(command);
                cmd.addAll(List.of("--port", Integer.toString(port)));
                try {
                    return launch(cmd, port, dataDir, channel, lock, options.startTimeout());
                } catch (IllegalStateException e) {
                    last = e;
                }
            }
            throw last;
        } catch (IOException e) {
            release(channel, lock);
            throw new UncheckedIOException("Could not prepare the data folder " + dataDir + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            release(channel, lock);
            throw e;
        }
    }

    private static EmbeddedDynamo launch(List<String> cmd, int port, Path dataDir, FileChannel channel,
                                         FileLock lock, Duration timeout) throws IOException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        Deque<String> output = new ArrayDeque<>();
        CountDownLatch listening = new CountDownLatch(1);
        Thread drain = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    synchronized (output) {
                        output.addLast(line);
                        if (output.size() > 50) output.removeFirst();
                    }
                    if (line.startsWith("Dynalite listening at")) listening.countDown();
                }
            } catch (IOException ignored) {
                // The stream closes when the process ends; nothing left to drain.
            }
        }, "dynalite-output");
        drain.setDaemon(true);
        drain.start();
        URI endpoint = URI.create("http://127.0.0.1:" + port);
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            while (System.nanoTime() < deadline) {
                if (!p.isAlive()) break;
                if (listening.await(50, TimeUnit.MILLISECONDS) && answers(endpoint)) {
                    if (dataDir != null) advertise(dataDir, endpoint);
                    return new EmbeddedDynamo(p, endpoint, dataDir, channel, lock, output);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        destroyTree(p);
        String out;
        synchronized (output) {
            out = String.join("\n", output);
        }
        throw new IllegalStateException("dynalite did not start on port " + port + " within " + timeout.toSeconds()
                + " s (command: " + String.join(" ", cmd) + "). Its output:\n" + out);
    }

    /** Written under the lock, atomically (a reader never sees half a file). */
    private static void advertise(Path dataDir, URI endpoint) throws IOException {
        Path tmp = dataDir.resolve(ENDPOINT_FILE + ".tmp");
        Files.writeString(tmp, "# the embedded store of the codec-lab process that owns this folder\nendpoint=" + endpoint
                + "\npid=" + ProcessHandle.current().pid() + "\n", StandardCharsets.UTF_8);
        Files.move(tmp, dataDir.resolve(ENDPOINT_FILE), java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    /** True when the server replies to an HTTP request (any status: dynalite rejects unsigned calls, but it answers). */
    private static boolean answers(URI endpoint) {
        try {
            HttpURLConnection c = (HttpURLConnection) endpoint.toURL().openConnection();
            c.setConnectTimeout(500);
            c.setReadTimeout(1000);
            c.setRequestMethod("POST");
            c.setRequestProperty("X-Amz-Target", "DynamoDB_20120810.ListTables");
            c.setRequestProperty("Content-Type", "application/x-amz-json-1.0");
            c.setDoOutput(true);
            c.getOutputStream().write("{}".getBytes(StandardCharsets.UTF_8));
            int status = c.getResponseCode();
            c.disconnect();
            return status > 0;
        } catch (IOException e) {
            return false;
        }
    }

    /** The HTTP endpoint, e.g. {@code http://127.0.0.1:41234}. */
    public URI endpoint() {
        return endpoint;
    }

    /** The data folder, or null when in memory. */
    public Path dataDir() {
        return dataDir;
    }

    public boolean isRunning() {
        return process.isAlive();
    }

    /** Stops the server (and any child it spawned) and releases the data folder. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) return;
        closed = true;
        stopProcess();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // Already shutting down: the hook runs or ran.
        }
    }

    /** The server's process id (it is a child of this JVM). */
    public long pid() {
        return process.pid();
    }

    private void stopProcess() {
        if (dataDir != null) {
            try {
                Files.deleteIfExists(dataDir.resolve(ENDPOINT_FILE));
            } catch (IOException e) {
                // A stale file is harmless: readers check that its pid is alive and the endpoint answers.
            }
        }
        destroyTree(process);
        release(lockChannel, lock);
    }

    /** Closing stdin stops the server (it ignores SIGINT/SIGTERM); force after 5 s. */
    private static void destroyTree(Process p) {
        try {
            p.getOutputStream().close();
        } catch (IOException e) {
            // already closed: the kill below still runs
        }
        try {
            if (!p.waitFor(5, TimeUnit.SECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private static void release(FileChannel channel, FileLock lock) {
        try {
            if (lock != null && lock.isValid()) lock.release();
            if (channel != null && channel.isOpen()) channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not release the data folder lock: " + e.getMessage(), e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    static Path findNode() {
        String path = System.getenv("PATH");
        if (path != null) {
            for (String dir : path.split(java.io.File.pathSeparator)) {
                if (dir.isEmpty()) continue;
                Path candidate = Path.of(dir, "node");
                if (Files.isExecutable(candidate)) return candidate;
            }
        }
        throw new IllegalStateException("node (Node.js >= 20) was not found on the PATH; the embedded store runs"
                + " dynalite with it. Install Node.js 20+ (Debian: apt-get install nodejs) and try again.");
    }

    static Path findDynalite(Path configured) {
        if (configured != null) return requireFile(configured, "the configured dynalite path");
        String prop = System.getProperty("codeclab.dynalite");
        if (prop != null && !prop.isBlank()) return requireFile(Path.of(prop), "-Dcodeclab.dynalite");
        String env = System.getenv(ENV_DYNALITE);
        if (env != null && !env.isBlank()) return requireFile(Path.of(env), "$" + ENV_DYNALITE);
        Path start = Path.of("").toAbsolutePath();
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve(RELATIVE_CLI);
            if (Files.isRegularFile(candidate)) return candidate;
        }
        throw new IllegalStateException("dynalite (npm) was not found: looked for " + RELATIVE_CLI + " in " + start
                + " and its parents, and " + ENV_DYNALITE + " is not set. Run .ci/mvn once from the project root to"
                + " install the npm tools (or `cd infra && npm ci`), or set " + ENV_DYNALITE + " to dynalite's cli.js.");
    }

    private static Path requireFile(Path p, String source) {
        if (!Files.isRegularFile(p)) {
            throw new IllegalStateException(source + " points to " + p + ", which is not a file; it must name"
                    + " dynalite's cli.js (e.g. infra/node_modules/dynalite/cli.js after `cd infra && npm ci`).");
        }
        return p;
    }
}
