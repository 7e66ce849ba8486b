package codeclab.sandbox.child;

import codeclab.codec.Codec;
import codeclab.codec.Decoder;
import codeclab.codec.Encoder;
import codeclab.codec.Frame;
import codeclab.codec.StreamHeader;

import java.io.BufferedInputStream;
import java.io.File;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;

/**
 * Entry point of a sandbox child JVM: {@code ChildMain encode|decode|decode-fresh-loaders <codec class>}. Reads its work from
 * stdin and answers on stdout ({@link Wire}); the candidate's own prints are redirected to stderr so they
 * cannot corrupt the protocol. The first failure ends the process: the host reports it and discards the
 * rest. Limits (heap, time, output) are enforced by the host; this class only stops at the frame count and
 * the bitstream cap, and checks frame sizes so a hostile decoder cannot make the host read gigabytes.
 */
public final class ChildMain {

    /** Decode mode with a fresh class loader (candidate and toolkit classes) per bitstream: benchmarks only. */
    public static final String DECODE_FRESH_LOADERS = "decode-fresh-loaders";

    private ChildMain() {
    }

    public static void main(String[] args) throws IOException {
        TerminalSignals.ignore();
        DataOutputStream out = new DataOutputStream(new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 1 << 16));
        System.setOut(new PrintStream(new FileOutputStream(FileDescriptor.err), true));
        DataInputStream in = new DataInputStream(new BufferedInputStream(System.in, 1 << 16));
        if (args.length != 2 || in.readInt() != Wire.MAGIC) {
            throw new IllegalArgumentException("usage: ChildMain encode|decode|" + DECODE_FRESH_LOADERS
                    + " <codec class>, protocol input on stdin");
        }
        out.writeInt(Wire.MAGIC);
        StreamHeader header = Wire.readHeader(in);
        int maxBitstream = in.readInt();
        String failure;
        byte kind = Wire.CRASH;
        try {
            Class<?> type = Class.forName(args[1]);
            if (!Codec.class.isAssignableFrom(type)) {
                throw new IllegalArgumentException(args[1] + " does not implement codeclab.codec.Codec");
            }
            boolean fresh = args[0].equals(DECODE_FRESH_LOADERS);
            failure = args[0].equals("encode") ? encode(type, header, maxBitstream, in, out)
                    : decode(fresh ? () -> freshLoader().loadClass(args[1]) : () -> type, header, maxBitstream, in, out);
            if (failure != null) {
                kind = Wire.BAD_OUTPUT;
            }
        } catch (Throwable t) {
            failure = describe(t);
        }
        if (failure != null) {
            out.writeByte(Wire.FAIL);
            out.writeByte(kind);
            out.writeUTF(failure.length() > 4000 ? failure.substring(0, 4000) + "..." : failure);
        } else {
            out.writeByte(Wire.END);
        }
        out.flush();
        // Ends the JVM even if the candidate left something running.
        System.exit(0);
    }

    private static Codec newCodec(Class<?> type) throws ReflectiveOperationException {
        return (Codec) type.getConstructor().newInstance();
    }

    /** Returns null on success, or a BAD_OUTPUT message; candidate exceptions propagate. */
    private static String encode(Class<?> type, StreamHeader header, int maxBitstream, DataInputStream in,
                                 DataOutputStream out) throws Exception {
        int n = in.readInt();
        int[] qualities = new int[n];
        for (int i = 0; i < n; i++) {
            qualities[i] = in.readInt();
        }
        int frames = in.readInt();
        for (int q : qualities) {
            long nanos = 0;
            long t0 = System.nanoTime();
            Encoder enc;
            try {
                enc = newCodec(type).encoder(header, q);
            } finally {
                nanos += System.nanoTime() - t0;
            }
            if (enc == null) {
                return "encoder(header, " + q + ") returned null";
            }
            for (int i = 0; i < frames; i++) {
                Frame f = Wire.readFrame(in, header);
                t0 = System.nanoTime();
                try {
                    enc.encode(f);
                } catch (Throwable t) {
                    throw new CandidateFailure("encoder.encode threw at quality " + q + ", frame " + i, t);
                } finally {
                    nanos += System.nanoTime() - t0;
                }
            }
            t0 = System.nanoTime();
            byte[] bits;
            try {
                bits = enc.finish();
            } catch (Throwable t) {
                throw new CandidateFailure("encoder.finish threw at quality " + q, t);
            }
            nanos += System.nanoTime() - t0;
            if (bits == null) {
                return "encoder.finish() returned null at quality " + q;
            }
            if (bits.length > maxBitstream) {
                return "encoder.finish() returned " + bits.length + " bytes at quality " + q
                        + "; the limit is " + maxBitstream + " bytes";
            }
            out.writeByte(Wire.OK);
            out.writeInt(q);
            out.writeLong(nanos);
            out.writeInt(bits.length);
            out.write(bits);
            out.flush();
        }
        return null;
    }

    /** Where each bitstream's codec class comes from. */
    private interface CodecType {
        Class<?> get() throws Exception;
    }

    private static String decode(CodecType types, StreamHeader header, int maxBitstream, DataInputStream in,
                                 DataOutputStream out) throws Exception {
        int first = in.readInt();
        int n = in.readInt();
        for (int k = 0; k < n; k++) {
            int s = first + k;
            Class<?> type = types.get();
            int len = in.readInt();
            if (len < 0 || len > maxBitstream) {
                return "bitstream " + s + " has " + len + " bytes; the limit is " + maxBitstream;
            }
            byte[] bits = in.readNBytes(len);
            long t0 = System.nanoTime();
            Decoder dec;
            try {
                dec = newCodec(type).decoder(header, bits);
            } catch (Throwable t) {
                throw new CandidateFailure("decoder(header, bitstream) threw for bitstream " + s, t);
            }
            if (dec == null) {
                return "decoder(header, bitstream) returned null for bitstream " + s;
            }
            Frame[] frames = new Frame[header.frameCount()];
            for (int i = 0; i < frames.length; i++) {
                Frame f;
                try {
                    f = dec.decode();
                } catch (Throwable t) {
                    throw new CandidateFailure("decoder.decode threw at frame " + i + " of bitstream " + s, t);
                }
                if (f == null) {
                    return "decoder.decode() returned null at frame " + i + " of bitstream " + s
                            + "; it must return " + header.frameCount() + " frames";
                }
                if (f.width() != header.width() || f.height() != header.height()) {
                    return "decoder.decode() returned a " + f.width() + "x" + f.height() + " frame at frame " + i
                            + " of bitstream " + s + "; the header says " + header.width() + "x" + header.height();
                }
                frames[i] = f;
            }
            long nanos = System.nanoTime() - t0;
            out.writeByte(Wire.OK);
            out.writeLong(nanos);
            for (Frame f : frames) {
                Wire.writeFrame(out, f);
            }
            out.flush();
        }
        return null;
    }

    /**
     * A class loader that loads the candidate's and the toolkit's classes itself (fresh statics) and shares only
     * the JDK, the codec API interfaces and this package with the JVM.
     */
    private static ClassLoader freshLoader() throws IOException {
        String[] entries = System.getProperty("java.class.path").split(File.pathSeparator);
        URL[] urls = new URL[entries.length];
        for (int i = 0; i < entries.length; i++) {
            urls[i] = Path.of(entries[i]).toUri().toURL();
        }
        return new URLClassLoader(urls, ChildMain.class.getClassLoader()) {
            @Override
            protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
                if (sharedWithTheJvm(name)) {
                    return super.loadClass(name, resolve);
                }
                synchronized (getClassLoadingLock(name)) {
                    Class<?> c = findLoadedClass(name);
                    return c != null ? c : findClass(name);
                }
            }
        };
    }

    private static boolean sharedWithTheJvm(String name) {
        String api = "codeclab.codec.";
        return name.startsWith("java.") || name.startsWith("javax.") || name.startsWith("jdk.") || name.startsWith("sun.")
                || name.startsWith("codeclab.sandbox.child.")
                || (name.startsWith(api) && name.indexOf('.', api.length()) < 0);
    }

    /** The exception and the candidate's top stack frames with line numbers, for the planner. */
    static String describe(Throwable t) {
        String where = "";
        if (t instanceof CandidateFailure cf) {
            where = cf.getMessage() + ": ";
            t = cf.getCause();
        }
        while ((t instanceof java.lang.reflect.InvocationTargetException || t instanceof ExceptionInInitializerError)
                && t.getCause() != null) {
            where += t instanceof ExceptionInInitializerError ? "static initializer failed: " : "";
            t = t.getCause();
        }
        StringBuilder sb = new StringBuilder(where).append(t);
        if (t instanceof StackOverflowError) {
            sb.append(" (recursion too deep: make it iterative or bound its depth)");
        }
        int shown = 0;
        for (StackTraceElement e : t.getStackTrace()) {
            String c = e.getClassName();
            if (!c.startsWith("java.") && !c.startsWith("jdk.") && !c.startsWith("codeclab.sandbox.child.")) {
                sb.append("\n  at ").append(e);
                if (++shown == 5) {
                    break;
                }
            }
        }
        return sb.toString();
    }

    /** Wraps a candidate's throwable with where it happened. */
    private static final class CandidateFailure extends Exception {
        CandidateFailure(String where, Throwable cause) {
            super(where, cause);
        }
    }
}
