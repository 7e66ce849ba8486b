package codeclab.codec;

import java.util.Arrays;

/**
 * One 8-bit YUV 4:2:0 picture: a luma plane of {@code width x height} samples and two chroma planes
 * of {@code width/2 x height/2}, each stored row by row with no padding. Samples are unsigned:
 * read them as {@code plane[i] & 0xFF}.
 *
 * <p>The arrays are shared, not copied: a codec may fill the planes of a frame it created, but must
 * not modify a frame it was given (the harness compares the source frames after encoding).
 */
public record Frame(int width, int height, byte[] y, byte[] u, byte[] v) {

    public Frame {
        if (width < 2 || height < 2 || (width & 1) != 0 || (height & 1) != 0) {
            throw new IllegalArgumentException("frame size " + width + "x" + height + " must be even and >= 2");
        }
        int luma = width * height;
        int chroma = luma / 4;
        if (y == null || u == null || v == null) {
            throw new IllegalArgumentException("frame planes must not be null");
        }
        if (y.length != luma || u.length != chroma || v.length != chroma) {
            throw new IllegalArgumentException("frame " + width + "x" + height + " needs planes of "
                    + luma + "/" + chroma + "/" + chroma + " bytes, got "
                    + y.length + "/" + u.length + "/" + v.length);
        }
    }

    /** A frame of the given size with every sample zero. */
    public static Frame blank(int width, int height) {
        return new Frame(width, height, new byte[width * height],
                new byte[width * height / 4], new byte[width * height / 4]);
    }

    /** A mid-grey frame (Y = U = V = 128). */
    public static Frame grey(int width, int height) {
        Frame f = blank(width, height);
        Arrays.fill(f.y, (byte) 128);
        Arrays.fill(f.u, (byte) 128);
        Arrays.fill(f.v, (byte) 128);
        return f;
    }

    public int chromaWidth() {
        return width / 2;
    }

    public int chromaHeight() {
        return height / 2;
    }

    /** Plane 0 = Y, 1 = U, 2 = V. */
    public byte[] plane(int index) {
        return switch (index) {
            case 0 -> y;
            case 1 -> u;
            case 2 -> v;
            default -> throw new IllegalArgumentException("plane index " + index + " is not 0, 1 or 2");
        };
    }

    /** Width of plane {@code index}. */
    public int planeWidth(int index) {
        return index == 0 ? width : width / 2;
    }

    /** Height of plane {@code index}. */
    public int planeHeight(int index) {
        return index == 0 ? height : height / 2;
    }

    /** A deep copy. */
    public Frame copy() {
        return new Frame(width, height, y.clone(), u.clone(), v.clone());
    }

    /** True when both frames have the same size and samples. */
    public boolean sameSamples(Frame other) {
        return width == other.width && height == other.height
                && Arrays.equals(y, other.y) && Arrays.equals(u, other.u) && Arrays.equals(v, other.v);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Frame f && sameSamples(f);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * width + height) + Arrays.hashCode(y);
    }

    @Override
    public String toString() {
        return "Frame[" + width + "x" + height + "]";
    }
}
