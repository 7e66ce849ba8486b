package codeclab.codec.toolkit;

/**
 * Block motion search and motion-compensated prediction. The current block is the {@code w x h}
 * block at (x, y) of {@code cur}; a vector (dx, dy) points at the block at (x+dx, y+dy) of {@code ref}.
 * Reference samples outside the plane repeat the nearest edge sample (edge clamping), so vectors may
 * point partly or wholly outside the picture.
 */
public final class MotionSearch {

    private MotionSearch() {
    }

    private static final int[][] LARGE_DIAMOND = {{0, -2}, {1, -1}, {2, 0}, {1, 1}, {0, 2}, {-1, 1}, {-2, 0}, {-1, -1}};
    private static final int[][] SMALL_DIAMOND = {{0, -1}, {1, 0}, {0, 1}, {-1, 0}};

    /** Sum of absolute differences between the current block at (x, y) and the reference block at (rx, ry). */
    public static int sad(Plane cur, int x, int y, Plane ref, int rx, int ry, int w, int h) {
        return sad(cur, x, y, ref, rx, ry, w, h, Integer.MAX_VALUE);
    }

    /** Like {@link #sad} but may stop early and return any value > {@code limit} once the sum exceeds it. */
    public static int sad(Plane cur, int x, int y, Plane ref, int rx, int ry, int w, int h, int limit) {
        byte[] c = cur.data();
        byte[] r = ref.data();
        int cw = cur.width();
        int rw = ref.width();
        boolean inside = x >= 0 && y >= 0 && x + w <= cw && y + h <= cur.height()
                && rx >= 0 && ry >= 0 && rx + w <= rw && ry + h <= ref.height();
        int s = 0;
        for (int j = 0; j < h; j++) {
            if (inside) {
                int ci = (y + j) * cw + x;
                int ri = (ry + j) * rw + rx;
                for (int i = 0; i < w; i++) {
                    s += Math.abs((c[ci + i] & 0xFF) - (r[ri + i] & 0xFF));
                }
            } else {
                for (int i = 0; i < w; i++) {
                    s += Math.abs(cur.at(x + i, y + j) - ref.at(rx + i, ry + j));
                }
            }
            if (s > limit) {
                return s;
            }
        }
        return s;
    }

    /**
     * Exhaustive integer-pel search over dx, dy in [-range, range]. Returns the vector with the lowest
     * SAD (ties go to the shorter vector) and that SAD as {@code cost}.
     */
    public static MotionVector fullSearch(Plane cur, Plane ref, int x, int y, int w, int h, int range) {
        int best = sad(cur, x, y, ref, x, y, w, h);
        int bdx = 0;
        int bdy = 0;
        for (int dy = -range; dy <= range; dy++) {
            for (int dx = -range; dx <= range; dx++) {
                int s = sad(cur, x, y, ref, x + dx, y + dy, w, h, best);
                if (s < best || (s == best && Math.abs(dx) + Math.abs(dy) < Math.abs(bdx) + Math.abs(bdy))) {
                    best = s;
                    bdx = dx;
                    bdy = dy;
                }
            }
        }
        return new MotionVector(bdx, bdy, best);
    }

    /** {@link #diamondSearch(Plane, Plane, int, int, int, int, int, int, int, int)} from (0, 0) without a vector cost. */
    public static MotionVector diamondSearch(Plane cur, Plane ref, int x, int y, int w, int h, int range) {
        return diamondSearch(cur, ref, x, y, w, h, range, 0, 0, 0);
    }

