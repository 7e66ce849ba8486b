package codeclab.codec.toolkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class QuadtreeTest {

    /** Detail only in the top-left 8x8, and there only in its top-left 4x4: the cheapest tree splits exactly there. */
    private static double cost(int x, int y, int size) {
        boolean detail = x < 8 && y < 8;
        boolean fine = x < 4 && y < 4;
        return switch (size) {
            case 16 -> 1000;
            case 8 -> detail ? 500 : 10;
            default -> fine ? 1 : (detail ? 3 : 9);
        };
    }

    @Test
    void searchPicksTheCheapestPartitionCountingSplitFlags() {
        BlockGrid sizes = new BlockGrid(32, 16, 4, 0);
        // 8x8 (0,0): leaf 500 + 1 vs 4 leaves 1+3+3+3 + 1 -> split; other 8x8 leaves 10 + 1 vs 4*9+1 -> leaf
        // 16: 1000 + 1 vs (11) + 3 * 11 + 1 -> split
        double j = Quadtree.search(0, 0, 16, 4, QuadtreeTest::cost, 1, sizes);
        assertThat(j).isEqualTo(11 + 3 * 11 + 1);
        assertThat(sizes.at(0, 0)).isEqualTo(4);
        assertThat(sizes.at(7, 7)).isEqualTo(4);
        assertThat(sizes.at(8, 0)).isEqualTo(8);
        assertThat(sizes.at(15, 15)).isEqualTo(8);
        assertThat(sizes.at(16, 0)).isZero();         // untouched
        List<String> leaves = new ArrayList<>();
        Quadtree.forEachLeaf(sizes, 0, 0, 16, (x, y, s) -> leaves.add(x + "," + y + ":" + s));
        assertThat(leaves).containsExactly("0,0:4", "4,0:4", "0,4:4", "4,4:4", "8,0:8", "0,8:8", "8,8:8");
        // a high flag cost keeps the block whole
        assertThat(Quadtree.search(16, 0, 16, 4, (x, y, s) -> s == 16 ? 100 : 10, 1000, sizes)).isEqualTo(1100);
        assertThat(sizes.at(16, 0)).isEqualTo(16);
    }

    @Test
    void splitFlagsRoundTripThroughTheRangeCoder() {
        BlockGrid enc = new BlockGrid(64, 32, 4, 0);
        Quadtree.search(0, 0, 16, 4, QuadtreeTest::cost, 1, enc);
        Quadtree.search(16, 0, 16, 4, (x, y, s) -> s == 4 ? 0 : 100, 1, enc);
        Quadtree.search(32, 0, 16, 8, (x, y, s) -> s == 16 ? 1000 : s, 1, enc);
        for (int x = 48; x < 64; x += 16) {
            Quadtree.search(x, 0, 16, 4, (bx, by, s) -> 50 - s, 1, enc);
        }
        for (int x = 0; x < 64; x += 16) {
            Quadtree.search(x, 16, 16, 4, (bx, by, s) -> (bx * 7 + by * 3 + s) % 11, 0.5, enc);
        }
        RangeEncoder out = new RangeEncoder();
        BitModel[] ctx = BitModel.array(3);
        codeAll(out, enc, ctx);
        BlockGrid dec = new BlockGrid(64, 32, 4, 0);
        codeAll(new RangeDecoder(out.finish()), dec, BitModel.array(3));
        for (int y = 0; y < 32; y += 4) {
            for (int x = 0; x < 64; x += 4) {
                assertThat(dec.at(x, y)).as("(%d,%d)", x, y).isEqualTo(enc.at(x, y));
            }
        }
        assertThat(enc.at(16, 0)).isEqualTo(4);
        assertThat(enc.at(32, 0)).isEqualTo(8);
    }

    private static void codeAll(BinCoder io, BlockGrid sizes, BitModel[] ctx) {
        for (int y = 0; y < 32; y += 16) {
            for (int x = 0; x < 64; x += 16) {
                Quadtree.code(io, sizes, x, y, 16, x == 32 && y == 0 ? 8 : 4, ctx);
            }
        }
    }

    @Test
    void rejectsSizesTheGridCannotHold() {
        assertThatThrownBy(() -> Quadtree.search(0, 0, 16, 2, (x, y, s) -> 0, 0, new BlockGrid(16, 16, 4, 0)))
                .hasMessageContaining("powers of two");
        assertThatThrownBy(() -> Quadtree.search(0, 0, 12, 4, (x, y, s) -> 0, 0, new BlockGrid(16, 16, 4, 0)))
                .hasMessageContaining("powers of two");
    }
}
