package codeclab.codec.toolkit;

/**
 * In-loop deblocking in the style of H.264's normal edge filter. For every block edge (vertical edges
 * first, then horizontal) and every line across it, with samples p1 p0 | q0 q1: if
 * |p0-q0| &lt; alpha, |p1-p0| &lt; beta and |q1-q0| &lt; beta (a small step, not a real edge), then
 * delta = clamp((4(q0-p0) + (p1-q1) + 4) &gt;&gt; 3, -tc, tc), p0 += delta, q0 -= delta.
 * A flat plane is left unchanged. Use the same call in encoder and decoder to keep them in step.
 */
public final class Deblock {

    private Deblock() {
    }

    /**
     * Filters the edges of the {@code blockSize} grid with thresholds derived from {@code strength}
     * (about the quantiser step in sample units; 0 disables): alpha = strength + 2,
     * beta = strength / 4 + 1, tc = strength / 8 + 1.
     */
    public static void filter(Plane p, int blockSize, int strength) {
        if (strength <= 0) {
            return;
        }
        filter(p, blockSize, strength + 2, strength / 4 + 1, strength / 8 + 1);
    }

    /** Filters the edges of the {@code blockSize} grid with explicit H.264-style thresholds. */
    public static void filter(Plane p, int blockSize, int alpha, int beta, int tc) {
        if (blockSize < 2) {
            throw new IllegalArgumentException("block size " + blockSize + " must be >= 2");
        }
        byte[] d = p.data();
        int w = p.width();
        int h = p.height();
        for (int x = blockSize; x < w - 1; x += blockSize) {
            if (x < 2) {
                continue;
            }
            for (int y = 0; y < h; y++) {
                edge(d, y * w + x, 1, alpha, beta, tc);
            }
        }
        for (int y = blockSize; y < h - 1; y += blockSize) {
            if (y < 2) {
                continue;
            }
            for (int x = 0; x < w; x++) {
                edge(d, y * w + x, w, alpha, beta, tc);
            }
        }
    }

    // q0 is at index q; p0 = q - step, p1 = q - 2*step, q1 = q + step
    private static void edge(byte[] d, int q, int step, int alpha, int beta, int tc) {
        int p0 = d[q - step] & 0xFF;
        int p1 = d[q - 2 * step] & 0xFF;
        int q0 = d[q] & 0xFF;
        int q1 = d[q + step] & 0xFF;
        if (Math.abs(p0 - q0) >= alpha || Math.abs(p1 - p0) >= beta || Math.abs(q1 - q0) >= beta) {
            return;
        }
        int delta = Planes.clamp((4 * (q0 - p0) + (p1 - q1) + 4) >> 3, -tc, tc);
        d[q - step] = (byte) Planes.clamp255(p0 + delta);
        d[q] = (byte) Planes.clamp255(q0 - delta);
    }
}
