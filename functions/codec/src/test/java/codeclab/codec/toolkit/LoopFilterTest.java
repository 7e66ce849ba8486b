package codeclab.codec.toolkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class LoopFilterTest {

    @Test
    void tablesMatchTheStandard() {
        assertThat(new int[] {LoopFilter.alpha(15), LoopFilter.alpha(16), LoopFilter.alpha(30), LoopFilter.alpha(51), LoopFilter.alpha(60)})
                .containsExactly(0, 4, 25, 255, 255);
        assertThat(new int[] {LoopFilter.beta(16), LoopFilter.beta(29), LoopFilter.beta(51)}).containsExactly(2, 7, 18);
        assertThat(new int[] {LoopFilter.tc0(16, 3), LoopFilter.tc0(17, 3), LoopFilter.tc0(36, 2), LoopFilter.tc0(51, 1), LoopFilter.tc0(51, 3)})
                .containsExactly(0, 1, 3, 13, 25);
        assertThat(new int[] {LoopFilter.chromaQp(29), LoopFilter.chromaQp(30), LoopFilter.chromaQp(40), LoopFilter.chromaQp(51)})
                .containsExactly(29, 29, 36, 39);
    }

    @Test
    void boundaryStrengthRules() {
        assertThat(LoopFilter.strength(true, false, true, false, false, 0, 0, 0, 0, 0, 0)).isEqualTo(4);
        assertThat(LoopFilter.strength(false, true, false, false, false, 0, 0, 0, 0, 0, 0)).isEqualTo(3);
        assertThat(LoopFilter.strength(false, false, true, false, true, 0, 0, 0, 0, 0, 0)).isEqualTo(2);
        assertThat(LoopFilter.strength(false, false, true, false, false, 0, 0, 0, 0, 0, 1)).isEqualTo(1);
        assertThat(LoopFilter.strength(false, false, true, false, false, 0, 0, 0, 4, 0, 0)).isEqualTo(1);
        assertThat(LoopFilter.strength(false, false, true, false, false, 0, 0, 0, 3, -3, 0)).isZero();
    }

    @Test
    void strengthsComeFromTheMotionFieldAndCodedFlags() {
        MotionField m = new MotionField(32, 16);
        m.set(0, 0, 16, 16, 0, 0, MotionField.INTRA);
        m.set(16, 0, 8, 16, 8, 0, 0);
        m.set(24, 0, 8, 16, 8, 0, 0);
        BlockGrid coded = new BlockGrid(32, 16, 4, -1);
        coded.clear(0);
        coded.fill(24, 8, 4, 4, 1);
        BlockGrid v = new BlockGrid(32, 16, 4, 0);
        BlockGrid h = new BlockGrid(32, 16, 4, 0);
        LoopFilter.strengths(m, coded, 16, 4, v, h);
        assertThat(v.at(0, 0)).isZero();            // picture edge
        assertThat(v.at(4, 0)).isEqualTo(3);        // inside the intra macroblock
        assertThat(v.at(16, 0)).isEqualTo(4);       // intra | inter on a macroblock edge
        assertThat(v.at(20, 0)).isZero();           // same motion, no coefficients
        assertThat(v.at(24, 8)).isEqualTo(2);       // coded on the q side
        assertThat(h.at(24, 8)).isEqualTo(2);
        assertThat(h.at(20, 4)).isZero();
        assertThat(h.at(0, 0)).isZero();
        LoopFilter.strengths(m, coded, 16, 8, v, h);
        assertThat(v.at(4, 0)).isZero();            // 8x8 transform: no edge at 4
        assertThat(v.at(8, 0)).isEqualTo(3);
        assertThatThrownBy(() -> LoopFilter.strengths(m, coded, 16, 5, v, h)).hasMessageContaining("every 4 or 8");
    }

    /** A 16x4 plane whose rows are {@code row}, filtered across the vertical edge at x = 8 with strength bs at QP qp. */
    private static int[] filterRow(int[] row, int bs, int qp, boolean chroma) {
        Plane p = Plane.blank(16, 4);
        for (int y = 0; y < 4; y++) {
            for (int x = 0; x < 16; x++) {
                p.set(x, y, row[x]);
            }
        }
        int s = chroma ? 2 : 1;
        BlockGrid v = new BlockGrid(16 * s, 4 * s, 4, 0);
        BlockGrid h = new BlockGrid(16 * s, 4 * s, 4, 0);
        v.fill(8 * s, 0, 4, 4 * s, bs);
        BlockGrid q = new BlockGrid(16 * s, 4 * s, 16, qp);
        q.clear(qp);
        if (chroma) {
            LoopFilter.filterChroma(p, v, h, q, 0, 0);
        } else {
            LoopFilter.filterLuma(p, v, h, q, 0, 0);
        }
        int[] out = new int[16];
        Planes.getBlock(p, 0, 3, 16, 1, out);
        return out;
    }

    private static int[] row(int left, int right) {
        int[] r = new int[16];
        for (int i = 0; i < 16; i++) {
            r[i] = i < 8 ? left : right;
        }
        return r;
    }

    @Test
    void normalFilterKnownAnswer() {
        // QP 30: alpha 25, beta 8, tC0(bS 2) 1, tc = 1 + 2 (both sides flat); delta = (40 - 10 + 4) >> 3 = 4 -> 3
        int[] out = filterRow(row(60, 70), 2, 30, false);
        assertThat(java.util.Arrays.copyOfRange(out, 4, 12)).containsExactly(60, 60, 61, 63, 67, 69, 70, 70);
    }

    @Test
    void strongIntraFilterKnownAnswer() {
        int[] out = filterRow(row(60, 66), 4, 30, false);
        assertThat(java.util.Arrays.copyOfRange(out, 4, 12)).containsExactly(60, 61, 62, 62, 64, 65, 65, 66);
        // a step >= alpha/4 + 2 only gets the 3-tap p0/q0 filter
        out = filterRow(row(60, 70), 4, 30, false);
        assertThat(java.util.Arrays.copyOfRange(out, 4, 12)).containsExactly(60, 60, 60, 63, 68, 70, 70, 70);
    }

    @Test
    void realEdgesFineQpsAndZeroStrengthAreLeftAlone() {
        assertThat(filterRow(row(20, 200), 4, 40, false)).isEqualTo(row(20, 200));     // 180 >= alpha(40) = 80
        assertThat(filterRow(row(60, 66), 4, 10, false)).isEqualTo(row(60, 66));
        assertThat(filterRow(row(60, 66), 0, 40, false)).isEqualTo(row(60, 66));
    }

    @Test
    void chromaFiltersOnlyTheNearestSamplesWithTheChromaQp() {
        // chroma QP of 30 is 29: alpha 22, beta 7, tc = tC0 1 + 1 = 2
        int[] out = filterRow(row(60, 70), 2, 30, true);
        assertThat(java.util.Arrays.copyOfRange(out, 4, 12)).containsExactly(60, 60, 60, 62, 68, 70, 70, 70);
        out = filterRow(row(60, 70), 4, 30, true);
        assertThat(java.util.Arrays.copyOfRange(out, 4, 12)).containsExactly(60, 60, 60, 63, 68, 70, 70, 70);
    }
}
