package codeclab.media;

import codeclab.codec.Frame;
import codeclab.codec.StreamHeader;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * A named sequence of 8-bit YUV 4:2:0 frames with its stream header and metadata.
 *
 * <p>Invariants: {@code header.frameCount() == frames.size()} and every frame has the header's size.
 * The frame list is unmodifiable; the frames themselves are shared (see {@link Frame}), so callers
 * must not write into them.
 */
public record Clip(String name, StreamHeader header, List<Frame> frames, ClipMetadata metadata) {

    public Clip {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(header, "header");
        Objects.requireNonNull(metadata, "metadata");
        frames = List.copyOf(frames);
        if (frames.size() != header.frameCount()) {
            throw new IllegalArgumentException("clip " + name + ": header says " + header.frameCount()
                    + " frames, got " + frames.size());
        }
        for (int i = 0; i < frames.size(); i++) {
            Frame f = frames.get(i);
            if (f.width() != header.width() || f.height() != header.height()) {
                throw new IllegalArgumentException("clip " + name + ": frame " + i + " is " + f.width() + "x"
                        + f.height() + ", header says " + header.width() + "x" + header.height());
            }
        }
    }

    /** A clip whose header is derived from its frames and frame rate. */
    public static Clip of(String name, List<Frame> frames, int fpsNum, int fpsDen, ClipMetadata metadata) {
        if (frames.isEmpty()) {
            throw new IllegalArgumentException("clip " + name + " has no frames");
        }
        Frame first = frames.get(0);
        return new Clip(name, new StreamHeader(first.width(), first.height(), frames.size(), fpsNum, fpsDen),
                frames, metadata);
    }

    public int width() {
        return header.width();
    }

    public int height() {
        return header.height();
    }

    public int frameCount() {
        return header.frameCount();
    }

    /** The same clip under another name. */
    public Clip withName(String newName) {
        return new Clip(newName, header, frames, metadata);
    }

    /**
     * SHA-256 (lower-case hex) over the stream header (width, height, frame count, fps numerator and
     * denominator as big-endian ints) followed by every frame's Y, U and V planes. Name and metadata do
     * not enter it, so renaming or re-tagging a clip keeps its cache key.
     */
    public String contentHash() {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
        ByteBuffer head = ByteBuffer.allocate(20);
        head.putInt(header.width()).putInt(header.height()).putInt(header.frameCount())
                .putInt(header.fpsNum()).putInt(header.fpsDen());
        sha.update(head.array());
        for (Frame f : frames) {
            sha.update(f.y());
            sha.update(f.u());
            sha.update(f.v());
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    @Override
    public String toString() {
        return "Clip[" + name + " " + header.width() + "x" + header.height() + " x" + header.frameCount()
                + " @" + header.fpsNum() + "/" + header.fpsDen() + "]";
    }
}
