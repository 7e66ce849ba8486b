package codeclab.codec.toolkit;

/**
 * The motion of a picture on a 4x4 grid (pixel coordinates): a quarter-pel vector and a reference index
 * per block, {@link #INTRA} for intra blocks, {@link #UNAVAILABLE} outside the picture and for blocks not
 * coded yet. Gives the H.264 median vector predictor (code a vector as its difference from it) and an
 * HEVC-like merge/skip candidate list. Call {@link #clear} before each picture; set each block as it is
 * coded, in the same order in encoder and decoder, so both derive the same predictors.
 */
public final class MotionField {

    /** Reference index of an intra block (available, but has no motion). */
    public static final int INTRA = -1;
    /** Reference index outside the picture or of a block not coded yet. */
    public static final int UNAVAILABLE = -2;

    private final BlockGrid mvx;
    private final BlockGrid mvy;
    private final BlockGrid ref;

    /** A field for a {@code width x height} picture, all {@link #UNAVAILABLE}. */
    public MotionField(int width, int height) {
        mvx = new BlockGrid(width, height, 4, 0);
        mvy = new BlockGrid(width, height, 4, 0);
        ref = new BlockGrid(width, height, 4, UNAVAILABLE);
    }

    /** Marks every block not coded yet. */
    public void clear() {
        mvx.clear(0);
        mvy.clear(0);
        ref.clear(UNAVAILABLE);
    }

    /** Records the motion of the w x h block at (x, y): quarter-pel vector and reference index (>= 0, or INTRA). */
    public void set(int x, int y, int w, int h, int mvx, int mvy, int ref) {
        this.mvx.fill(x, y, w, h, ref >= 0 ? mvx : 0);
        this.mvy.fill(x, y, w, h, ref >= 0 ? mvy : 0);
        this.ref.fill(x, y, w, h, ref);
    }

    /** Horizontal vector (quarter pels) of the block holding pixel (x, y); 0 when it has none. */
    public int mvx(int x, int y) {
        return mvx.at(x, y);
    }

    /** Vertical vector (quarter pels) of the block holding pixel (x, y); 0 when it has none. */
    public int mvy(int x, int y) {
        return mvy.at(x, y);
    }

    /** Reference index of the block holding pixel (x, y), or INTRA / UNAVAILABLE. */
    public int ref(int x, int y) {
        return ref.at(x, y);
    }

    /**
     * H.264 median predictor (8.4.1.3) for the w x h block at (x, y) using reference {@code refIdx}: neighbours
     * A (left), B (above), C (above-right, or D above-left when C is unavailable). When B and C are both
     * unavailable and A is not, A's vector is used; when exactly one neighbour uses {@code refIdx} its vector
     * is used; otherwise the component-wise median (intra/unavailable count as 0). Returned with cost 0.
     */
    public MotionVector median(int x, int y, int w, int h, int refIdx) {
        int ax = x - 1;
        int ay = y;
        int bx = x;
        int by = y - 1;
        int cx = x + w;
        int cy = y - 1;
        if (ref(cx, cy) == UNAVAILABLE) {
            cx = x - 1;
        }
        int refA = ref(ax, ay);
        int refB = ref(bx, by);
        int refC = ref(cx, cy);
        if (refB == UNAVAILABLE && refC == UNAVAILABLE && refA != UNAVAILABLE) {
            return new MotionVector(mvx(ax, ay), mvy(ax, ay), 0);
        }
        int matches = (refA == refIdx ? 1 : 0) + (refB == refIdx ? 1 : 0) + (refC == refIdx ? 1 : 0);
        if (matches == 1) {
            int nx = refA == refIdx ? ax : (refB == refIdx ? bx : cx);
            int ny = refA == refIdx ? ay : (refB == refIdx ? by : cy);
            return new MotionVector(mvx(nx, ny), mvy(nx, ny), 0);
        }
        return new MotionVector(median3(mvx(ax, ay), mvx(bx, by), mvx(cx, cy)),
                median3(mvy(ax, ay), mvy(bx, by), mvy(cx, cy)), 0);
    }

    /** The median of three values. */
    public static int median3(int a, int b, int c) {
        return Math.max(Math.min(a, b), Math.min(Math.max(a, b), c));
    }

    /**
     * Merge/skip candidates for the w x h block at (x, y), HEVC order: left (A1, at the block's bottom-left),
     * above (B1, top-right), above-right (B0), below-left (A0), above-left (B2, only while fewer than 4),
     * then the co-located block's motion in {@code temporal} (the previous picture's field, may be null),
     * then zero vectors with reference 0; neighbours without motion and exact duplicates are skipped.
     * Fills the arrays (their common length is the list size wanted) and returns that length: encoder and
     * decoder get the same list, so only the chosen index needs coding.
     */
    public int mergeCandidates(int x, int y, int w, int h, MotionField temporal, int[] mvxOut, int[] mvyOut, int[] refOut) {
        int max = Math.min(mvxOut.length, Math.min(mvyOut.length, refOut.length));
        int n = 0;
        int[][] spatial = {{x - 1, y + h - 1}, {x + w - 1, y - 1}, {x + w, y - 1}, {x - 1, y + h}, {x - 1, y - 1}};
        for (int k = 0; k < spatial.length && n < max; k++) {
            if (k == 4 && n >= 4) {
                break;
            }
            n = add(this, spatial[k][0], spatial[k][1], mvxOut, mvyOut, refOut, n);
        }
        if (temporal != null && n < max) {
            n = add(temporal, x + w / 2, y + h / 2, mvxOut, mvyOut, refOut, n);
        }
        // pad with zero vectors on reference 0 (HEVC pads with zero candidates; one reference here)
        while (n < max) {
            mvxOut[n] = 0;
            mvyOut[n] = 0;
            refOut[n] = 0;
            n++;
        }
        return n;
    }

    private static int add(MotionField f, int px, int py, int[] mx, int[] my, int[] r, int n) {
        int rf = f.ref(px, py);
        if (rf < 0) {
            return n;
        }
        int vx = f.mvx(px, py);
        int vy = f.mvy(px, py);
        if (contains(vx, vy, rf, mx, my, r, n)) {
            return n;
        }
        mx[n] = vx;
        my[n] = vy;
        r[n] = rf;
        return n + 1;
    }

    private static boolean contains(int vx, int vy, int rf, int[] mx, int[] my, int[] r, int n) {
        for (int i = 0; i < n; i++) {
            if (mx[i] == vx && my[i] == vy && r[i] == rf) {
                return true;
            }
        }
        return false;
    }
}
