package codeclab.codec.toolkit;

import codeclab.codec.Frame;

/** Plane and colour helpers: clamping, block get/put with edge clamping, copy, padding, BT.601 colour. */
public final class Planes {

    private Planes() {
    }

    /** {@code v} clamped to 0..255. */
    public static int clamp255(int v) {
        return v < 0 ? 0 : (v > 255 ? 255 : v);
    }

    /** {@code v} clamped to lo..hi. */
    public static int clamp(int v, int lo, int hi) {
        return v < lo ? lo : (v > hi ? hi : v);
    }

    /**
     * Copies the {@code w x h} block at (x, y) into {@code out} (row-major, w per row); samples outside
     * the plane repeat the nearest edge sample.
     */
    public static void getBlock(Plane p, int x, int y, int w, int h, int[] out) {
        byte[] d = p.data();
        int pw = p.width();
        if (x >= 0 && y >= 0 && x + w <= pw && y + h <= p.height()) {
            for (int j = 0; j < h; j++) {
                int src = (y + j) * pw + x;
                int dst = j * w;
                for (int i = 0; i < w; i++) {
                    out[dst + i] = d[src + i] & 0xFF;
                }
            }
            return;
        }
        for (int j = 0; j < h; j++) {
            for (int i = 0; i < w; i++) {
                out[j * w + i] = p.at(x + i, y + j);
            }
        }
    }

    /**
     * Writes the {@code w x h} block {@code in} (row-major) at (x, y), clamping values to 0..255 and
     * skipping samples that fall outside the plane.
     */
    public static void putBlock(Plane p, int x, int y, int w, int h, int[] in) {
        byte[] d = p.data();
        int pw = p.width();
        int ph = p.height();
        for (int j = 0; j < h; j++) {
            int yy = y + j;
            if (yy < 0 || yy >= ph) {
                continue;
            }
            for (int i = 0; i < w; i++) {
                int xx = x + i;
                if (xx >= 0 && xx < pw) {
                    d[yy * pw + xx] = (byte) clamp255(in[j * w + i]);
                }
            }
        }
    }

    /** Copies all samples of {@code src} into {@code dst} (same size). */
    public static void copy(Plane src, Plane dst) {
        if (src.width() != dst.width() || src.height() != dst.height()) {
            throw new IllegalArgumentException("cannot copy a " + src.width() + "x" + src.height()
                    + " plane into a " + dst.width() + "x" + dst.height() + " one");
        }
        System.arraycopy(src.data(), 0, dst.data(), 0, src.data().length);
    }

    /** {@code n} rounded up to a multiple of {@code multiple}. */
    public static int roundUp(int n, int multiple) {
        return (n + multiple - 1) / multiple * multiple;
    }

    /** A new plane of {@code width x height} (>= the source's) holding {@code src} with its edges repeated. */
    public static Plane pad(Plane src, int width, int height) {
        if (width < src.width() || height < src.height()) {
            throw new IllegalArgumentException("cannot pad a " + src.width() + "x" + src.height()
                    + " plane down to " + width + "x" + height);
        }
        Plane out = Plane.blank(width, height);
        int[] row = new int[width];
        for (int y = 0; y < height; y++) {
            getBlock(src, 0, y, width, 1, row);
            putBlock(out, 0, y, width, 1, row);
        }
        return out;
    }

    /** A new plane: the top-left {@code width x height} region of {@code src}. */
    public static Plane crop(Plane src, int width, int height) {
        if (width > src.width() || height > src.height()) {
            throw new IllegalArgumentException("cannot crop a " + src.width() + "x" + src.height()
                    + " plane to " + width + "x" + height);
        }
        byte[] d = new byte[width * height];
        for (int y = 0; y < height; y++) {
            System.arraycopy(src.data(), y * src.width(), d, y * width, width);
        }
        return new Plane(d, width, height);
    }

    /** A frame of {@code width x height} made from the top-left regions of three planes (luma, then chroma). */
    public static Frame toFrame(Plane y, Plane u, Plane v, int width, int height) {
        return new Frame(width, height, crop(y, width, height).data(),
                crop(u, width / 2, height / 2).data(), crop(v, width / 2, height / 2).data());
    }

    /** Sum of squared differences between two planes of the same size. */
    public static long sse(Plane a, Plane b) {
        if (a.width() != b.width() || a.height() != b.height()) {
            throw new IllegalArgumentException("planes differ in size");
        }
        byte[] x = a.data();
        byte[] z = b.data();
        long s = 0;
        for (int i = 0; i < x.length; i++) {
            int d = (x[i] & 0xFF) - (z[i] & 0xFF);
            s += d * d;
        }
        return s;
    }

    /** BT.601 limited-range ("studio swing", Y 16..235, Cb/Cr 16..240) from 8-bit RGB: {Y, Cb, Cr}. */
    public static int[] rgbToYuv(int r, int g, int b) {
        double y = 16 + (65.481 * r + 128.553 * g + 24.966 * b) / 255.0;
        double cb = 128 + (-37.797 * r - 74.203 * g + 112.0 * b) / 255.0;
        double cr = 128 + (112.0 * r - 93.786 * g - 18.214 * b) / 255.0;
        return new int[] {clamp255((int) Math.round(y)), clamp255((int) Math.round(cb)), clamp255((int) Math.round(cr))};
    }

    /** Inverse of {@link #rgbToYuv} (BT.601 limited range): {R, G, B} clamped to 0..255. */
    public static int[] yuvToRgb(int y, int cb, int cr) {
        double c = (y - 16) * 255.0 / 219.0;
        double d = (cb - 128) * 255.0 / 224.0;
        double e = (cr - 128) * 255.0 / 224.0;
        double r = c + 1.402 * e;
        double g = c - 0.344136 * d - 0.714136 * e;
        double b = c + 1.772 * d;
        return new int[] {clamp255((int) Math.round(r)), clamp255((int) Math.round(g)), clamp255((int) Math.round(b))};
    }
}
