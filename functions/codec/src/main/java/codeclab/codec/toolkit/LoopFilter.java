package codeclab.codec.toolkit;

/**
 * The H.264 in-loop deblocking filter (8.7) with boundary strengths, for codecs that track per-block
 * modes: bS 4 on intra macroblock edges, 3 on other intra edges, 2 where either side has coded
 * coefficients, 1 where the sides' motion differs (another reference, or a vector component differing by
 * a whole pel = 4 quarter pels or more), 0 otherwise (no filtering). Thresholds alpha, beta and tC0 come
 * from the standard's tables indexed by the average QP of the two sides (+ offsets), so the filter
 * follows the quantiser: strong at coarse QPs, off at fine ones. Steps map to QP with {@link Rd#stepToQp}.
 *
 * <p>Order: all vertical edges of the plane left to right, then all horizontal edges top to bottom (as
 * HEVC; H.264 interleaves per macroblock). Run the same calls on the reconstruction in encoder and decoder.
 */
public final class LoopFilter {

    private LoopFilter() {
    }

    private static final int[] ALPHA = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 4, 4, 5, 6, 7, 8, 9, 10,
        12, 13, 15, 17, 20, 22, 25, 28, 32, 36, 40, 45, 50, 56, 63, 71, 80, 90, 101, 113, 127, 144, 162, 182, 203,
        226, 255, 255};
    private static final int[] BETA = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 2, 2, 3, 3, 3, 3, 4, 4,
        4, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13, 14, 14, 15, 15, 16, 16, 17, 17, 18, 18};
    // tC0 for bS 1, 2, 3 from indexA 17 (below it all are 0)
    private static final int[][] TC0 = {{0, 0, 1}, {0, 0, 1}, {0, 0, 1}, {0, 0, 1}, {0, 1, 1}, {0, 1, 1},
        {1, 1, 1}, {1, 1, 1}, {1, 1, 1}, {1, 1, 1}, {1, 1, 2}, {1, 1, 2}, {1, 1, 2}, {1, 1, 2}, {1, 2, 3},
        {1, 2, 3}, {2, 2, 3}, {2, 2, 4}, {2, 3, 4}, {2, 3, 4}, {3, 3, 5}, {3, 4, 6}, {3, 4, 6}, {4, 5, 7},
        {4, 5, 8}, {4, 6, 9}, {5, 7, 10}, {6, 8, 11}, {6, 8, 13}, {7, 10, 14}, {8, 11, 16}, {9, 12, 18},
        {10, 13, 20}, {11, 15, 23}, {13, 17, 25}};
    // chroma QP for luma QP 30..51 (below 30 they are equal)
    private static final int[] CHROMA_QP = {29, 30, 31, 32, 32, 33, 34, 34, 35, 35, 36, 36, 37, 37, 37, 38, 38,
        38, 39, 39, 39, 39};

    /** alpha'(indexA), indexA clamped to 0..51 (Table 8-16). */
    public static int alpha(int indexA) {
        return ALPHA[Planes.clamp(indexA, 0, 51)];
    }

    /** beta'(indexB), indexB clamped to 0..51 (Table 8-16). */
    public static int beta(int indexB) {
        return BETA[Planes.clamp(indexB, 0, 51)];
    }

    /** tC0(indexA, bS) for bS 1..3 (Table 8-17). */
    public static int tc0(int indexA, int bs) {
        int a = Planes.clamp(indexA, 0, 51);
        return a < 17 ? 0 : TC0[a - 17][bs - 1];
    }

    /** Chroma QP for a luma QP (Table 8-15, no chroma offset), clamped to 0..51. */
    public static int chromaQp(int qp) {
        int q = Planes.clamp(qp, 0, 51);
        return q < 30 ? q : CHROMA_QP[q - 30];
    }

    /**
     * Boundary strength of the edge between blocks P and Q: 4 if either is intra and the edge is a macroblock
     * edge, 3 if either is intra, 2 if either has coded coefficients, 1 if they use different references or
     * their vectors differ by >= 4 quarter pels in a component, else 0.
     */
    public static int strength(boolean intraP, boolean intraQ, boolean macroblockEdge, boolean codedP, boolean codedQ,
                               int mvxP, int mvyP, int refP, int mvxQ, int mvyQ, int refQ) {
        if (intraP || intraQ) {
            return macroblockEdge ? 4 : 3;
        }
        if (codedP || codedQ) {
            return 2;
        }
        return refP != refQ || Math.abs(mvxP - mvxQ) >= 4 || Math.abs(mvyP - mvyQ) >= 4 ? 1 : 0;
    }

    /**
     * Fills the strength of the edge on the left ({@code vertical}) and on top ({@code horizontal}) of every 4x4
     * luma block, for edges every {@code edgeSpacing} (4 or 8, the transform size) luma samples, from the motion
     * field (INTRA, or UNAVAILABLE treated as intra, marks intra blocks) and {@code coded} (a value other than 0
     * and outside marks a block whose transform block has coefficients). Picture edges get 0. The grids need unit 4.
     */
    public static void strengths(MotionField motion, BlockGrid coded, int mbSize, int edgeSpacing,
                                 BlockGrid vertical, BlockGrid horizontal) {
        if (vertical.unit() != 4 || horizontal.unit() != 4 || (edgeSpacing != 4 && edgeSpacing != 8)) {
            throw new IllegalArgumentException("strength grids need unit 4 and edges every 4 or 8 samples, got unit "
                    + vertical.unit() + "/" + horizontal.unit() + " and spacing " + edgeSpacing);
        }
        for (int y = 0; y < vertical.height(); y += 4) {
            for (int x = 0; x < vertical.width(); x += 4) {
                vertical.fill(x, y, 4, 4, x > 0 && x % edgeSpacing == 0 ? between(motion, coded, x - 1, y, x, y, x % mbSize == 0) : 0);
                horizontal.fill(x, y, 4, 4, y > 0 && y % edgeSpacing == 0 ? between(motion, coded, x, y - 1, x, y, y % mbSize == 0) : 0);
            }
        }
    }

    private static int between(MotionField m, BlockGrid coded, int px, int py, int qx, int qy, boolean mbEdge) {
        boolean intraP = m.ref(px, py) < 0;
        boolean intraQ = m.ref(qx, qy) < 0;
        int cp = coded.at(px, py);
        int cq = coded.at(qx, qy);
        return strength(intraP, intraQ, mbEdge, cp != 0 && cp != coded.outside(), cq != 0 && cq != coded.outside(),
                m.mvx(px, py), m.mvy(px, py), m.ref(px, py), m.mvx(qx, qy), m.mvy(qx, qy), m.ref(qx, qy));
    }

    /**
     * Filters a luma plane with the strengths from {@link #strengths} and the QP of each block from {@code qp}
     * (luma pixel coordinates; e.g. {@code new BlockGrid(w, h, 16, qp)} filled with one QP). The offsets
     * shift indexA / indexB (H.264 slice_alpha_c0_offset, slice_beta_offset; 0 = standard).
     */
    public static void filterLuma(Plane p, BlockGrid vertical, BlockGrid horizontal, BlockGrid qp, int offsetA, int offsetB) {
        filterPlane(p, vertical, horizontal, qp, offsetA, offsetB, false);
    }

    /**
     * Filters a 4:2:0 chroma plane: edges every 4 chroma samples (luma 8) with the strength of the luma edge
     * they sit on, chroma QP from {@link #chromaQp}, the chroma filter (p0/q0 only).
     */
    public static void filterChroma(Plane p, BlockGrid vertical, BlockGrid horizontal, BlockGrid qp, int offsetA, int offsetB) {
        filterPlane(p, vertical, horizontal, qp, offsetA, offsetB, true);
    }

    private static void filterPlane(Plane p, BlockGrid vertical, BlockGrid horizontal, BlockGrid qp, int offsetA,
                                    int offsetB, boolean chroma) {
        byte[] d = p.data();
        int w = p.width();
        int h = p.height();
        int s = chroma ? 2 : 1;                     // plane -> luma coordinates
        int seg = 4 / s;                            // lines sharing one strength (one 4x4 luma block)
        for (int x = 4; x < w; x += 4) {
            for (int y0 = 0; y0 < h; y0 += seg) {
                int bs = vertical.at(x * s, y0 * s);
                if (bs > 0) {
                    int q = (qp.at(x * s - 1, y0 * s) + qp.at(x * s, y0 * s) + 1) >> 1;
                    for (int y = y0; y < Math.min(h, y0 + seg); y++) {
                        edge(d, y * w + x, 1, bs, chroma ? chromaQp(q) : q, offsetA, offsetB, chroma);
                    }
                }
            }
        }
        for (int y = 4; y < h; y += 4) {
            for (int x0 = 0; x0 < w; x0 += seg) {
                int bs = horizontal.at(x0 * s, y * s);
                if (bs > 0) {
                    int q = (qp.at(x0 * s, y * s - 1) + qp.at(x0 * s, y * s) + 1) >> 1;
                    for (int x = x0; x < Math.min(w, x0 + seg); x++) {
                        edge(d, y * w + x, w, bs, chroma ? chromaQp(q) : q, offsetA, offsetB, chroma);
                    }
                }
            }
        }
    }

    // one line across an edge: q0 at index q, p0 at q - step (8.7.2.3 / 8.7.2.4)
    private static void edge(byte[] d, int q, int step, int bs, int qp, int offsetA, int offsetB, boolean chroma) {
        int indexA = Planes.clamp(qp + offsetA, 0, 51);
        int a = ALPHA[indexA];
        int b = BETA[Planes.clamp(qp + offsetB, 0, 51)];
        int p0 = d[q - step] & 0xFF;
        int q0 = d[q] & 0xFF;
        int p1 = d[q - 2 * step] & 0xFF;
        int q1 = d[q + step] & 0xFF;
        if (Math.abs(p0 - q0) >= a || Math.abs(p1 - p0) >= b || Math.abs(q1 - q0) >= b) {
            return;
        }
        if (chroma) {
            if (bs == 4) {
                d[q - step] = (byte) ((2 * p1 + p0 + q1 + 2) >> 2);
                d[q] = (byte) ((2 * q1 + q0 + p1 + 2) >> 2);
            } else {
                int tc = tc0(indexA, bs) + 1;
                int delta = Planes.clamp((((q0 - p0) << 2) + (p1 - q1) + 4) >> 3, -tc, tc);
                d[q - step] = (byte) Planes.clamp255(p0 + delta);
                d[q] = (byte) Planes.clamp255(q0 - delta);
            }
            return;
        }
        int p2 = d[q - 3 * step] & 0xFF;
        int q2 = d[q + 2 * step] & 0xFF;
        boolean ap = Math.abs(p2 - p0) < b;
        boolean aq = Math.abs(q2 - q0) < b;
        if (bs == 4) {
            boolean small = Math.abs(p0 - q0) < ((a >> 2) + 2);
            int p3 = d[q - 4 * step] & 0xFF;
            int q3 = d[q + 3 * step] & 0xFF;
            if (ap && small) {
                d[q - step] = (byte) ((p2 + 2 * p1 + 2 * p0 + 2 * q0 + q1 + 4) >> 3);
                d[q - 2 * step] = (byte) ((p2 + p1 + p0 + q0 + 2) >> 2);
                d[q - 3 * step] = (byte) ((2 * p3 + 3 * p2 + p1 + p0 + q0 + 4) >> 3);
            } else {
                d[q - step] = (byte) ((2 * p1 + p0 + q1 + 2) >> 2);
            }
            if (aq && small) {
                d[q] = (byte) ((p1 + 2 * p0 + 2 * q0 + 2 * q1 + q2 + 4) >> 3);
                d[q + step] = (byte) ((p0 + q0 + q1 + q2 + 2) >> 2);
                d[q + 2 * step] = (byte) ((2 * q3 + 3 * q2 + q1 + q0 + p0 + 4) >> 3);
            } else {
                d[q] = (byte) ((2 * q1 + q0 + p1 + 2) >> 2);
            }
            return;
        }
        int t0 = tc0(indexA, bs);
        int tc = t0 + (ap ? 1 : 0) + (aq ? 1 : 0);
        int delta = Planes.clamp((((q0 - p0) << 2) + (p1 - q1) + 4) >> 3, -tc, tc);
        d[q - step] = (byte) Planes.clamp255(p0 + delta);
        d[q] = (byte) Planes.clamp255(q0 - delta);
        if (ap) {
            d[q - 2 * step] = (byte) (p1 + Planes.clamp((p2 + ((p0 + q0 + 1) >> 1) - (p1 << 1)) >> 1, -t0, t0));
        }
        if (aq) {
            d[q + step] = (byte) (q1 + Planes.clamp((q2 + ((p0 + q0 + 1) >> 1) - (q1 << 1)) >> 1, -t0, t0));
        }
    }
}
