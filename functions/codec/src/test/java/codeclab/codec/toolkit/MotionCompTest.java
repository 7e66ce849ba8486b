package codeclab.codec.toolkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

class MotionCompTest {

    private static Plane noise(int w, int h, long seed) {
        Random r = new Random(seed);
        Plane p = Plane.blank(w, h);
        for (int i = 0; i < p.data().length; i++) {
            p.data()[i] = (byte) r.nextInt(256);
        }
        return p;
    }

    private static int clip(int v) {
        return Math.max(0, Math.min(255, v));
    }

    private static int tap(int a, int b, int c, int d, int e, int f) {
        return a - 5 * b + 20 * c + 20 * d - 5 * e + f;
    }

    /** H.264 8.4.2.2.1 written out sample by sample (the letters of Figure 8-4), the oracle. */
    private static int h264(Plane ref, int xi, int yi, int fx, int fy) {
        java.util.function.IntBinaryOperator g = ref::at;
        java.util.function.IntBinaryOperator b1 = (x, y) -> tap(g.applyAsInt(x - 2, y), g.applyAsInt(x - 1, y),
                g.applyAsInt(x, y), g.applyAsInt(x + 1, y), g.applyAsInt(x + 2, y), g.applyAsInt(x + 3, y));
        java.util.function.IntBinaryOperator h1 = (x, y) -> tap(g.applyAsInt(x, y - 2), g.applyAsInt(x, y - 1),
                g.applyAsInt(x, y), g.applyAsInt(x, y + 1), g.applyAsInt(x, y + 2), g.applyAsInt(x, y + 3));
        int G = g.applyAsInt(xi, yi);
        int H = g.applyAsInt(xi + 1, yi);
        int M = g.applyAsInt(xi, yi + 1);
        int b = clip((b1.applyAsInt(xi, yi) + 16) >> 5);
        int h = clip((h1.applyAsInt(xi, yi) + 16) >> 5);
        int m = clip((h1.applyAsInt(xi + 1, yi) + 16) >> 5);
        int s = clip((b1.applyAsInt(xi, yi + 1) + 16) >> 5);
        int j1 = tap(b1.applyAsInt(xi, yi - 2), b1.applyAsInt(xi, yi - 1), b1.applyAsInt(xi, yi),
                b1.applyAsInt(xi, yi + 1), b1.applyAsInt(xi, yi + 2), b1.applyAsInt(xi, yi + 3));
        int j = clip((j1 + 512) >> 10);
        int[][] table = {
            {G, (G + b + 1) >> 1, b, (H + b + 1) >> 1},
            {(G + h + 1) >> 1, (b + h + 1) >> 1, (b + j + 1) >> 1, (b + m + 1) >> 1},
            {h, (h + j + 1) >> 1, j, (j + m + 1) >> 1},
            {(M + h + 1) >> 1, (h + s + 1) >> 1, (j + s + 1) >> 1, (m + s + 1) >> 1}};
        return table[fy][fx];
    }

    @Test
    void lumaMatchesTheH264FormulasAtAllSixteenPositionsInsideAndAtEdges() {
        Plane ref = noise(40, 36, 1);
        SubPel sp = new SubPel();
        int[] out = new int[8 * 4];
        for (int[] pos : new int[][] {{12, 12}, {0, 0}, {32, 32}}) {
            for (int mvy = -9; mvy <= 9; mvy++) {
                for (int mvx = -11; mvx <= 11; mvx++) {
                    sp.luma(ref, pos[0], pos[1], mvx, mvy, 8, 4, out);
                    for (int r = 0; r < 4; r++) {
                        for (int c = 0; c < 8; c++) {
                            int want = h264(ref, pos[0] + c + (mvx >> 2), pos[1] + r + (mvy >> 2), mvx & 3, mvy & 3);
                            assertThat(out[r * 8 + c]).as("mv (%d,%d) at (%d,%d)", mvx, mvy, c, r).isEqualTo(want);
                        }
                    }
                }
            }
        }
    }

