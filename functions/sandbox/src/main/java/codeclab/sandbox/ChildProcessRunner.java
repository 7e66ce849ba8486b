package codeclab.sandbox;

import codeclab.codec.Frame;
import codeclab.codec.StreamHeader;
import codeclab.core.OutcomeKind;
import codeclab.sandbox.child.ChildMain;
import codeclab.sandbox.child.Wire;
import codeclab.sandbox.run.ChildProcess;
import codeclab.sandbox.run.OsWall;
import codeclab.sandbox.run.RuntimeClasses;

import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs an untrusted codec in child JVMs: one process for all quality points of an encode, and a fresh process
 * for each bitstream of a decode, so no static state survives from one bitstream to the next (a decoder that
 * leaned on what an earlier, lower-quality stream left behind would be using bits nobody counted). A decoder
 * process gets only the stream header and its one bitstream.
 *
 * <p>Each child: the running {@code java} binary, an empty environment, a fresh temp working directory
 * (also its {@code java.io.tmpdir}), {@code -Xmx}/{@code -Xss} caps, one CPU, exit on the first
 * OutOfMemoryError, finalization off, and only the codec API and candidate classes on its class path, all behind
 * the {@link OsWall} where this machine has one. The wall-clock limit kills the process tree; stdout is read
 * through a cap computed from what the child may legitimately send. Every failure is a {@link RunFailure} with
 * the outcome class and a message for the planner. This runner does not verify bytecode: pass only classes the
 * verifier accepted (the tests that prove the OS wall run unverified candidates through it on purpose).
 */
public final class ChildProcessRunner implements CodecRunner {

    private static final int OOM_EXIT_CODE = 3;

    /**
     * How bitstreams of one decode are kept apart. Only {@link #PROCESS_PER_STREAM} is sound and only it is
     * reachable from a {@link SandboxConfig}; the other two exist for the benchmark that compares their cost
     * (docs/BENCHMARKS.md) and the test that shows why the old sharing was wrong.
     */
    enum DecoderIsolation {
        /** A fresh JVM per bitstream: nothing the candidate can touch survives. */
        PROCESS_PER_STREAM,
        /**
         * One JVM, a fresh class loader (candidate and toolkit classes) per bitstream: statics are fresh but
         * JVM-wide state is shared (the identity-hash sequence of the thread, System.out's error flag).
         */
        LOADER_PER_STREAM,
        /** One JVM and one class loader for every bitstream (the behaviour before issue 11): statics survive. */
        SHARED
    }

    private final SandboxConfig config;
    private final OsWall wall;
    private final DecoderIsolation isolation;

    public ChildProcessRunner(SandboxConfig config) {
        this(config, DecoderIsolation.PROCESS_PER_STREAM);
    }

    ChildProcessRunner(SandboxConfig config, DecoderIsolation isolation) {
        this.config = config;
        this.isolation = isolation;
        this.wall = OsWall.detect(config.osWall() == SandboxConfig.WallMode.OFF,
                config.osWall() == SandboxConfig.WallMode.REQUIRED, config.workRoot());
    }

    public SandboxConfig config() {
        return config;
    }

    /** The OS wall the children run behind (or why there is none). */
    public OsWall wall() {
        return wall;
    }

    @Override
    public List<Encoded> encode(CompiledCodec codec, StreamHeader header, List<Frame> frames, List<Integer> qualities)
            throws RunFailure {
        for (Frame f : frames) {
            if (f.width() != header.width() || f.height() != header.height()) {
                throw new IllegalArgumentException("frame " + f + " does not match header " + header);
            }
        }
        long cap = 64L * 1024 + (long) qualities.size() * (config.maxBitstreamBytes() + 64L);
        ChildProcess.InputWriter input = os -> {
            DataOutputStream out = new DataOutputStream(new BufferedOutputStream(os, 1 << 16));
            start(out, header);
            out.writeInt(qualities.size());
            for (int q : qualities) {
                out.writeInt(q);
            }
            out.writeInt(frames.size());
            for (int ignored : qualities) {
                for (Frame f : frames) {
                    Wire.writeFrame(out, f);
                }
            }
            out.flush();
        };
        ChildProcess.OutputParser<List<Encoded>> parser = is -> {
            DataInputStream in = new DataInputStream(is);
            expectMagic(in);
            List<Encoded> out = new ArrayList<>();
            for (int i = 0; i < qualities.size(); i++) {
                if (readStatus(in) != Wire.OK) {
                    throw childFailure(in);
                }
                int q = in.readInt();
                double seconds = in.readLong() / 1e9;
                int len = in.readInt();
                if (len < 0 || len > config.maxBitstreamBytes()) {
                    throw new IOException("child announced a bitstream of " + len + " bytes");
                }
                out.add(new Encoded(q, in.readNBytes(len), seconds));
            }
            expectEnd(in);
            return out;
        };
        return run("encoder", "encode", codec, input, parser, cap);
    }

