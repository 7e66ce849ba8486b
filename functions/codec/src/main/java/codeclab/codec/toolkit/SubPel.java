package codeclab.codec.toolkit;

/**
 * Quarter-pel motion compensation as H.264 does it (8.4.2.2): luma half-pel samples from the 6-tap filter
 * (1, -5, 20, 20, -5, 1) / 32, the centre half-pel from the unrounded horizontal results filtered
 * vertically (/ 1024), quarter-pel samples the rounded average of the two nearest integer/half samples;
 * chroma (4:2:0) bilinear in eighth pels. Reference samples outside the plane repeat the edge, so vectors
 * may point outside. Vectors: luma in quarter pels; the same vector is the chroma vector in eighth pels.
 *
 * <p>An instance holds scratch buffers (not thread-safe, cheap to create): keep one per encoder/decoder.
 */
public final class SubPel {

    private int[] win = new int[0];
    private int[] hb1 = new int[0];
    private int[] bh = new int[0];
    private int[] vh = new int[0];
    private int[] jc = new int[0];
    private int[] pred = new int[0];

    /**
     * Luma prediction of the w x h block at (x, y) displaced by (mvx, mvy) quarter pels from {@code ref}
     * into {@code out} (row-major, w per row).
     */
    public void luma(Plane ref, int x, int y, int mvx, int mvy, int w, int h, int[] out) {
        int ix = x + (mvx >> 2);
        int iy = y + (mvy >> 2);
        int fx = mvx & 3;
        int fy = mvy & 3;
        if (fx == 0 && fy == 0) {
            Planes.getBlock(ref, ix, iy, w, h, out);
            return;
        }
        int ww = w + 6;
        int wh = h + 6;
        if (win.length < ww * wh) {
            win = new int[ww * wh];
            hb1 = new int[ww * wh];
            bh = new int[ww * wh];
            vh = new int[ww * wh];
            jc = new int[ww * wh];
        }
        Planes.getBlock(ref, ix - 2, iy - 2, ww, wh, win);
        boolean needJ = (fx == 2 && fy != 0) || (fy == 2 && fx != 0);
        boolean needB = fx != 0 && fy != 2 || needJ;
        boolean needV = fy != 0 && fx != 2;
        if (needB) {
            // unrounded horizontal half-pels hb1 between columns c and c+1, rows -2..h+3 (row r at index (r+2)*w)
            for (int r = 0; r < wh; r++) {
                int p = r * ww + 2;
                int o = r * w;
                for (int c = 0; c < w; c++) {
                    int q = p + c;
                    hb1[o + c] = win[q - 2] - 5 * win[q - 1] + 20 * win[q] + 20 * win[q + 1] - 5 * win[q + 2] + win[q + 3];
                    bh[o + c] = Planes.clamp255((hb1[o + c] + 16) >> 5);
                }
            }
        }
        if (needV) {
            // vertical half-pels between rows r and r+1, columns 0..w (index r*(w+1)+c)
            int w1 = w + 1;
            for (int r = 0; r < h; r++) {
                for (int c = 0; c <= w; c++) {
                    int q = (r + 2) * ww + c + 2;
                    int s = win[q - 2 * ww] - 5 * win[q - ww] + 20 * win[q] + 20 * win[q + ww] - 5 * win[q + 2 * ww] + win[q + 3 * ww];
                    vh[r * w1 + c] = Planes.clamp255((s + 16) >> 5);
                }
            }
        }
        if (needJ) {
            for (int r = 0; r < h; r++) {
                for (int c = 0; c < w; c++) {
                    int q = (r + 2) * w + c;
                    int s = hb1[q - 2 * w] - 5 * hb1[q - w] + 20 * hb1[q] + 20 * hb1[q + w] - 5 * hb1[q + 2 * w] + hb1[q + 3 * w];
                    jc[r * w + c] = Planes.clamp255((s + 512) >> 10);
                }
            }
        }
        int w1 = w + 1;
        for (int r = 0; r < h; r++) {
            for (int c = 0; c < w; c++) {
                int g = win[(r + 2) * ww + c + 2];
                int b = needB ? bh[(r + 2) * w + c] : 0;        // half right of G
                int s = needB ? bh[(r + 3) * w + c] : 0;        // half right of M (row below)
                int hv = needV ? vh[r * w1 + c] : 0;            // half below G
                int m = needV ? vh[r * w1 + c + 1] : 0;         // half below H
                int v = switch (fy * 4 + fx) {
                    case 1 -> (g + b + 1) >> 1;
                    case 2 -> b;
                    case 3 -> (win[(r + 2) * ww + c + 3] + b + 1) >> 1;
                    case 4 -> (g + hv + 1) >> 1;
                    case 8 -> hv;
                    case 12 -> (win[(r + 3) * ww + c + 2] + hv + 1) >> 1;
                    case 5 -> (b + hv + 1) >> 1;
                    case 7 -> (b + m + 1) >> 1;
                    case 13 -> (hv + s + 1) >> 1;
                    case 15 -> (m + s + 1) >> 1;
                    case 6 -> (b + jc[r * w + c] + 1) >> 1;
                    case 14 -> (jc[r * w + c] + s + 1) >> 1;
                    case 9 -> (hv + jc[r * w + c] + 1) >> 1;
                    case 11 -> (jc[r * w + c] + m + 1) >> 1;
                    default -> jc[r * w + c];                    // 10: centre
                };
                out[r * w + c] = v;
            }
        }
    }

