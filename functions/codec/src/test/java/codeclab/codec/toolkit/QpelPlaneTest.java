package codeclab.codec.toolkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

class QpelPlaneTest {

    @Test
    void predictionsEqualSubPelEverywhereIncludingEdgesAndFarOutside() {
        Random r = new Random(8);
        Plane ref = Plane.blank(48, 40);
        for (int i = 0; i < ref.data().length; i++) {
            ref.data()[i] = (byte) r.nextInt(256);
        }
        QpelPlane qp = new QpelPlane(ref);
        SubPel sp = new SubPel();
        int[] a = new int[16 * 8];
        int[] b = new int[16 * 8];
        for (int[] pos : new int[][] {{16, 16}, {0, 0}, {32, 32}, {40, 0}}) {
            for (int mvy = -13; mvy <= 13; mvy++) {
                for (int mvx = -13; mvx <= 13; mvx++) {
                    qp.predict(pos[0], pos[1], mvx, mvy, 16, 8, a);
                    sp.luma(ref, pos[0], pos[1], mvx, mvy, 16, 8, b);
                    assertThat(a).as("mv (%d, %d) at %d,%d", mvx, mvy, pos[0], pos[1]).isEqualTo(b);
                }
            }
        }
        for (int[] mv : new int[][] {{-4 * 60, 3}, {4 * 50 + 1, -4 * 45 + 2}, {4 * 38 + 3, 4 * 33 + 1}}) {
            qp.predict(8, 8, mv[0], mv[1], 16, 8, a);
            sp.luma(ref, 8, 8, mv[0], mv[1], 16, 8, b);
            assertThat(a).as("far vector (%d, %d)", mv[0], mv[1]).isEqualTo(b);
        }
        assertThat(qp.plane()).isSameAs(ref);
    }

    @Test
    void refinementAgreesWithSubPel() {
        Plane ref = TestPlanes.smooth(64, 64, 4);
        SubPel sp = new SubPel();
        int[] block = new int[256];
        sp.luma(ref, 24, 24, 7, -6, 16, 16, block);
        Plane cur = Plane.blank(64, 64);
        Planes.putBlock(cur, 24, 24, 16, 16, block);
        MotionVector full = MotionSearch.fullSearch(cur, ref, 24, 24, 16, 16, 4);
        QpelPlane qp = new QpelPlane(ref);
        for (double lambda : new double[] {0, 3, 50}) {
            assertThat(qp.refine(cur, 24, 24, 16, 16, full, 4, -4, lambda))
                    .isEqualTo(sp.refine(cur, ref, 24, 24, 16, 16, full, 4, -4, lambda));
        }
        assertThat(qp.refine(cur, 24, 24, 16, 16, full, 0, 0, 0)).isEqualTo(new MotionVector(7, -6, 0));
    }
}