    /**
     * Fast integer-pel search: starts at the better of (predDx, predDy) and (0, 0), walks a large
     * diamond (radius 2) until its centre is best, then refines with a small diamond (radius 1). Vectors
     * stay within [-range, range]. Candidates are ranked by
     * {@code SAD + lambda * (|dx - predDx| + |dy - predDy|)} (lambda 0 = pure SAD), which keeps the vector
     * field smooth and cheap to code. The returned {@code cost} is the plain SAD of the chosen vector.
     */
    public static MotionVector diamondSearch(Plane cur, Plane ref, int x, int y, int w, int h, int range,
                                             int predDx, int predDy, int lambda) {
        predDx = Planes.clamp(predDx, -range, range);
        predDy = Planes.clamp(predDy, -range, range);
        int cx = 0;
        int cy = 0;
        int cSad = sad(cur, x, y, ref, x, y, w, h);
        int cCost = cSad + lambda * (Math.abs(predDx) + Math.abs(predDy));
        if (predDx != 0 || predDy != 0) {
            int s = sad(cur, x, y, ref, x + predDx, y + predDy, w, h);
            if (s < cCost) {
                cx = predDx;
                cy = predDy;
                cSad = s;
                cCost = s;
            }
        }
        for (int[][] pattern : new int[][][] {LARGE_DIAMOND, SMALL_DIAMOND}) {
            int steps = 0;
            boolean moved = true;
            while (moved && steps++ < 4 * range + 4) {
                moved = false;
                int bx = cx;
                int by = cy;
                for (int[] d : pattern) {
                    int dx = cx + d[0];
                    int dy = cy + d[1];
                    if (dx < -range || dx > range || dy < -range || dy > range) {
                        continue;
                    }
                    int pen = lambda * (Math.abs(dx - predDx) + Math.abs(dy - predDy));
                    if (pen >= cCost) {
                        continue;
                    }
                    int s = sad(cur, x, y, ref, x + dx, y + dy, w, h, cCost - pen);
                    if (s + pen < cCost) {
                        cCost = s + pen;
                        cSad = s;
                        bx = dx;
                        by = dy;
                        moved = true;
                    }
                }
                cx = bx;
                cy = by;
                if (pattern == SMALL_DIAMOND) {
                    break;
                }
            }
        }
        return new MotionVector(cx, cy, cSad);
    }

    /** Integer-pel prediction: copies the reference block at (x+dx, y+dy) (edge-clamped) into {@code out}. */
    public static void predict(Plane ref, int x, int y, int dx, int dy, int w, int h, int[] out) {
        Planes.getBlock(ref, x + dx, y + dy, w, h, out);
    }

    /**
     * Half-pel prediction: (hdx, hdy) in half pels; half positions are the rounded average of the two
     * (or four) neighbouring integer samples, like H.263/MPEG-2.
     */
    public static void predictHalfPel(Plane ref, int x, int y, int hdx, int hdy, int w, int h, int[] out) {
        int ix = x + (hdx >> 1);
        int iy = y + (hdy >> 1);
        int fx = hdx & 1;
        int fy = hdy & 1;
        if (fx == 0 && fy == 0) {
            Planes.getBlock(ref, ix, iy, w, h, out);
            return;
        }
        boolean inside = ix >= 0 && iy >= 0 && ix + w + 1 <= ref.width() && iy + h + 1 <= ref.height();
        byte[] d = ref.data();
        int rw = ref.width();
        for (int j = 0; j < h; j++) {
            for (int i = 0; i < w; i++) {
                int a;
                int b;
                int c;
                int e;
                if (inside) {
                    int p = (iy + j) * rw + ix + i;
                    a = d[p] & 0xFF;
                    b = d[p + fx] & 0xFF;
                    c = d[p + fy * rw] & 0xFF;
                    e = d[p + fy * rw + fx] & 0xFF;
                } else {
                    a = ref.at(ix + i, iy + j);
                    b = ref.at(ix + i + fx, iy + j);
                    c = ref.at(ix + i, iy + j + fy);
                    e = ref.at(ix + i + fx, iy + j + fy);
                }
                out[j * w + i] = (fx & fy) != 0 ? (a + b + c + e + 2) >> 2 : (fx != 0 ? (a + b + 1) >> 1 : (a + c + 1) >> 1);
            }
        }
    }

    /**
     * Refines an integer-pel vector to half-pel: tests the 8 half-pel neighbours of {@code 2*mv} and
     * returns the best vector in half pels with its SAD as {@code cost}.
     */
    public static MotionVector refineHalfPel(Plane cur, Plane ref, int x, int y, int w, int h, MotionVector mv) {
        int[] pred = new int[w * h];
        int[] block = new int[w * h];
        Planes.getBlock(cur, x, y, w, h, block);
        int bx = 2 * mv.dx();
        int by = 2 * mv.dy();
        predictHalfPel(ref, x, y, bx, by, w, h, pred);
        int best = 0;
        for (int k = 0; k < pred.length; k++) {
            best += Math.abs(block[k] - pred[k]);
        }
        int rx = bx;
        int ry = by;
        for (int j = -1; j <= 1; j++) {
            for (int i = -1; i <= 1; i++) {
                if (i == 0 && j == 0) {
                    continue;
                }
                predictHalfPel(ref, x, y, bx + i, by + j, w, h, pred);
                int s = 0;
                for (int k = 0; k < pred.length; k++) {
                    s += Math.abs(block[k] - pred[k]);
                }
                if (s < best) {
                    best = s;
                    rx = bx + i;
                    ry = by + j;
                }
            }
        }
        return new MotionVector(rx, ry, best);
    }
}