    /**
     * Chroma (4:2:0) prediction: the w x h block at (x, y) of the chroma plane displaced by (mvx, mvy) in
     * eighth pels (= the luma quarter-pel vector), bilinear: {@code ((8-fx)(8-fy)A + fx(8-fy)B + (8-fx)fy C + fx fy D + 32) >> 6}.
     */
    public static void chroma(Plane ref, int x, int y, int mvx, int mvy, int w, int h, int[] out) {
        int ix = x + (mvx >> 3);
        int iy = y + (mvy >> 3);
        int fx = mvx & 7;
        int fy = mvy & 7;
        int wa = (8 - fx) * (8 - fy);
        int wb = fx * (8 - fy);
        int wc = (8 - fx) * fy;
        int wd = fx * fy;
        byte[] d = ref.data();
        int rw = ref.width();
        boolean inside = ix >= 0 && iy >= 0 && ix + w + 1 <= rw && iy + h + 1 <= ref.height();
        for (int j = 0; j < h; j++) {
            for (int i = 0; i < w; i++) {
                int a;
                int b;
                int c;
                int e;
                if (inside) {
                    int p = (iy + j) * rw + ix + i;
                    a = d[p] & 0xFF;
                    b = d[p + 1] & 0xFF;
                    c = d[p + rw] & 0xFF;
                    e = d[p + rw + 1] & 0xFF;
                } else {
                    a = ref.at(ix + i, iy + j);
                    b = ref.at(ix + i + 1, iy + j);
                    c = ref.at(ix + i, iy + j + 1);
                    e = ref.at(ix + i + 1, iy + j + 1);
                }
                out[j * w + i] = (wa * a + wb * b + wc * c + wd * e + 32) >> 6;
            }
        }
    }

    /** Bi-prediction: {@code out[i] = (a[i] + b[i] + 1) >> 1} for the first n values (H.264 default weighting). */
    public static void average(int[] a, int[] b, int[] out, int n) {
        for (int i = 0; i < n; i++) {
            out[i] = (a[i] + b[i] + 1) >> 1;
        }
    }

    /**
     * Sub-pel refinement of an integer-pel vector (e.g. from {@link MotionSearch#diamondSearch}, in full pels):
     * the 8 half-pel positions around it, then the 8 quarter-pel positions around the best, ranked by
     * {@code SATD + lambda * (seBits(mvx - predX) + seBits(mvy - predY))} with the predictor (predX, predY) in
     * quarter pels (use {@link Rd#lambdaSad}). Returns the quarter-pel vector and its SATD as {@code cost}.
     * w and h must be multiples of 4 and the block must lie inside {@code cur}.
     */
    public MotionVector refine(Plane cur, Plane ref, int x, int y, int w, int h, MotionVector fullPel,
                               int predX, int predY, double lambda) {
        if (pred.length < w * h) {
            pred = new int[w * h];
        }
        return refine((bx, by, mx, my, bw, bh, out) -> luma(ref, bx, by, mx, my, bw, bh, out),
                pred, cur, x, y, w, h, fullPel, predX, predY, lambda);
    }

    /** A quarter-pel luma predictor: {@link #luma} on a plane, or {@link QpelPlane#predict}. */
    interface Predictor {
        void predict(int x, int y, int mvx, int mvy, int w, int h, int[] out);
    }

    /** The refinement search of {@link #refine} over any predictor; {@code scratch} holds w * h samples. */
    static MotionVector refine(Predictor p, int[] scratch, Plane cur, int x, int y, int w, int h, MotionVector fullPel,
                               int predX, int predY, double lambda) {
        int bx = fullPel.dx() * 4;
        int by = fullPel.dy() * 4;
        p.predict(x, y, bx, by, w, h, scratch);
        int bestSatd = Rd.satd(cur, x, y, scratch, w, h);
        double best = bestSatd + lambda * (Rd.seBits(bx - predX) + Rd.seBits(by - predY));
        for (int step = 2; step >= 1; step--) {
            int cx = bx;
            int cy = by;
            for (int dy = -step; dy <= step; dy += step) {
                for (int dx = -step; dx <= step; dx += step) {
                    if (dx == 0 && dy == 0) {
                        continue;
                    }
                    int mx = cx + dx;
                    int my = cy + dy;
                    double bits = Rd.seBits(mx - predX) + Rd.seBits(my - predY);
                    if (lambda * bits >= best) {
                        continue;
                    }
                    p.predict(x, y, mx, my, w, h, scratch);
                    int s = Rd.satd(cur, x, y, scratch, w, h);
                    double j = s + lambda * bits;
                    if (j < best) {
                        best = j;
                        bestSatd = s;
                        bx = mx;
                        by = my;
                    }
                }
            }
        }
        return new MotionVector(bx, by, bestSatd);
    }
}
