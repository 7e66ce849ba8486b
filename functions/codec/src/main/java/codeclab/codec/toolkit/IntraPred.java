package codeclab.codec.toolkit;

/**
 * Intra prediction from reconstructed neighbours, as HEVC specifies it (8.4.4.2): 35 modes - planar (0),
 * DC (1) and 33 angles (2 = down-left diagonal, 10 = horizontal, 18 = up-left diagonal, 26 = vertical,
 * 34 = up-right diagonal) - on n x n blocks, n in 4, 8, 16, 32.
 *
 * <p>References: the 4n + 1 samples left of and above the block, in one array from the bottom of the
 * left column up to the corner and then along the top row: {@code ref[2n - 1 - y]} is the sample left of
 * row y (y = 0..2n-1), {@code ref[2n]} the above-left corner, {@code ref[2n + 1 + x]} the sample above
 * column x (x = 0..2n-1). Unavailable samples (outside the picture, or not yet reconstructed) are
 * substituted as HEVC does: the nearest available one scanning from the bottom-left, or 128 when none is.
 * Luma then smooths them with [1 2 1] depending on mode and size ({@link #filter}) and applies the DC /
 * horizontal / vertical boundary filters; chroma uses neither.
 */
public final class IntraPred {

    private IntraPred() {
    }

    public static final int PLANAR = 0;
    public static final int DC = 1;
    public static final int HORIZONTAL = 10;
    public static final int VERTICAL = 26;
    /** Number of modes (0..34). */
    public static final int MODES = 35;

