package codeclab.codec.toolkit;

/** Deterministic test content. */
final class TestPlanes {

    private TestPlanes() {
    }

    /** A smooth but non-linear pattern (sums of sines), 0..255. */
    static Plane smooth(int w, int h, long seed) {
        Plane p = Plane.blank(w, h);
        double a = 0.21 + seed * 0.013;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double v = 128 + 60 * Math.sin(x * a) * Math.cos(y * 0.17) + 40 * Math.sin((x + 2 * y) * 0.11 + seed);
                p.set(x, y, (int) Math.round(v));
            }
        }
        return p;
    }
}
