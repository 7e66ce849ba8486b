package codeclab.sandbox.compile;

import codeclab.sandbox.CompiledCodec;
import codeclab.sandbox.SandboxConfig;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

/**
 * Entry point of the compiler's child JVM: {@code CompileServer <AUTO|JAVAC|ECJ> <maxSourceBytes> <maxDiagnostics>
 * <maxMessageChars> <api class path>}. It compiles one source per request, as long as the host keeps it (a warm
 * compiler: the JDK's class index stays loaded), and ends at the end of stdin. The host owns the limits: it kills
 * this process when a compile runs past its wall-clock limit, and the heap cap ends it on OutOfMemoryError.
 *
 * <pre>
 * host → child: per request: MAGIC, length, UTF-8 source bytes
 * child → host: per request: MAGIC, then OK, class name (UTF), nClasses, per class: name (UTF), length, bytes
 *                                   or FAIL, nDiagnostics, per diagnostic: line, column, message (UTF)
 * </pre>
 */
public final class CompileServer {

    public static final int MAGIC = 0xC0DEC0C0;
    public static final byte OK = 'K';
    public static final byte FAIL = 'F';

    private CompileServer() {
    }

    public static void main(String[] args) throws IOException {
        // A Ctrl-C to the process group must not kill a compile: the host stops its children itself.
        codeclab.sandbox.child.TerminalSignals.ignore();
        DataOutputStream out = new DataOutputStream(new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 1 << 16));
        // Nothing but the protocol may reach stdout.
        System.setOut(new PrintStream(new FileOutputStream(FileDescriptor.err), true));
        DataInputStream in = new DataInputStream(new BufferedInputStream(System.in, 1 << 16));
        SandboxConfig config = SandboxConfig.defaults()
                .withCompiler(SandboxConfig.CompilerChoice.valueOf(args[0]))
                .withMaxSourceBytes(Integer.parseInt(args[1]));
        config = new SandboxConfig(config.compiler(), config.maxSourceBytes(), Integer.parseInt(args[2]),
                Integer.parseInt(args[3]), config.maxClasses(), config.maxClassBytes(), config.maxTotalClassBytes(),
                config.excludedCodecPackages(), config.heapMb(), config.stackKb(), config.timeout(), config.maxLogBytes(),
                config.maxBitstreamBytes(), Path.of(System.getProperty("java.io.tmpdir")), config.osWall(),
                config.compileTimeout(), config.compileHeapMb(), config.maxLiteralDataBytes());
        CandidateCompiler compiler = new CandidateCompiler(config, Path.of(args[4]));
        while (true) {
            int magic;
            try {
                magic = in.readInt();
            } catch (EOFException e) {
                return;
            }
            if (magic != MAGIC) {
                throw new IOException("compile protocol: bad magic 0x" + Integer.toHexString(magic));
            }
            byte[] source = in.readNBytes(in.readInt());
            out.writeInt(MAGIC);
            try {
                CompiledCodec c = compiler.compile(new String(source, StandardCharsets.UTF_8));
                out.writeByte(OK);
                out.writeUTF(c.className());
                out.writeInt(c.classes().size());
                for (Map.Entry<String, byte[]> e : c.classes().entrySet()) {
                    out.writeUTF(e.getKey());
                    out.writeInt(e.getValue().length);
                    out.write(e.getValue());
                }
            } catch (CompileException e) {
                out.writeByte(FAIL);
                out.writeInt(e.diagnostics().size());
                for (Diagnostic d : e.diagnostics()) {
                    out.writeLong(d.line());
                    out.writeLong(d.column());
                    out.writeUTF(d.message());
                }
            }
            out.flush();
        }
    }
}
