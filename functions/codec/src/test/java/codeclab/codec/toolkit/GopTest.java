package codeclab.codec.toolkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class GopTest {

    private static String order(List<Gop.Picture> frames) {
        StringBuilder s = new StringBuilder();
        for (Gop.Picture f : frames) {
            s.append(f.type()).append(f.display()).append(' ');
        }
        return s.toString().trim();
    }

    @Test
    void hierarchicalOrderCodesAnchorsThenMiddleFirst() {
        List<Gop.Picture> g = Gop.hierarchical(9, 4, 64);
        assertThat(order(g)).isEqualTo("I0 P4 B2 B1 B3 P8 B6 B5 B7");
        assertThat(g.get(2)).isEqualTo(new Gop.Picture(2, Gop.Type.B, 0, 4, 1));
        assertThat(g.get(3)).isEqualTo(new Gop.Picture(1, Gop.Type.B, 0, 2, 2));
        assertThat(g.get(4)).isEqualTo(new Gop.Picture(3, Gop.Type.B, 2, 4, 2));
        assertThat(g.get(5)).isEqualTo(new Gop.Picture(8, Gop.Type.P, 4, -1, 0));
    }

    @Test
    void tailAndKeyFramesBecomeAnchors() {
        assertThat(order(Gop.hierarchical(7, 4, 64))).isEqualTo("I0 P4 B2 B1 B3 P6 B5");
        assertThat(order(Gop.hierarchical(10, 4, 6))).isEqualTo("I0 P4 B2 B1 B3 I6 B5 P9 B7 B8");
        assertThat(order(Gop.hierarchical(4, 1, 64))).isEqualTo("I0 P1 P2 P3");
        assertThat(order(Gop.hierarchical(1, 8, 64))).isEqualTo("I0");
    }

    @Test
    void everyFrameOnceAndReferencesAreCodedBeforeUse() {
        for (int n = 1; n < 40; n++) {
            for (int mg : new int[] {1, 2, 3, 4, 8}) {
                for (int key : new int[] {1, 5, 16, 64}) {
                    List<Gop.Picture> g = Gop.hierarchical(n, mg, key);
                    Set<Integer> coded = new HashSet<>();
                    for (Gop.Picture f : g) {
                        if (f.forward() >= 0) {
                            assertThat(coded).contains(f.forward());
                        }
                        if (f.backward() >= 0) {
                            assertThat(coded).contains(f.backward());
                        }
                        assertThat(f.type() == Gop.Type.I).isEqualTo(f.forward() < 0);
                        assertThat(coded.add(f.display())).isTrue();
                    }
                    assertThat(coded).hasSize(n);
                }
            }
        }
        assertThatThrownBy(() -> Gop.hierarchical(0, 4, 8)).hasMessageContaining(">= 1");
    }
}
