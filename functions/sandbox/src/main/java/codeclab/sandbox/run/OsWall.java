package codeclab.sandbox.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * The second wall, behind the bytecode verifier: every child process (compiler, encoder, decoder) runs under
 * bubblewrap ({@code bwrap}, Debian package {@code bubblewrap}) when it works on this machine. The child gets a
 * new network namespace (no interface but a down loopback), new PID, IPC, UTS and mount namespaces, a mount
 * view with only {@code /usr}, {@code /lib*}, the JDK and its class path, all read-only, a private {@code /tmp}
 * and {@code /proc}, and its run directory as the only writable host path, seen under {@code /sandbox/...}; it
 * runs as user nobody (65534, via util-linux {@code setpriv} when we are root) with no capabilities, no new
 * privileges and a seccomp filter that refuses new processes ({@link SeccompFilter}).
 *
 * <p>Detected once per JVM and mode by starting a JVM behind the wall; where that fails (no bwrap, user
 * namespaces forbidden, not Linux, Lambda) the wall is absent and {@link #description()} says why: the verifier
 * and the JVM limits are then the only walls (on Lambda the micro-VM and the function's role are the next one).
 */
public final class OsWall {

    private static final System.Logger LOG = System.getLogger(OsWall.class.getName());
    private static final Map<String, OsWall> CACHE = new ConcurrentHashMap<>();

    /** The unprivileged user children run as (nobody on Debian). */
    public static final int CHILD_UID = 65534;
    /** Where the child sees its run directory. */
    public static final String WORK = "/sandbox/work";
    private static final String JDK = "/sandbox/jdk";
    private static final int SECCOMP_FD = 9;

    private final boolean active;
    private final String description;
    private final List<String> bwrap;
    private final String setpriv;
    private final boolean switchUser;

    /** @param setpriv the setpriv binary that drops to nobody inside the wall, or null when we are not root */
    private OsWall(boolean active, String description, List<String> bwrap, String setpriv) {
        this.active = active;
        this.description = description;
        this.bwrap = List.copyOf(bwrap);
        this.setpriv = setpriv;
        this.switchUser = setpriv != null;
    }

    /** No wall: children run with the JVM limits only. */
    public static OsWall none(String reason) {
        return new OsWall(false, "none: " + reason + "; the bytecode verifier and the JVM limits are the only walls",
                List.of(), null);
    }

    /**
     * The wall for this machine, detected once per JVM and mode and said once in the log.
     *
     * @param off      the configuration switched it off
     * @param required refuse to go on without it (throws)
     * @param workRoot where the probe runs
     */
    public static OsWall detect(boolean off, boolean required, Path workRoot) {
        String key = off + "/" + required;
        OsWall wall = CACHE.computeIfAbsent(key, k -> {
            OsWall w = off ? none("switched off in the sandbox configuration (osWall OFF)") : probe(workRoot);
            // Said once. Locally the CLI prints it and validate --json carries it (local programs stay quiet); in
            // Lambda, where there is no wall, the function's log says so.
            boolean lambda = System.getenv("AWS_LAMBDA_FUNCTION_NAME") != null;
            LOG.log(lambda ? System.Logger.Level.INFO : System.Logger.Level.DEBUG, "sandbox OS wall: " + w.description);
            return w;
        });
        if (required && !wall.active) {
            throw new IllegalStateException("the sandbox OS wall is required (osWall REQUIRED) but unavailable: "
                    + wall.description + ". Install bubblewrap (apt-get install bubblewrap) and allow user namespaces,"
                    + " or set osWall AUTO");
        }
        return wall;
    }

    public boolean active() {
        return active;
    }

    /** One line: what the wall is here, or why there is none. */
    public String description() {
        return description;
    }

    /** What the child sees: the java binary and where each host path is mounted. */
    public record ChildView(String java, Map<Path, String> paths) {
        public String path(Path host) {
            return Objects.requireNonNull(paths.get(host), () -> host + " is not mounted in the child");
        }
    }

    /**
     * The full command line of a child: {@code javaCommand} builds the JVM's command from the paths as the child
     * sees them; the wall puts bubblewrap in front of it.
     *
     * @param readOnly      host paths (class path directories and jars) the child may read
     * @param work          the run directory, the only one it may write
     * @param dieWithParent kill the child when the thread that starts it ends (bubblewrap's --die-with-parent is
     *                      tied to that thread, not to the JVM): right for a child the calling thread waits for, wrong
     *                      for one that outlives it (a warm compiler started from a pool thread)
     */
    public List<String> command(List<Path> readOnly, Path work, boolean dieWithParent,
                                Function<ChildView, List<String>> javaCommand) {
        Path javaHome = Path.of(System.getProperty("java.home"));
        Map<Path, String> paths = new LinkedHashMap<>();
        if (!active) {
            readOnly.forEach(p -> paths.put(p, p.toString()));
            paths.put(work, work.toString());
            return javaCommand.apply(new ChildView(javaHome.resolve("bin/java").toString(), paths));
        }
        List<String> cmd = new ArrayList<>(bwrap);
        if (dieWithParent) {
            cmd.add("--die-with-parent");
        }
        cmd.addAll(List.of("--ro-bind", javaHome.toString(), JDK, "--perms", "0755", "--dir", "/sandbox/ro"));
        for (int i = 0; i < readOnly.size(); i++) {
            Path p = readOnly.get(i);
            String inside = "/sandbox/ro/" + i + "-" + p.getFileName();
            paths.put(p, inside);
            cmd.addAll(List.of("--ro-bind", p.toString(), inside));
        }
        paths.put(work, WORK);
        cmd.addAll(List.of("--bind", work.toString(), WORK, "--chdir", WORK, "--"));
        if (switchUser) {
            cmd.addAll(List.of(setpriv, "--reuid=" + CHILD_UID, "--regid=" + CHILD_UID, "--clear-groups",
                    "--inh-caps=-all", "--bounding-set=-all", "--no-new-privs", "--"));
        }
        cmd.addAll(javaCommand.apply(new ChildView(JDK + "/bin/java", paths)));
        return cmd;
    }

    /** Lets the child's user write the run directory (a no-op unless children run as another user). */
    public void grantWritable(Path work) {
        if (switchUser) {
            try {
                Files.setAttribute(work, "unix:uid", CHILD_UID);
                Files.setAttribute(work, "unix:gid", CHILD_UID);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot give the sandbox user " + CHILD_UID + " the run directory " + work, e);
            }
        }
    }

    /** Makes a tree readable by everyone (the child's user reads the class files). */
    public static void grantReadable(Path root) {
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : all.toList()) {
                Set<PosixFilePermission> perms = EnumSet.copyOf(Files.getPosixFilePermissions(p));
                perms.add(PosixFilePermission.OWNER_READ);
                perms.add(PosixFilePermission.GROUP_READ);
                perms.add(PosixFilePermission.OTHERS_READ);
                if (Files.isDirectory(p)) {
                    perms.add(PosixFilePermission.GROUP_EXECUTE);
                    perms.add(PosixFilePermission.OTHERS_EXECUTE);
                }
                Files.setPosixFilePermissions(p, perms);
            }
        } catch (UnsupportedOperationException e) {
            // Not a POSIX file system: no other user to grant anything to.
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make " + root + " readable for the sandbox user", e);
        }
    }

    private static OsWall probe(Path workRoot) {
        if (!System.getProperty("os.name", "").toLowerCase().contains("linux")) {
            return none("not Linux (" + System.getProperty("os.name") + ")");
        }
        Optional<Path> bwrap = executable("bwrap");
        if (bwrap.isEmpty()) {
            return none("bubblewrap (bwrap) is not installed: apt-get install bubblewrap");
        }
        boolean root = uid() == 0;
        Optional<Path> setpriv = executable("setpriv");
        if (root && setpriv.isEmpty()) {
            return none("running as root without util-linux setpriv, so children cannot switch to an unprivileged user");
        }
        Optional<byte[]> seccomp = SeccompFilter.forThisMachine();
        List<String> cmd = new ArrayList<>();
        // Its own session: a Ctrl-C to the terminal's process group would kill bwrap (and with it the child) before the
        // host records the experiment in flight; the host stops its children itself (setsid execs without a fork here).
        executable("setsid").ifPresent(s -> cmd.add(s.toString()));
        String seccompNote;
        try {
            if (seccomp.isPresent()) {
                // In the system temp directory, not the work root: the wall outlives any one configuration.
                Path filter = Files.createTempFile("codeclab-seccomp-", ".bpf");
                Files.write(filter, seccomp.get());
                filter.toFile().deleteOnExit();
                // bwrap reads the program from a file descriptor; the shell opens it and becomes bwrap.
                cmd.addAll(List.of("/bin/sh", "-c", "exec \"$@\" " + SECCOMP_FD + "<\"$0\"", filter.toString()));
                seccompNote = "seccomp: no new processes";
            } else {
                seccompNote = "no seccomp filter for " + System.getProperty("os.arch");
            }
        } catch (IOException e) {
            return none("cannot write the seccomp program under " + workRoot + ": " + e.getMessage());
        }
        cmd.add(bwrap.get().toString());
        if (root) {
            // As root bwrap sets up the namespaces itself and setpriv (inside) drops to nobody before the JVM starts.
            cmd.addAll(List.of("--unshare-ipc", "--unshare-pid", "--unshare-net", "--unshare-uts", "--unshare-cgroup-try"));
        } else {
            cmd.addAll(List.of("--unshare-user", "--uid", String.valueOf(CHILD_UID), "--gid", String.valueOf(CHILD_UID),
                    "--unshare-ipc", "--unshare-pid", "--unshare-net", "--unshare-uts", "--unshare-cgroup-try",
                    "--cap-drop", "ALL"));
        }
        cmd.addAll(List.of("--new-session", "--clearenv",
                "--ro-bind", "/usr", "/usr", "--ro-bind-try", "/lib", "/lib", "--ro-bind-try", "/lib64", "/lib64",
                "--ro-bind-try", "/bin", "/bin", "--ro-bind-try", "/etc/ld.so.cache", "/etc/ld.so.cache",
                "--proc", "/proc", "--dev", "/dev", "--tmpfs", "/tmp", "--perms", "0755", "--dir", "/sandbox"));
        if (seccomp.isPresent()) {
            cmd.addAll(List.of("--seccomp", String.valueOf(SECCOMP_FD)));
        }
        String user = root ? "user nobody (" + CHILD_UID + ") via setpriv"
                : "uid " + CHILD_UID + " inside a user namespace (still uid " + uid() + " on the host: not root, so no"
                + " switch to another user; the PID namespace hides every other process's /proc all the same)";
        OsWall wall = new OsWall(true, "bubblewrap " + bwrap.get() + ": no network, own PID/mount/IPC/UTS namespaces,"
                + " read-only system, only the run directory writable, " + user + ", no capabilities, no new privileges, "
                + seccompNote, cmd, root ? setpriv.get().toString() : null);
        return wall.check(workRoot);
    }

    /** Starts {@code java -version} behind the wall: the wall exists only if a JVM runs behind it. */
    private OsWall check(Path workRoot) {
        Path dir = null;
        try {
            dir = Files.createTempDirectory(workRoot, "codeclab-wall-probe-");
            grantWritable(dir);
            List<String> cmd = command(List.of(), dir, true, v -> List.of(v.java(), "-XX:-UsePerfData", "-Xshare:auto", "-version"));
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
            pb.environment().clear();
            Process p = pb.start();
            p.getOutputStream().close();
            byte[] out = p.getInputStream().readNBytes(4096);
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                ChildProcess.killTree(p);
                return none("a JVM behind bubblewrap did not start within 60 s");
            }
            if (p.exitValue() != 0) {
                String first = new String(out, StandardCharsets.UTF_8).strip().lines().findFirst().orElse("no output");
                return none("bubblewrap is installed but a JVM behind it failed (exit " + p.exitValue() + ": " + first
                        + "); user namespaces may be forbidden here");
            }
            return this;
        } catch (IOException e) {
            return none("cannot start bubblewrap: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return none("interrupted while probing bubblewrap");
        } finally {
            if (dir != null) {
                RuntimeClasses.deleteTree(dir);
            }
        }
    }

    private static Optional<Path> executable(String name) {
        String path = Objects.requireNonNullElse(System.getenv("PATH"), "") + ":/usr/bin:/bin:/usr/sbin:/sbin";
        for (String dir : path.split(":")) {
            if (!dir.isEmpty()) {
                Path p = Path.of(dir, name);
                if (Files.isExecutable(p)) {
                    return Optional.of(p);
                }
            }
        }
        return Optional.empty();
    }

    /** The real uid of this process, from /proc (-1 when unknown). */
    static int uid() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("Uid:")) {
                    return Integer.parseInt(line.substring(4).strip().split("\\s+")[0]);
                }
            }
        } catch (IOException | RuntimeException e) {
            // Not Linux or no /proc: unknown.
        }
        return -1;
    }
}