    @Test
    void lumaKnownAnswersOnARamp() {
        // a horizontal ramp 10*x: the 6-tap filter is exact on linear data, so half-pel = 10x + 5
        Plane ramp = Plane.blank(32, 8);
        for (int y = 0; y < 8; y++) {
            for (int x = 0; x < 32; x++) {
                ramp.set(x, y, 10 * x);
            }
        }
        int[] out = new int[4];
        new SubPel().luma(ramp, 8, 2, 2, 0, 4, 1, out);
        assertThat(out).containsExactly(85, 95, 105, 115);
        new SubPel().luma(ramp, 8, 2, 1, 0, 4, 1, out);
        assertThat(out).containsExactly(83, 93, 103, 113);        // (80 + 85 + 1) >> 1
        new SubPel().luma(ramp, 8, 2, 6, 4, 4, 1, out);           // 1.5 pels right, 1 down
        assertThat(out).containsExactly(95, 105, 115, 125);
    }

    @Test
    void chromaIsEighthPelBilinear() {
        Plane ref = noise(16, 16, 2);
        int[] out = new int[4];
        SubPel.chroma(ref, 4, 4, 8 + 3, -8 + 5, 2, 2, out);      // integer (1, -1), fraction (3, 5)
        for (int j = 0; j < 2; j++) {
            for (int i = 0; i < 2; i++) {
                int a = ref.get(5 + i, 3 + j);
                int b = ref.get(6 + i, 3 + j);
                int c = ref.get(5 + i, 4 + j);
                int d = ref.get(6 + i, 4 + j);
                assertThat(out[j * 2 + i]).isEqualTo((5 * 3 * a + 3 * 3 * b + 5 * 5 * c + 3 * 5 * d + 32) >> 6);
            }
        }
        SubPel.chroma(ref, 0, 0, -16, -16, 2, 2, out);           // outside: edge sample
        assertThat(out).containsOnly(ref.get(0, 0));
    }

    @Test
    void biPredictionAveragesWithRoundingUp() {
        int[] out = new int[3];
        SubPel.average(new int[] {0, 1, 255}, new int[] {1, 2, 255}, out, 3);
        assertThat(out).containsExactly(1, 2, 255);
    }

    @Test
    void refinementFindsAQuarterPelShift() {
        // cur = ref displaced by (+1.25, -0.75) pels, built with the same filter: the refinement must find (5, -3)
        Plane ref = TestPlanes.smooth(64, 64, 3);
        SubPel sp = new SubPel();
        int[] block = new int[16 * 16];
        sp.luma(ref, 24, 24, 5, -3, 16, 16, block);
        Plane cur = Plane.blank(64, 64);
        Planes.putBlock(cur, 24, 24, 16, 16, block);
        MotionVector full = MotionSearch.fullSearch(cur, ref, 24, 24, 16, 16, 4);
        MotionVector q = sp.refine(cur, ref, 24, 24, 16, 16, full, 0, 0, 0);
        assertThat(q.dx()).isEqualTo(5);
        assertThat(q.dy()).isEqualTo(-3);
        assertThat(q.cost()).isZero();
        // a large lambda pulls the vector onto the predictor
        MotionVector pulled = sp.refine(cur, ref, 24, 24, 16, 16, full, 4, -4, 1e6);
        assertThat(pulled.dx()).isEqualTo(4);
        assertThat(pulled.dy()).isEqualTo(-4);
    }

    @Test
    void medianPredictorFollowsH264Rules() {
        MotionField f = new MotionField(64, 64);
        // nothing coded: zero
        assertThat(f.median(16, 16, 16, 16, 0)).isEqualTo(new MotionVector(0, 0, 0));
        f.set(0, 16, 16, 16, 8, -4, 0);                 // A
        // only A available (B, C outside/not coded): A's vector
        assertThat(f.median(16, 16, 16, 16, 0)).isEqualTo(new MotionVector(8, -4, 0));
        f.set(16, 0, 16, 16, 2, 6, 0);                  // B
        f.set(32, 0, 16, 16, -10, 1, 0);                // C
        assertThat(f.median(16, 16, 16, 16, 0)).isEqualTo(new MotionVector(2, 1, 0));
        // C not coded: D (above-left) replaces it
        f.set(32, 0, 16, 16, 0, 0, 0);
        f.set(0, 0, 16, 16, 100, 100, 0);
        MotionField g = new MotionField(64, 64);
        g.set(0, 16, 16, 16, 8, -4, 0);
        g.set(16, 0, 16, 16, 2, 6, 0);
        g.set(0, 0, 16, 16, 100, 100, 0);
        assertThat(g.median(16, 16, 16, 16, 0)).isEqualTo(new MotionVector(8, 6, 0));
        // exactly one neighbour on the wanted reference: its vector
        MotionField k = new MotionField(64, 64);
        k.set(0, 16, 16, 16, 8, -4, 1);
        k.set(16, 0, 16, 16, 2, 6, 0);
        k.set(32, 0, 16, 16, -10, 1, MotionField.INTRA);
        assertThat(k.median(16, 16, 16, 16, 1)).isEqualTo(new MotionVector(8, -4, 0));
        assertThat(k.ref(40, 4)).isEqualTo(MotionField.INTRA);
        assertThat(k.mvx(40, 4)).isZero();
        assertThat(MotionField.median3(5, -1, 3)).isEqualTo(3);
    }

