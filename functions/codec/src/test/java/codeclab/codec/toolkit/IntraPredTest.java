package codeclab.codec.toolkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.junit.jupiter.api.Test;

class IntraPredTest {

    /** References for n from explicit left (top to bottom, 2n), corner and top (2n) samples. */
    private static int[] refs(int n, int[] left, int corner, int[] top) {
        int[] r = new int[4 * n + 1];
        for (int y = 0; y < 2 * n; y++) {
            r[2 * n - 1 - y] = left[y];
        }
        r[2 * n] = corner;
        for (int x = 0; x < 2 * n; x++) {
            r[2 * n + 1 + x] = top[x];
        }
        return r;
    }

    private static int[] seq(int n, int start, int step) {
        int[] a = new int[n];
        for (int i = 0; i < n; i++) {
            a[i] = start + i * step;
        }
        return a;
    }

    private static final int[] LEFT = {50, 60, 70, 80, 90, 100, 110, 120};
    private static final int[] TOP = {200, 190, 180, 170, 160, 150, 140, 130};

    @Test
    void verticalAndHorizontalCopyTheirNeighboursAndSmoothTheFirstLine() {
        int[] r = refs(4, LEFT, 128, TOP);
        int[] out = new int[16];
        IntraPred.predict(r, 4, IntraPred.VERTICAL, false, out);
        for (int y = 0; y < 4; y++) {
            assertThat(java.util.Arrays.copyOfRange(out, y * 4, y * 4 + 4)).containsExactly(200, 190, 180, 170);
        }
        IntraPred.predict(r, 4, IntraPred.VERTICAL, true, out);
        assertThat(out[0]).isEqualTo(200 + ((50 - 128) >> 1));
        assertThat(out[12]).isEqualTo(200 + ((80 - 128) >> 1));
        assertThat(out[1]).isEqualTo(190);
        IntraPred.predict(r, 4, IntraPred.HORIZONTAL, false, out);
        assertThat(out).containsExactly(50, 50, 50, 50, 60, 60, 60, 60, 70, 70, 70, 70, 80, 80, 80, 80);
        IntraPred.predict(r, 4, IntraPred.HORIZONTAL, true, out);
        assertThat(out[3]).isEqualTo(Math.min(255, 50 + ((170 - 128) >> 1)));
    }

    @Test
    void dcIsTheRoundedMeanWithHevcEdgeSmoothing() {
        int[] r = refs(4, new int[] {50, 50, 50, 50, 0, 0, 0, 0}, 7, new int[] {100, 100, 100, 100, 0, 0, 0, 0});
        int[] out = new int[16];
        IntraPred.predict(r, 4, IntraPred.DC, false, out);
        assertThat(out).containsOnly(75);
        IntraPred.predict(r, 4, IntraPred.DC, true, out);
        assertThat(out[0]).isEqualTo((50 + 150 + 100 + 2) >> 2);
        assertThat(out[1]).isEqualTo((100 + 225 + 2) >> 2);
        assertThat(out[4]).isEqualTo((50 + 225 + 2) >> 2);
        assertThat(out[5]).isEqualTo(75);
    }

    @Test
    void planarFollowsTheHevcFormula() {
        int n = 4;
        int[] r = refs(n, LEFT, 128, TOP);
        int[] out = new int[16];
        IntraPred.predict(r, n, IntraPred.PLANAR, true, out);
        for (int y = 0; y < n; y++) {
            for (int x = 0; x < n; x++) {
                int want = ((n - 1 - x) * LEFT[y] + (x + 1) * TOP[n] + (n - 1 - y) * TOP[x] + (y + 1) * LEFT[n] + n) >> 3;
                assertThat(out[y * n + x]).isEqualTo(want);
            }
        }
        int[] flat = refs(8, seq(16, 90, 0), 90, seq(16, 90, 0));
        int[] o8 = new int[64];
        for (int mode = 0; mode < IntraPred.MODES; mode++) {
            IntraPred.predict(flat, 8, mode, true, o8);
            assertThat(o8).as("mode %d on flat references", mode).containsOnly(90);
        }
    }

    @Test
    void diagonalsAreShiftedCopiesAndFractionalAnglesInterpolate() {
        int n = 4;
        int[] left = seq(8, 10, 10);
        int[] top = seq(8, 110, 10);
        int[] r = refs(n, left, 5, top);
        int[] out = new int[16];
        IntraPred.predict(r, n, 34, true, out);
        for (int y = 0; y < n; y++) {
            for (int x = 0; x < n; x++) {
                assertThat(out[y * n + x]).isEqualTo(top[x + y + 1]);
            }
        }
        IntraPred.predict(r, n, 2, true, out);
        for (int y = 0; y < n; y++) {
            for (int x = 0; x < n; x++) {
                assertThat(out[y * n + x]).isEqualTo(left[x + y + 1]);
            }
        }
        IntraPred.predict(r, n, 18, true, out);
        for (int y = 0; y < n; y++) {
            for (int x = 0; x < n; x++) {
                int want = x > y ? top[x - y - 1] : (x == y ? 5 : left[y - x - 1]);
                assertThat(out[y * n + x]).as("(%d,%d)", x, y).isEqualTo(want);
            }
        }
        IntraPred.predict(r, n, 27, true, out);      // angle 2/32
        for (int x = 0; x < n; x++) {
            assertThat(out[x]).isEqualTo((30 * top[x] + 2 * top[x + 1] + 16) >> 5);
        }
    }

