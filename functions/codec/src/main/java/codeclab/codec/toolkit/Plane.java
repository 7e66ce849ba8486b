package codeclab.codec.toolkit;

import codeclab.codec.Frame;

/**
 * One 8-bit sample plane viewed as {@code width x height} unsigned samples, row by row, no padding.
 * The array is shared, not copied: {@code Plane.of(frame, 0)} writes through to the frame's luma.
 * Record equality compares the array reference, not the samples: use {@link Planes#sse} for content.
 */
public record Plane(byte[] data, int width, int height) {

    public Plane {
        if (width < 1 || height < 1 || data == null || data.length != width * height) {
            throw new IllegalArgumentException("plane " + width + "x" + height + " needs "
                    + ((long) width * height) + " samples, got " + (data == null ? "null" : data.length));
        }
    }

    /** A zero-filled plane. */
    public static Plane blank(int width, int height) {
        return new Plane(new byte[width * height], width, height);
    }

    /** Plane {@code index} (0 = Y, 1 = U, 2 = V) of {@code frame}, sharing its array. */
    public static Plane of(Frame frame, int index) {
        return new Plane(frame.plane(index), frame.planeWidth(index), frame.planeHeight(index));
    }

    /** Sample at (x, y) as 0..255; coordinates outside the plane are clamped to the nearest edge. */
    public int at(int x, int y) {
        x = x < 0 ? 0 : (x >= width ? width - 1 : x);
        y = y < 0 ? 0 : (y >= height ? height - 1 : y);
        return data[y * width + x] & 0xFF;
    }

    /** Sample at (x, y), which must be inside the plane. */
    public int get(int x, int y) {
        return data[y * width + x] & 0xFF;
    }

    /** Stores {@code value} clamped to 0..255 at (x, y), which must be inside the plane. */
    public void set(int x, int y, int value) {
        data[y * width + x] = (byte) Planes.clamp255(value);
    }

    /** A deep copy. */
    public Plane copy() {
        return new Plane(data.clone(), width, height);
    }
}
