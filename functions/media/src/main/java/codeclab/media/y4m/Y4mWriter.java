package codeclab.media.y4m;

import codeclab.codec.Frame;
import codeclab.media.Clip;
import codeclab.media.ClipFormatException;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes 8-bit 4:2:0 YUV4MPEG2 streams: the header line (with every tag the clip's metadata kept),
 * then {@code FRAME\n} and the Y, U, V planes per frame. {@link #write(Path, Clip)} writes to a
 * temporary file and moves it into place, so a reader never sees a half-written clip.
 */
public final class Y4mWriter implements Closeable {

    private static final byte[] FRAME = "FRAME\n".getBytes(StandardCharsets.US_ASCII);

    private final String name;
    private final OutputStream out;
    private final Y4mHeader header;

    private Y4mWriter(String name, OutputStream out, Y4mHeader header) {
        this.name = name;
        this.out = out;
        this.header = header;
        try {
            out.write(header.toLine().getBytes(StandardCharsets.US_ASCII));
        } catch (IOException e) {
            throw new ClipFormatException(name + ": write error (" + e.getMessage() + ")", e);
        }
    }

    /** Starts a stream; {@code name} is used in error messages. Closing the writer closes {@code out}. */
    public static Y4mWriter open(String name, OutputStream out, Y4mHeader header) {
        return new Y4mWriter(name, new BufferedOutputStream(out, 1 << 16), header);
    }

    /** Writes a whole clip to {@code file} (atomically replacing it). */
    public static void write(Path file, Clip clip) {
        Path dir = file.toAbsolutePath().getParent();
        Path tmp = null;
        try {
            Files.createDirectories(dir);
            tmp = Files.createTempFile(dir, ".writing-", ".y4m");
            try (Y4mWriter w = open(file.toString(), Files.newOutputStream(tmp), Y4mHeader.of(clip.header(), clip.metadata()))) {
                for (Frame f : clip.frames()) {
                    w.write(f);
                }
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new ClipFormatException(file + ": cannot write (" + e.getMessage() + ")", e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // the move succeeded or the original error is already being thrown
                }
            }
        }
    }

    /** Appends one frame; it must have the header's size. */
    public void write(Frame frame) {
        if (frame.width() != header.width() || frame.height() != header.height()) {
            throw new IllegalArgumentException(name + ": frame is " + frame.width() + "x" + frame.height()
                    + ", stream is " + header.width() + "x" + header.height());
        }
        try {
            out.write(FRAME);
            out.write(frame.y());
            out.write(frame.u());
            out.write(frame.v());
        } catch (IOException e) {
            throw new ClipFormatException(name + ": write error (" + e.getMessage() + ")", e);
        }
    }

    @Override
    public void close() {
        try {
            out.close();
        } catch (IOException e) {
            throw new ClipFormatException(name + ": write error on close (" + e.getMessage() + ")", e);
        }
    }
}