    @Test
    void referenceFilterDependsOnModeAndSize() {
        assertThat(IntraPred.filtered(4, IntraPred.PLANAR)).isFalse();
        assertThat(IntraPred.filtered(8, IntraPred.PLANAR)).isTrue();
        assertThat(IntraPred.filtered(8, IntraPred.DC)).isFalse();
        assertThat(IntraPred.filtered(8, 2)).isTrue();
        assertThat(IntraPred.filtered(8, 3)).isFalse();
        assertThat(IntraPred.filtered(16, 12)).isTrue();
        assertThat(IntraPred.filtered(16, 11)).isFalse();
        int[] r = refs(8, seq(16, 0, 0), 0, seq(16, 0, 0));
        r[20] = 100;
        int[] f = new int[33];
        IntraPred.filter(r, 8, IntraPred.PLANAR, f);
        assertThat(new int[] {f[19], f[20], f[21], f[0], f[32]}).containsExactly(25, 50, 25, 0, 0);
        IntraPred.filter(r, 8, IntraPred.DC, f);
        assertThat(f).isEqualTo(r);
    }

    @Test
    void unavailableReferencesAreSubstitutedFromTheNearestAvailable() {
        Plane p = Plane.blank(16, 16);
        for (int y = 0; y < 16; y++) {
            for (int x = 0; x < 16; x++) {
                p.set(x, y, 10 * y + x);
            }
        }
        int[] r = new int[17];
        IntraPred.references(p, 0, 0, 4, null, r);
        assertThat(r).containsOnly(128);
        // block at (4, 0): only the left column exists; below-left copies its bottom, corner and top copy its top
        IntraPred.references(p, 4, 0, 4, null, r);
        assertThat(java.util.Arrays.copyOfRange(r, 0, 8)).containsExactly(33, 33, 33, 33, 33, 23, 13, 3);
        assertThat(java.util.Arrays.copyOfRange(r, 8, 17)).containsOnly(3);
        // block at (4, 4) without a grid: top-right and below-left unavailable
        IntraPred.references(p, 4, 4, 4, null, r);
        assertThat(r[8]).isEqualTo(p.get(3, 3));
        assertThat(r[12]).isEqualTo(p.get(7, 3));
        assertThat(r[13]).isEqualTo(p.get(7, 3));
        // with a grid marking the above-right block coded, it is used
        BlockGrid coded = new BlockGrid(16, 16, 4, 0);
        coded.fill(0, 0, 12, 4, 1);
        coded.fill(0, 4, 4, 4, 1);
        IntraPred.references(p, 4, 4, 4, coded, r);
        assertThat(r[13]).isEqualTo(p.get(8, 3));
        assertThat(r[16]).isEqualTo(p.get(11, 3));
        assertThat(r[0]).isEqualTo(p.get(3, 7));         // below-left not coded: substituted
        assertThatThrownBy(() -> IntraPred.references(p, 0, 0, 6, null, r)).hasMessageContaining("not 4, 8, 16 or 32");
    }

    @Test
    void bestModeRecoversTheModeThatMadeTheBlock() {
        Random rnd = new Random(7);
        Plane rec = Plane.blank(32, 32);
        for (int i = 0; i < rec.data().length; i++) {
            rec.data()[i] = (byte) rnd.nextInt(256);
        }
        int[] ref = new int[33];
        IntraPred.references(rec, 8, 8, 8, null, ref);
        int[] pred = new int[64];
        IntraPred.predict(rec, 8, 8, 8, 30, null, pred);
        Plane cur = rec.copy();
        Planes.putBlock(cur, 8, 8, 8, 8, pred);
        int[] all = seq(35, 0, 1);
        int[] out = new int[64];
        assertThat(IntraPred.bestMode(cur, 8, 8, 8, ref, all, out)).isEqualTo(30);
        assertThat(out).isEqualTo(pred);
    }

    @Test
    void mostProbableModesAndModeCodingRoundTrip() {
        int[] mpm = new int[3];
        IntraPred.mostProbable(10, 10, mpm);
        assertThat(mpm).containsExactly(10, 9, 11);
        IntraPred.mostProbable(1, 1, mpm);
        assertThat(mpm).containsExactly(0, 1, 26);
        IntraPred.mostProbable(2, 2, mpm);
        assertThat(mpm).containsExactly(2, 33, 3);
        IntraPred.mostProbable(5, 0, mpm);
        assertThat(mpm).containsExactly(5, 0, 1);
        IntraPred.mostProbable(0, 1, mpm);
        assertThat(mpm).containsExactly(0, 1, 26);
        Random rnd = new Random(3);
        int[][] mpms = new int[500][3];
        int[] modes = new int[500];
        RangeEncoder enc = new RangeEncoder();
        BitModel flag = new BitModel();
        for (int i = 0; i < 500; i++) {
            IntraPred.mostProbable(rnd.nextInt(35), rnd.nextInt(35), mpms[i]);
            modes[i] = i < 35 ? i : rnd.nextInt(35);
            assertThat(IntraPred.codeMode(enc, flag, mpms[i], modes[i])).isEqualTo(modes[i]);
        }
        RangeDecoder dec = new RangeDecoder(enc.finish());
        BitModel flag2 = new BitModel();
        for (int i = 0; i < 500; i++) {
            assertThat(IntraPred.codeMode(dec, flag2, mpms[i], 0)).as("mode %d", i).isEqualTo(modes[i]);
        }
    }
}
