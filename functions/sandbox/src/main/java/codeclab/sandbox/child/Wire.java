package codeclab.sandbox.child;

import codeclab.codec.Frame;
import codeclab.codec.StreamHeader;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/**
 * The binary protocol between the host and a child JVM, big-endian through {@code Data*Stream}.
 *
 * <pre>
 * host → child (stdin)
 *   MAGIC, header (width, height, frameCount, fpsNum, fpsDen), maxBitstreamBytes
 *   encode: nQualities, qualities..., then per quality: frameCount frames (Y, U, V planes, raw)
 *   decode: index of the first stream (for messages), nStreams, then per stream: length, bytes
 * child → host (stdout; the candidate's own prints go to stderr)
 *   MAGIC, then per quality / stream:
 *     OK       encode: quality, nanos, length, bytes   decode: nanos, frameCount frames
 *     or FAIL, kind (CRASH | BAD_OUTPUT), message     and nothing after it
 *   END
 * </pre>
 *
 * Shared by both sides; it must use nothing but the JDK and the codec API, because it runs in the child.
 */
public final class Wire {

    public static final int MAGIC = 0xC0DEC1AB;
    public static final byte OK = 'K';
    public static final byte FAIL = 'F';
    public static final byte END = 'Z';
    public static final byte CRASH = 'C';
    public static final byte BAD_OUTPUT = 'B';

    private Wire() {
    }

    public static void writeHeader(DataOutputStream out, StreamHeader h) throws IOException {
        out.writeInt(h.width());
        out.writeInt(h.height());
        out.writeInt(h.frameCount());
        out.writeInt(h.fpsNum());
        out.writeInt(h.fpsDen());
    }

    public static StreamHeader readHeader(DataInputStream in) throws IOException {
        return new StreamHeader(in.readInt(), in.readInt(), in.readInt(), in.readInt(), in.readInt());
    }

    /** Writes the planes of a frame whose size the reader knows from the header. */
    public static void writeFrame(DataOutputStream out, Frame f) throws IOException {
        out.write(f.y());
        out.write(f.u());
        out.write(f.v());
    }

    public static Frame readFrame(DataInputStream in, StreamHeader h) throws IOException {
        Frame f = Frame.blank(h.width(), h.height());
        in.readFully(f.y());
        in.readFully(f.u());
        in.readFully(f.v());
        return f;
    }

    /** Bytes of one frame of {@code h} on the wire. */
    public static long frameBytes(StreamHeader h) {
        return (long) h.width() * h.height() * 3 / 2;
    }
}