    @Test
    void mergeListTakesNeighboursInHevcOrderWithoutDuplicatesThenTemporalThenZero() {
        MotionField f = new MotionField(64, 64);
        f.set(0, 16, 16, 16, 4, 4, 0);      // A1 (left)
        f.set(16, 0, 16, 16, 4, 4, 0);      // B1 (above): duplicate of A1
        f.set(32, 0, 16, 16, -8, 2, 0);     // B0 (above-right)
        f.set(0, 0, 16, 16, 1, 1, MotionField.INTRA);   // B2: intra, skipped
        MotionField prev = new MotionField(64, 64);
        prev.set(16, 16, 16, 16, 12, -12, 0);
        int[] mx = new int[5];
        int[] my = new int[5];
        int[] r = new int[5];
        assertThat(f.mergeCandidates(16, 16, 16, 16, prev, mx, my, r)).isEqualTo(5);
        assertThat(mx).containsExactly(4, -8, 12, 0, 0);
        assertThat(my).containsExactly(4, 2, -12, 0, 0);
        assertThat(r).containsOnly(0);
    }

    @Test
    void rdHelpersKnownAnswers() {
        assertThat(Rd.qpToStep(4)).isEqualTo(1.0);
        assertThat(Rd.qpToStep(28)).isCloseTo(16.0, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(Rd.stepToQp(16)).isCloseTo(28.0, org.assertj.core.data.Offset.offset(1e-9));
        // HM: 0.57 * 2^((28 - 12) / 3) = 22.98
        assertThat(Rd.lambda(16)).isCloseTo(0.57 * Math.pow(2, 16 / 3.0), org.assertj.core.data.Offset.offset(1e-9));
        assertThat(Rd.lambda(16)).isCloseTo(0.0898 * 256, org.assertj.core.data.Offset.offset(0.05));
        assertThat(Rd.lambdaSad(16)).isCloseTo(Math.sqrt(Rd.lambda(16)), org.assertj.core.data.Offset.offset(1e-12));
        assertThat(Rd.cost(100, 10, 2.5)).isEqualTo(125.0);
        assertThat(new int[] {Rd.ueBits(0), Rd.ueBits(1), Rd.ueBits(2), Rd.ueBits(3), Rd.ueBits(6), Rd.ueBits(7)})
                .containsExactly(1, 3, 3, 5, 5, 7);
        assertThat(new int[] {Rd.seBits(0), Rd.seBits(1), Rd.seBits(-1), Rd.seBits(2), Rd.seBits(-2)})
                .containsExactly(1, 3, 3, 5, 5);
    }

    @Test
    void satdIsTheHadamardSumAndDistortionsAgree() {
        int[] a = new int[16];
        int[] b = new int[16];
        a[0] = 16;                           // a single impulse spreads to 16 coefficients of 16: sum 256 / 2
        assertThat(Rd.satd(a, b, 4, 4)).isEqualTo(128);
        java.util.Arrays.fill(a, 10);        // flat difference: only DC = 160, / 2
        assertThat(Rd.satd(a, b, 4, 4)).isEqualTo(80);
        Plane cur = noise(16, 16, 4);
        int[] pred = new int[64];
        Planes.getBlock(noise(16, 16, 5), 4, 4, 8, 8, pred);
        int[] curBlock = new int[64];
        Planes.getBlock(cur, 4, 4, 8, 8, curBlock);
        assertThat(Rd.satd(cur, 4, 4, pred, 8, 8)).isEqualTo(Rd.satd(curBlock, pred, 8, 8));
        assertThat(Rd.sse(cur, 4, 4, pred, 8, 8)).isEqualTo(Rd.sse(curBlock, pred, 64));
        assertThat(Rd.sad(cur, 4, 4, pred, 8, 8)).isEqualTo(sadOf(curBlock, pred));
    }

    private static int sadOf(int[] a, int[] b) {
        int s = 0;
        for (int i = 0; i < a.length; i++) {
            s += Math.abs(a[i] - b[i]);
        }
        return s;
    }
}
