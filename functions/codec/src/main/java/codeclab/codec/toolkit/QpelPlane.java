package codeclab.codec.toolkit;

/**
 * A reference picture with its half-pel planes computed once (as x264 does), for fast quarter-pel motion
 * search and compensation: each prediction is then a copy or a rounded average of two precomputed samples
 * instead of 6-tap filtering. Results are identical to {@link SubPel#luma} (the same H.264 filters and edge
 * rule); vectors reaching further than {@link #MARGIN} pixels outside the picture fall back to it.
 * Build one per reference picture: 4 bytes per pixel of the picture plus margin (8 more while building).
 */
public final class QpelPlane {

    /** How far outside the picture (in whole pixels) the precomputed planes reach. */
    public static final int MARGIN = 40;

    private final Plane ref;
    private final int stride;
    private final int rows;
    private final byte[] full;
    private final byte[] half;       // b: between (x, y) and (x+1, y)
    private final byte[] vert;       // h: between (x, y) and (x, y+1)
    private final byte[] centre;     // j
    private final SubPel fallback = new SubPel();
    private int[] pred = new int[0];

    /** Precomputes the half-pel planes of {@code ref} (which must not change while this is used). */
    public QpelPlane(Plane ref) {
        this.ref = ref;
        this.stride = ref.width() + 2 * MARGIN;
        this.rows = ref.height() + 2 * MARGIN;
        int size = stride * rows;
        full = new byte[size];
        half = new byte[size];
        vert = new byte[size];
        centre = new byte[size];
        // integer samples with 3 extra rows/columns of edge repetition so every tap stays inside
        int ew = stride + 6;
        int eh = rows + 6;
        int[] ext = new int[ew * eh];
        for (int y = 0; y < eh; y++) {
            for (int x = 0; x < ew; x++) {
                ext[y * ew + x] = ref.at(x - MARGIN - 3, y - MARGIN - 3);
            }
        }
        int[] hb1 = new int[stride * eh];          // unrounded horizontal half-pels, every extended row
        for (int y = 0; y < eh; y++) {
            for (int x = 0; x < stride; x++) {
                int q = y * ew + x + 3;
                hb1[y * stride + x] = ext[q - 2] - 5 * ext[q - 1] + 20 * ext[q] + 20 * ext[q + 1] - 5 * ext[q + 2] + ext[q + 3];
            }
        }
        for (int y = 0; y < rows; y++) {
            for (int x = 0; x < stride; x++) {
                int i = y * stride + x;
                int q = (y + 3) * ew + x + 3;
                full[i] = (byte) ext[q];
                half[i] = (byte) Planes.clamp255((hb1[(y + 3) * stride + x] + 16) >> 5);
                int v = ext[q - 2 * ew] - 5 * ext[q - ew] + 20 * ext[q] + 20 * ext[q + ew] - 5 * ext[q + 2 * ew] + ext[q + 3 * ew];
                vert[i] = (byte) Planes.clamp255((v + 16) >> 5);
                int h = (y + 3) * stride + x;
                int j = hb1[h - 2 * stride] - 5 * hb1[h - stride] + 20 * hb1[h] + 20 * hb1[h + stride]
                        - 5 * hb1[h + 2 * stride] + hb1[h + 3 * stride];
                centre[i] = (byte) Planes.clamp255((j + 512) >> 10);
            }
        }
    }

    /** The reference picture. */
    public Plane plane() {
        return ref;
    }

    /** Same as {@link SubPel#luma} on the reference: the w x h block at (x, y) displaced by (mvx, mvy) quarter pels. */
    public void predict(int x, int y, int mvx, int mvy, int w, int h, int[] out) {
        int ix = x + (mvx >> 2) + MARGIN;
        int iy = y + (mvy >> 2) + MARGIN;
        if (ix < 0 || iy < 0 || ix + w + 1 > stride || iy + h + 1 > rows) {
            fallback.luma(ref, x, y, mvx, mvy, w, h, out);
            return;
        }
        int f = (mvy & 3) * 4 + (mvx & 3);
        // each position is one plane, or the rounded average of two (a, b) at offsets (da, db)
        byte[] a;
        byte[] b = null;
        int db = 0;
        int da = 0;
        switch (f) {
            case 0 -> a = full;
            case 2 -> a = half;
            case 8 -> a = vert;
            case 10 -> a = centre;
            case 1 -> { a = full; b = half; }
            case 3 -> { a = full; da = 1; b = half; }
            case 4 -> { a = full; b = vert; }
            case 12 -> { a = full; da = stride; b = vert; }
            case 5 -> { a = half; b = vert; }
            case 7 -> { a = half; b = vert; db = 1; }
            case 13 -> { a = vert; b = half; db = stride; }
            case 15 -> { a = vert; da = 1; b = half; db = stride; }
            case 6 -> { a = half; b = centre; }
            case 14 -> { a = centre; b = half; db = stride; }
            case 9 -> { a = vert; b = centre; }
            default -> { a = centre; b = vert; db = 1; }      // 11
        }
        for (int r = 0; r < h; r++) {
            int p = (iy + r) * stride + ix;
            int o = r * w;
            if (b == null) {
                for (int c = 0; c < w; c++) {
                    out[o + c] = a[p + c] & 0xFF;
                }
            } else {
                for (int c = 0; c < w; c++) {
                    out[o + c] = ((a[p + da + c] & 0xFF) + (b[p + db + c] & 0xFF) + 1) >> 1;
                }
            }
        }
    }

    /**
     * {@link SubPel#refine} on the precomputed planes: half- then quarter-pel steps around {@code fullPel}
     * minimising SATD + lambda * (seBits(mvx - predX) + seBits(mvy - predY)); returns the quarter-pel vector
     * with its SATD as cost. w and h multiples of 4, the block inside {@code cur}.
     */
    public MotionVector refine(Plane cur, int x, int y, int w, int h, MotionVector fullPel, int predX, int predY, double lambda) {
        if (pred.length < w * h) {
            pred = new int[w * h];
        }
        return SubPel.refine(this::predict, pred, cur, x, y, w, h, fullPel, predX, predY, lambda);
    }
}