    private static final int[] ANGLE = {0, 0, 32, 26, 21, 17, 13, 9, 5, 2, 0, -2, -5, -9, -13, -17, -21, -26,
        -32, -26, -21, -17, -13, -9, -5, -2, 0, 2, 5, 9, 13, 17, 21, 26, 32};
    private static final int[] INV_ANGLE = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, -4096, -1638, -910, -630, -482, -390,
        -315, -256, -315, -390, -482, -630, -910, -1638, -4096, 0, 0, 0, 0, 0, 0, 0, 0, 0};

    private static void checkSize(int n) {
        if (n != 4 && n != 8 && n != 16 && n != 32) {
            throw new IllegalArgumentException("intra block size " + n + " is not 4, 8, 16 or 32");
        }
    }

    /**
     * Gathers the 4n + 1 references of the n x n block at (x, y) from {@code rec} with substitution. A sample
     * is available when it is inside the plane and, if {@code coded} is given, its block in {@code coded} is not
     * {@code coded.outside()} (mark blocks as you reconstruct them; clear the grid each picture). Without a grid,
     * the left column, corner and top row are available inside the picture, above-right and below-left are not
     * (safe for any coding order).
     */
    public static void references(Plane rec, int x, int y, int n, BlockGrid coded, int[] ref) {
        checkSize(n);
        int len = 4 * n + 1;
        boolean[] ok = new boolean[len];
        boolean any = false;
        for (int i = 0; i < len; i++) {
            int sx;
            int sy;
            if (i < 2 * n) {
                sx = x - 1;
                sy = y + 2 * n - 1 - i;
            } else {
                sx = x - 1 + (i - 2 * n);
                sy = y - 1;
            }
            boolean inside = sx >= 0 && sy >= 0 && sx < rec.width() && sy < rec.height();
            boolean avail = inside && (coded != null ? coded.at(sx, sy) != coded.outside()
                    : (i >= n && i <= 3 * n));
            ok[i] = avail;
            if (avail) {
                ref[i] = rec.get(sx, sy);
                any = true;
            }
        }
        if (!any) {
            java.util.Arrays.fill(ref, 0, len, 128);
            return;
        }
        if (!ok[0]) {
            int k = 1;
            while (!ok[k]) {
                k++;
            }
            ref[0] = ref[k];
        }
        for (int i = 1; i < len; i++) {
            if (!ok[i]) {
                ref[i] = ref[i - 1];
            }
        }
    }

    /** True when HEVC smooths the luma references for {@code mode} at size n (never for DC or 4x4). */
    public static boolean filtered(int n, int mode) {
        if (mode == DC || n == 4) {
            return false;
        }
        int dist = Math.min(Math.abs(mode - VERTICAL), Math.abs(mode - HORIZONTAL));
        int threshold = n == 8 ? 7 : (n == 16 ? 1 : 0);
        return dist > threshold;
    }

    /** Copies {@code ref} to {@code out}, [1 2 1]-smoothed when {@link #filtered}(n, mode) (ends kept). */
    public static void filter(int[] ref, int n, int mode, int[] out) {
        int len = 4 * n + 1;
        if (!filtered(n, mode)) {
            System.arraycopy(ref, 0, out, 0, len);
            return;
        }
        int prev = ref[0];
        out[0] = ref[0];
        for (int i = 1; i < len - 1; i++) {
            int cur = ref[i];
            out[i] = (prev + 2 * cur + ref[i + 1] + 2) >> 2;
            prev = cur;
        }
        out[len - 1] = ref[len - 1];
    }

    /**
     * Predicts the n x n block (row-major into {@code out}) from references in the layout above (already
     * filtered if wanted). {@code edgeFilters}: HEVC's luma boundary smoothing for DC, horizontal and vertical.
     */
    public static void predict(int[] ref, int n, int mode, boolean edgeFilters, int[] out) {
        checkSize(n);
        if (mode < 0 || mode >= MODES) {
            throw new IllegalArgumentException("intra mode " + mode + " is outside 0.." + (MODES - 1));
        }
        int c = 2 * n;                 // corner index
        if (mode == PLANAR) {
            int shift = Integer.numberOfTrailingZeros(n) + 1;
            int topRight = ref[c + 1 + n];
            int bottomLeft = ref[c - 1 - n];
            for (int y = 0; y < n; y++) {
                int left = ref[c - 1 - y];
                for (int x = 0; x < n; x++) {
                    out[y * n + x] = ((n - 1 - x) * left + (x + 1) * topRight + (n - 1 - y) * ref[c + 1 + x]
                            + (y + 1) * bottomLeft + n) >> shift;
                }
            }
            return;
        }
        if (mode == DC) {
            int sum = n;
            for (int i = 0; i < n; i++) {
                sum += ref[c + 1 + i] + ref[c - 1 - i];
            }
            int dc = sum >> (Integer.numberOfTrailingZeros(n) + 1);
            java.util.Arrays.fill(out, 0, n * n, dc);
            if (edgeFilters && n < 32) {
                out[0] = (ref[c - 1] + 2 * dc + ref[c + 1] + 2) >> 2;
                for (int i = 1; i < n; i++) {
                    out[i] = (ref[c + 1 + i] + 3 * dc + 2) >> 2;
                    out[i * n] = (ref[c - 1 - i] + 3 * dc + 2) >> 2;
                }
            }
            return;
        }
        boolean vertical = mode >= 18;
        int angle = ANGLE[mode];
        // main reference line r[k], k = -n..2n, stored at r[k + n]: along the top for vertical modes, the left
        // column (top to bottom) for horizontal ones; negative k projects the other side (inverse angle)
        int[] r = new int[3 * n + 1];
        for (int k = 0; k <= 2 * n; k++) {
            r[k + n] = vertical ? ref[c + k] : ref[c - k];
        }
        if (angle < 0 && (n * angle) >> 5 < -1) {
            int inv = INV_ANGLE[mode];
            for (int k = (n * angle) >> 5; k <= -1; k++) {
                int j = (k * inv + 128) >> 8;
                r[k + n] = vertical ? ref[c - j] : ref[c + j];
            }
        }
        for (int a = 0; a < n; a++) {             // a: distance from the main line (row for vertical)
            int pos = (a + 1) * angle;
            int idx = pos >> 5;
            int fact = pos & 31;
            for (int b = 0; b < n; b++) {         // b: position along the line
                int k = b + idx + 1 + n;
                int v = fact != 0 ? ((32 - fact) * r[k] + fact * r[k + 1] + 16) >> 5 : r[k];
                out[vertical ? a * n + b : b * n + a] = v;
            }
        }
        if (edgeFilters && n < 32 && (mode == VERTICAL || mode == HORIZONTAL)) {
            for (int i = 0; i < n; i++) {
                if (mode == VERTICAL) {
                    out[i * n] = Planes.clamp255(ref[c + 1] + ((ref[c - 1 - i] - ref[c]) >> 1));
                } else {
                    out[i] = Planes.clamp255(ref[c - 1] + ((ref[c + 1 + i] - ref[c]) >> 1));
                }
            }
        }
    }

    /** Luma prediction in one call: {@link #references}, {@link #filter}, {@link #predict} with edge filters. */
    public static void predict(Plane rec, int x, int y, int n, int mode, BlockGrid coded, int[] out) {
        int[] ref = new int[4 * n + 1];
        int[] f = new int[4 * n + 1];
        references(rec, x, y, n, coded, ref);
        filter(ref, n, mode, f);
        predict(f, n, mode, true, out);
    }

    /**
     * Rough mode decision (HM's first pass): the mode among {@code modes} whose luma prediction from the
     * unfiltered references {@code ref} has the lowest SATD against the n x n block at (x, y) of {@code cur};
     * its prediction is left in {@code out}. Refine the winners with a real RD cost if you can afford it.
     */
    public static int bestMode(Plane cur, int x, int y, int n, int[] ref, int[] modes, int[] out) {
        int[] f = new int[4 * n + 1];
        int[] p = new int[n * n];
        int best = -1;
        int bestSatd = Integer.MAX_VALUE;
        for (int mode : modes) {
            filter(ref, n, mode, f);
            predict(f, n, mode, true, p);
            int s = Rd.satd(cur, x, y, p, n, n);
            if (s < bestSatd) {
                bestSatd = s;
                best = mode;
                System.arraycopy(p, 0, out, 0, n * n);
            }
        }
        return best;
    }

    /**
     * HEVC's three most probable modes (8.4.2) from the left and above blocks' modes (pass DC for a
     * neighbour that is unavailable or not intra), into {@code mpm[0..2]}.
     */
    public static void mostProbable(int left, int above, int[] mpm) {
        if (left == above) {
            if (left < 2) {
                mpm[0] = PLANAR;
                mpm[1] = DC;
                mpm[2] = VERTICAL;
            } else {
                mpm[0] = left;
                mpm[1] = 2 + ((left + 29) % 32);
                mpm[2] = 2 + ((left - 2 + 1) % 32);
            }
            return;
        }
        mpm[0] = left;
        mpm[1] = above;
        mpm[2] = left != PLANAR && above != PLANAR ? PLANAR : (left != DC && above != DC ? DC : VERTICAL);
    }

    /**
     * Codes a luma mode as HEVC does: a context-coded "is one of the most probable" flag, then the MPM index
     * (truncated unary, bypass, max 2) or the remaining mode in 5 bypass bins. Returns the (decoded) mode.
     */
    public static int codeMode(BinCoder io, BitModel mpmFlag, int[] mpm, int mode) {
        int idx = -1;
        for (int i = 0; i < 3; i++) {
            if (mpm[i] == mode) {
                idx = i;
            }
        }
        if (io.bit(mpmFlag, idx >= 0 ? 1 : 0) == 1) {
            int i = io.bypass(idx >= 1 ? 1 : 0) == 0 ? 0 : (io.bypass(idx == 2 ? 1 : 0) == 0 ? 1 : 2);
            return mpm[i];
        }
        int[] sorted = mpm.clone();
        java.util.Arrays.sort(sorted, 0, 3);
        int rem = mode;
        for (int i = 2; i >= 0; i--) {
            if (!io.reading() && mode > sorted[i]) {
                rem--;
            }
        }
        int m = io.bits(rem, 5);
        for (int i = 0; i < 3; i++) {
            if (m >= sorted[i]) {
                m++;
            }
        }
        return m;
    }
}
