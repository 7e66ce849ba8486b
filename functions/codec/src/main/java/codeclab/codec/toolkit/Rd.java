package codeclab.codec.toolkit;

/**
 * Rate-distortion helpers: distortion measures on a block against a prediction (SAD, SSE, SATD), the
 * quantiser step / QP relation and the Lagrange multiplier, and bit counts of Exp-Golomb codes.
 *
 * <p>Steps are for the orthonormal {@link Dct} (as {@link Quant#qualityToStep}), which is the scale the
 * H.264/HEVC step {@code 2^((QP - 4) / 6)} refers to. The mode-decision lambda is HM's
 * {@code 0.57 * 2^((QP - 12) / 3)}, which is {@code 0.57 * 2^(-8/3) * step^2 = 0.0898 * step^2} (high-rate
 * theory gives {@code ln2 / 6 * step^2 = 0.116 * step^2}); use it with SSE. With SAD or SATD use
 * {@link #lambdaSad} = sqrt(lambda) (JM/HM motion estimation). Blocks of a {@link Plane} must lie inside it.
 */
public final class Rd {

    private Rd() {
    }

    /** H.264/HEVC quantiser step for {@code qp}: {@code 2^((qp - 4) / 6)} (QP 4 = step 1, +6 QP doubles it). */
    public static double qpToStep(double qp) {
        return Math.pow(2, (qp - 4) / 6.0);
    }

    /** Inverse of {@link #qpToStep}: {@code 4 + 6 log2(step)} (may be fractional or negative). */
    public static double stepToQp(double step) {
        if (!(step > 0)) {
            throw new IllegalArgumentException("quantiser step " + step + " must be > 0");
        }
        return 4 + 6 * Math.log(step) / Math.log(2);
    }

    /** Lagrange multiplier for SSE distortion: HM's {@code 0.57 * 2^((QP - 12) / 3)} at the QP of {@code step}. */
    public static double lambda(double step) {
        return 0.57 * Math.pow(2, (stepToQp(step) - 12) / 3.0);
    }

    /** Lagrange multiplier for SAD/SATD distortion: {@code sqrt(lambda(step))}. */
    public static double lambdaSad(double step) {
        return Math.sqrt(lambda(step));
    }

    /** RD cost {@code J = distortion + lambda * bits}. */
    public static double cost(double distortion, double bits, double lambda) {
        return distortion + lambda * bits;
    }

    /** Sum of absolute differences between the w x h block at (x, y) of {@code cur} and {@code pred} (row-major). */
    public static int sad(Plane cur, int x, int y, int[] pred, int w, int h) {
        byte[] c = cur.data();
        int cw = cur.width();
        int s = 0;
        for (int j = 0; j < h; j++) {
            int ci = (y + j) * cw + x;
            int pi = j * w;
            for (int i = 0; i < w; i++) {
                s += Math.abs((c[ci + i] & 0xFF) - pred[pi + i]);
            }
        }
        return s;
    }

    /** Sum of squared differences between the w x h block at (x, y) of {@code cur} and {@code pred}. */
    public static long sse(Plane cur, int x, int y, int[] pred, int w, int h) {
        byte[] c = cur.data();
        int cw = cur.width();
        long s = 0;
        for (int j = 0; j < h; j++) {
            int ci = (y + j) * cw + x;
            int pi = j * w;
            for (int i = 0; i < w; i++) {
                int d = (c[ci + i] & 0xFF) - pred[pi + i];
                s += d * d;
            }
        }
        return s;
    }

    /** Sum of squared differences of the first {@code n} values of two arrays. */
    public static long sse(int[] a, int[] b, int n) {
        long s = 0;
        for (int i = 0; i < n; i++) {
            int d = a[i] - b[i];
            s += d * d;
        }
        return s;
    }

    /**
     * SATD: the sum over 4x4 sub-blocks of |4x4 Hadamard transform of (cur - pred)| / 2 (x264's satd), a
     * cheap estimate of the residual's coding cost. w and h must be multiples of 4.
     */
    public static int satd(Plane cur, int x, int y, int[] pred, int w, int h) {
        checkSatd(w, h);
        byte[] c = cur.data();
        int cw = cur.width();
        int total = 0;
        int[] d = new int[16];
        for (int by = 0; by < h; by += 4) {
            for (int bx = 0; bx < w; bx += 4) {
                for (int j = 0; j < 4; j++) {
                    int ci = (y + by + j) * cw + x + bx;
                    int pi = (by + j) * w + bx;
                    for (int i = 0; i < 4; i++) {
                        d[j * 4 + i] = (c[ci + i] & 0xFF) - pred[pi + i];
                    }
                }
                total += hadamard4(d);
            }
        }
        return total;
    }

    /** {@link #satd(Plane, int, int, int[], int, int)} between two row-major w x h arrays. */
    public static int satd(int[] a, int[] b, int w, int h) {
        checkSatd(w, h);
        int total = 0;
        int[] d = new int[16];
        for (int by = 0; by < h; by += 4) {
            for (int bx = 0; bx < w; bx += 4) {
                for (int j = 0; j < 4; j++) {
                    int p = (by + j) * w + bx;
                    for (int i = 0; i < 4; i++) {
                        d[j * 4 + i] = a[p + i] - b[p + i];
                    }
                }
                total += hadamard4(d);
            }
        }
        return total;
    }

    private static void checkSatd(int w, int h) {
        if (w % 4 != 0 || h % 4 != 0 || w < 4 || h < 4) {
            throw new IllegalArgumentException("SATD needs a block whose sides are multiples of 4, got " + w + "x" + h);
        }
    }

    // sum |H d H^T| / 2 for a 4x4 Hadamard H; d is overwritten
    private static int hadamard4(int[] d) {
        for (int r = 0; r < 16; r += 4) {
            int s01 = d[r] + d[r + 1];
            int d01 = d[r] - d[r + 1];
            int s23 = d[r + 2] + d[r + 3];
            int d23 = d[r + 2] - d[r + 3];
            d[r] = s01 + s23;
            d[r + 1] = s01 - s23;
            d[r + 2] = d01 - d23;
            d[r + 3] = d01 + d23;
        }
        int sum = 0;
        for (int c = 0; c < 4; c++) {
            int s01 = d[c] + d[c + 4];
            int d01 = d[c] - d[c + 4];
            int s23 = d[c + 8] + d[c + 12];
            int d23 = d[c + 8] - d[c + 12];
            sum += Math.abs(s01 + s23) + Math.abs(s01 - s23) + Math.abs(d01 - d23) + Math.abs(d01 + d23);
        }
        return (sum + 1) >> 1;
    }

    /** Length in bits of the Exp-Golomb ue(v) code of {@code v} >= 0 ({@code 2 floor(log2(v + 1)) + 1}). */
    public static int ueBits(int v) {
        return 2 * (31 - Integer.numberOfLeadingZeros(v + 1)) + 1;
    }

    /** Length in bits of the se(v) code of {@code v} (0, 1, -1, 2, -2 map to ue 0, 1, 2, 3, 4). */
    public static int seBits(int v) {
        return ueBits(v > 0 ? 2 * v - 1 : -2 * v);
    }
}