    @Override
    public List<Decoded> decode(CompiledCodec codec, StreamHeader header, List<byte[]> bitstreams) throws RunFailure {
        for (byte[] b : bitstreams) {
            if (b.length > config.maxBitstreamBytes()) {
                throw new RunFailure(OutcomeKind.BAD_OUTPUT, "bitstream of " + b.length + " bytes exceeds the limit of "
                        + config.maxBitstreamBytes() + " bytes");
            }
        }
        if (isolation != DecoderIsolation.PROCESS_PER_STREAM) {
            return decodeInOneProcess(codec, header, bitstreams, 0);
        }
        List<Decoded> out = new ArrayList<>();
        for (int s = 0; s < bitstreams.size(); s++) {
            out.addAll(decodeInOneProcess(codec, header, List.of(bitstreams.get(s)), s));
        }
        return out;
    }

    /** Decodes {@code bitstreams} in one child; {@code firstIndex} numbers them in messages. */
    private List<Decoded> decodeInOneProcess(CompiledCodec codec, StreamHeader header, List<byte[]> bitstreams,
                                             int firstIndex) throws RunFailure {
        long cap = 64L * 1024 + bitstreams.size() * (16 + header.frameCount() * Wire.frameBytes(header));
        ChildProcess.InputWriter input = os -> {
            DataOutputStream out = new DataOutputStream(new BufferedOutputStream(os, 1 << 16));
            start(out, header);
            out.writeInt(firstIndex);
            out.writeInt(bitstreams.size());
            for (byte[] b : bitstreams) {
                out.writeInt(b.length);
                out.write(b);
            }
            out.flush();
        };
        ChildProcess.OutputParser<List<Decoded>> parser = is -> {
            DataInputStream in = new DataInputStream(is);
            expectMagic(in);
            List<Decoded> out = new ArrayList<>();
            for (int s = 0; s < bitstreams.size(); s++) {
                if (readStatus(in) != Wire.OK) {
                    throw childFailure(in);
                }
                double seconds = in.readLong() / 1e9;
                List<Frame> frames = new ArrayList<>(header.frameCount());
                for (int i = 0; i < header.frameCount(); i++) {
                    frames.add(Wire.readFrame(in, header));
                }
                out.add(new Decoded(frames, seconds));
            }
            expectEnd(in);
            return out;
        };
        String mode = isolation == DecoderIsolation.LOADER_PER_STREAM ? ChildMain.DECODE_FRESH_LOADERS : "decode";
        return run("decoder", mode, codec, input, parser, cap);
    }

    private void start(DataOutputStream out, StreamHeader header) throws IOException {
        out.writeInt(Wire.MAGIC);
        Wire.writeHeader(out, header);
        out.writeInt(config.maxBitstreamBytes());
    }

    private static void expectMagic(DataInputStream in) throws IOException {
        int m = in.readInt();
        if (m != Wire.MAGIC) {
            throw new IOException("child output does not start with the protocol magic (got 0x" + Integer.toHexString(m) + ")");
        }
    }

    private static byte readStatus(DataInputStream in) throws IOException {
        byte b = in.readByte();
        if (b != Wire.OK && b != Wire.FAIL) {
            throw new IOException("child protocol: unexpected status byte " + b);
        }
        return b;
    }

    private static void expectEnd(DataInputStream in) throws IOException {
        byte b = in.readByte();
        if (b == Wire.FAIL) {
            throw childFailure(in);
        }
        if (b != Wire.END) {
            throw new IOException("child protocol: expected the end marker, got " + b);
        }
    }

    private static ChildReportedFailure childFailure(DataInputStream in) throws IOException {
        return new ChildReportedFailure(in.readByte(), in.readUTF());
    }

    /** The child's own FAIL record: a candidate failure, not a protocol problem. */
    private static final class ChildReportedFailure extends IOException {
        final byte kind;

        ChildReportedFailure(byte kind, String message) {
            super(message);
            this.kind = kind;
        }
    }

