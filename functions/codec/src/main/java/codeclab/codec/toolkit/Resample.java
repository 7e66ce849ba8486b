package codeclab.codec.toolkit;

/** Plane resampling: 2x down (box), 2x up and arbitrary sizes (bilinear, pixel centres aligned). */
public final class Resample {

    private Resample() {
    }

    /** Halves both dimensions (rounded up) by averaging 2x2 boxes; odd edges repeat the last sample. */
    public static Plane down2(Plane src) {
        int w = (src.width() + 1) / 2;
        int h = (src.height() + 1) / 2;
        Plane out = Plane.blank(w, h);
        byte[] d = out.data();
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int s = src.at(2 * x, 2 * y) + src.at(2 * x + 1, 2 * y)
                        + src.at(2 * x, 2 * y + 1) + src.at(2 * x + 1, 2 * y + 1);
                d[y * w + x] = (byte) ((s + 2) >> 2);
            }
        }
        return out;
    }

    /** Doubles {@code src} to {@code width x height} (normally 2x its size) with bilinear interpolation. */
    public static Plane up2(Plane src, int width, int height) {
        return resize(src, width, height);
    }

    /**
     * Resizes to {@code width x height} with bilinear interpolation, aligning pixel centres
     * (source coordinate = (x + 0.5) * srcW / width - 0.5), edges clamped.
     */
    public static Plane resize(Plane src, int width, int height) {
        if (width < 1 || height < 1) {
            throw new IllegalArgumentException("target size " + width + "x" + height + " must be positive");
        }
        Plane out = Plane.blank(width, height);
        byte[] d = out.data();
        double sx = (double) src.width() / width;
        double sy = (double) src.height() / height;
        // 8-bit fixed-point weights keep the inner loop in integers
        int[] x0 = new int[width];
        int[] wx = new int[width];
        for (int x = 0; x < width; x++) {
            double fx = Math.max(0, (x + 0.5) * sx - 0.5);
            x0[x] = (int) fx;
            wx[x] = (int) Math.round((fx - x0[x]) * 256);
        }
        for (int y = 0; y < height; y++) {
            double fy = Math.max(0, (y + 0.5) * sy - 0.5);
            int y0 = (int) fy;
            int wy = (int) Math.round((fy - y0) * 256);
            for (int x = 0; x < width; x++) {
                int a = src.at(x0[x], y0);
                int b = src.at(x0[x] + 1, y0);
                int c = src.at(x0[x], y0 + 1);
                int e = src.at(x0[x] + 1, y0 + 1);
                int top = a * (256 - wx[x]) + b * wx[x];
                int bottom = c * (256 - wx[x]) + e * wx[x];
                d[y * width + x] = (byte) Planes.clamp255((top * (256 - wy) + bottom * wy + 32768) >> 16);
            }
        }
        return out;
    }
}