    private <T> T run(String role, String mode, CompiledCodec codec, ChildProcess.InputWriter input,
                      ChildProcess.OutputParser<T> parser, long stdoutCap) throws RunFailure {
        Path runtime = RuntimeClasses.directory(config.workRoot(), config.excludedCodecPackages());
        Path dir = null;
        try {
            dir = Files.createTempDirectory(config.workRoot(), "codeclab-" + mode + "-");
            Path classes = dir.resolve("classes");
            Path work = Files.createDirectories(dir.resolve("work"));
            for (Map.Entry<String, byte[]> e : codec.classes().entrySet()) {
                Path file = classes.resolve(e.getKey() + ".class");
                Files.createDirectories(file.getParent());
                Files.write(file, e.getValue());
            }
            Files.createDirectories(classes);
            OsWall.grantReadable(classes);
            wall.grantWritable(work);
            String className = codec.className().replace('/', '.');
            // The calling thread waits for this child: it may die with that thread.
            List<String> command = wall.command(List.of(runtime, classes), work, true,
                    view -> javaCommand(view.java(), view.path(runtime), view.path(classes), view.path(work), mode, className));
            ChildProcess.Result<T> r = ChildProcess.run(command, work, input, parser, stdoutCap,
                    config.maxLogBytes(), config.timeout());
            return interpret(role, r);
        } catch (IOException e) {
            throw new UncheckedIOException("sandbox could not run the " + role + " child under " + config.workRoot(), e);
        } finally {
            if (dir != null) {
                RuntimeClasses.deleteTree(dir);
            }
        }
    }

    /** The java command line of a child, with paths as the child sees them; visible for the tests and the docs. */
    public List<String> javaCommand(String java, String runtime, String classes, String work, String mode, String className) {
        return List.of(java,
                "-Xmx" + config.heapMb() + "m",
                "-Xss" + config.stackKb() + "k",
                "-XX:ActiveProcessorCount=1",
                "-XX:+UseSerialGC",
                "-XX:+ExitOnOutOfMemoryError",
                "-XX:MaxMetaspaceSize=128m",
                "-XX:-UsePerfData",                         // no hsperfdata file in the host's /tmp
                "-XX:-CreateCoredumpOnCrash",
                "-XX:ErrorFile=" + work + "/hs_err.log",
                "-Xlog:disable", "-Xlog:all=warning:stderr", // JVM warnings must not reach the protocol on stdout
                "--finalization=disabled",
                "-Djava.io.tmpdir=" + work,
                "-Duser.home=" + work,
                "-Dfile.encoding=UTF-8",
                "-cp", runtime + File.pathSeparator + classes,
                ChildMain.class.getName(), mode, className);
    }

    private <T> T interpret(String role, ChildProcess.Result<T> r) throws RunFailure {
        String secs = String.format("%.1f s", config.timeout().toMillis() / 1000.0);
        if (r.timedOut()) {
            throw new RunFailure(OutcomeKind.TIMEOUT, "the " + role + " did not finish within " + secs
                    + (role.equals("encoder") ? " (all quality points together)" : " (one bitstream)")
                    + " and was killed; make it faster or bound its loops"
                    + logTail(r.stderr()));
        }
        // -XX:+ExitOnOutOfMemoryError ends the JVM with exit code 3 (and a note on stdout); ChildMain never uses 3.
        if (r.exitCode() == OOM_EXIT_CODE) {
            throw new RunFailure(OutcomeKind.OUT_OF_MEMORY, "the " + role + " ran out of its " + config.heapMb()
                    + " MiB heap; allocate less (reuse buffers, avoid keeping all frames)" + logTail(r.stderr()));
        }
        if (r.outputCapHit()) {
            throw new RunFailure(OutcomeKind.BAD_OUTPUT, "the " + role + " process wrote more output than the"
                    + " protocol allows and was killed");
        }
        if (r.parseError() instanceof ChildReportedFailure f) {
            throw new RunFailure(f.kind == Wire.BAD_OUTPUT ? OutcomeKind.BAD_OUTPUT : OutcomeKind.CRASH,
                    "the " + role + " failed: " + f.getMessage());
        }
        if (r.value() != null && r.exitCode() == 0) {
            return r.value();
        }
        String why = r.parseError() instanceof EOFException ? "ended before finishing its work"
                : r.parseError() != null ? "broke the protocol (" + r.parseError().getMessage() + ")" : "failed";
        throw new RunFailure(OutcomeKind.CRASH, "the " + role + " process " + why + ", exit code " + r.exitCode()
                + logTail(r.stderr()));
    }

    private String logTail(String stderr) {
        String s = stderr.strip();
        if (s.isEmpty()) {
            return "";
        }
        int max = config.maxMessageChars() * 4;
        return "; its stderr: " + (s.length() > max ? s.substring(0, max) + "..." : s);
    }
}
