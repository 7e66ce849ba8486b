package codeclab.codec.toolkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.junit.jupiter.api.Test;

class BinCoderTest {

    /** Records the bins a binarisation produces, as a string of 0/1 ("c" marks a context-coded bin). */
    private static final class Recorder implements BinCoder {
        final StringBuilder bins = new StringBuilder();

        public int bit(BitModel m, int bin) {
            bins.append('c').append(bin);
            return bin;
        }

        public int bypass(int bin) {
            bins.append(bin & 1);
            return bin & 1;
        }

        public boolean reading() {
            return false;
        }
    }

    private static String bins(java.util.function.Consumer<BinCoder> walk) {
        Recorder r = new Recorder();
        walk.accept(r);
        return r.bins.toString();
    }

    @Test
    void binarisationsProduceTheKnownBinStrings() {
        BitModel[] two = BitModel.array(2);
        assertThat(bins(c -> c.bits(5, 4))).isEqualTo("0101");
        assertThat(bins(c -> c.unary(two, 3, 5))).isEqualTo("c1c1c1c0");
        assertThat(bins(c -> c.unary(two, 5, 5))).isEqualTo("c1c1c1c1c1");
        assertThat(bins(c -> c.unary(two, 0, 5))).isEqualTo("c0");
        assertThat(bins(c -> c.expGolomb(0, 0))).isEqualTo("0");
        assertThat(bins(c -> c.expGolomb(3, 0))).isEqualTo("11000");
        assertThat(bins(c -> c.expGolomb(0, 1))).isEqualTo("00");
        assertThat(bins(c -> c.expGolomb(2, 1))).isEqualTo("1000");
        assertThat(bins(c -> c.expGolomb(5, 2))).isEqualTo("10001");
        assertThat(bins(c -> c.ueg(two, 1, 0))).isEqualTo("c1c0");
        assertThat(bins(c -> c.ueg(two, 4, 0))).isEqualTo("c1c1101");
        assertThat(bins(c -> c.sueg(two, -1, 0))).isEqualTo("c1c01");
        assertThat(bins(c -> c.sueg(two, 0, 0))).isEqualTo("c0");
    }

    /** One walk for both directions, as a codec would write it. */
    private static int[] walk(BinCoder io, int[] values, BitModel[] flags, BitModel[] ints) {
        int[] got = new int[values.length];
        for (int i = 0; i < values.length; i++) {
            got[i] = switch (i % 6) {
                case 0 -> io.bit(flags[Contexts.count(i % 4 == 0, i % 3 == 0)], values[i]);
                case 1 -> io.bits(values[i], 7);
                case 2 -> io.unary(ints, values[i], 9);
                case 3 -> io.expGolomb(values[i], 3);
                case 4 -> io.ueg(ints, values[i], 1);
                default -> io.sueg(ints, values[i], 0);
            };
        }
        return got;
    }

    private static int[] randomValues(int n, long seed) {
        Random rnd = new Random(seed);
        int[] v = new int[n];
        for (int i = 0; i < n; i++) {
            v[i] = switch (i % 6) {
                case 0 -> rnd.nextDouble() < 0.15 ? 1 : 0;
                case 1 -> rnd.nextInt(128);
                case 2 -> Math.min(9, (int) Math.abs(rnd.nextGaussian() * 3));
                case 3 -> rnd.nextInt(1 << 20);
                case 4 -> (int) Math.abs(rnd.nextGaussian() * 20);
                default -> (int) (rnd.nextGaussian() * 40);
            };
        }
        return v;
    }

    @Test
    void theSameWalkRoundTripsThroughTheRangeCoder() {
        int[] values = randomValues(30000, 5);
        RangeEncoder enc = new RangeEncoder();
        walk(enc, values, BitModel.array(3), BitModel.array(4));
        byte[] data = enc.finish();
        assertThat(walk(new RangeDecoder(data), new int[values.length], BitModel.array(3), BitModel.array(4)))
                .isEqualTo(values);
    }

    @Test
    void ueg0IsTheRangeEncodersUIntBitForBit() {
        int[] values = randomValues(6000, 9);
        RangeEncoder a = new RangeEncoder();
        RangeEncoder b = new RangeEncoder();
        BitModel[] ca = BitModel.array(5);
        BitModel[] cb = BitModel.array(5);
        for (int i = 0; i < values.length; i += 6) {
            a.encodeSInt(ca, values[i + 5]);
            b.sueg(cb, values[i + 5], 0);
            a.encodeUInt(ca, values[i + 4]);
            b.ueg(cb, values[i + 4], 0);
        }
        assertThat(b.finish()).isEqualTo(a.finish());
    }

    @Test
    void counterEstimatesTheCodedSizeOfASkewedSource() {
        Random rnd = new Random(1);
        BitModel coded = new BitModel();
        BitModel counted = new BitModel();
        RangeEncoder enc = new RangeEncoder();
        BinCounter counter = new BinCounter();
        for (int i = 0; i < 100000; i++) {
            int bin = rnd.nextDouble() < 0.1 ? 1 : 0;
            counter.bit(counted, bin);
            counted.update(bin);             // the counter never adapts; mimic the coder's adaptation here
            enc.bit(coded, bin);
            counter.bypass(1);
            enc.bypass(1);
        }
        double actual = enc.finish().length * 8.0;
        assertThat(counter.bits()).isCloseTo(actual, org.assertj.core.data.Percentage.withPercentage(1));
        counter.reset();
        counter.bits(0, 12);
        assertThat(counter.bits()).isEqualTo(12.0);
    }

    @Test
    void counterDoesNotAdaptModels() {
        BitModel m = new BitModel();
        BinCounter counter = new BinCounter();
        for (int i = 0; i < 100; i++) {
            counter.bit(m, 1);
        }
        assertThat(m.probabilityOfOne()).isEqualTo(0.5);
        assertThat(counter.bits()).isCloseTo(100.0, org.assertj.core.data.Offset.offset(0.5));
    }

    @Test
    void tableCostMatchesTheLogarithm() {
        BitModel m = new BitModel();
        for (int i = 0; i < 40; i++) {
            m.update(i % 7 == 0 ? 1 : 0);
            assertThat(m.cost256(1) / 256.0).isCloseTo(m.cost(1), org.assertj.core.data.Offset.offset(0.02));
            assertThat(m.cost256(0) / 256.0).isCloseTo(m.cost(0), org.assertj.core.data.Offset.offset(0.02));
        }
    }

    @Test
    void badValuesAndTruncatedStreamsFailClearly() {
        RangeEncoder enc = new RangeEncoder();
        assertThatThrownBy(() -> enc.unary(BitModel.array(1), 6, 5)).hasMessageContaining("outside 0..5");
        assertThatThrownBy(() -> enc.ueg(BitModel.array(1), -1, 0)).hasMessageContaining(">= 0");
        byte[] ones = {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF};
        assertThatThrownBy(() -> new RangeDecoder(ones).expGolomb(0, 0)).isInstanceOf(BitstreamException.class);
    }

    @Test
    void blockGridAnswersNeighboursInPixelsAndOutsideIsUnavailable() {
        BlockGrid g = new BlockGrid(20, 12, 4, -1);
        assertThat(g.at(0, 0)).isEqualTo(-1);
        g.fill(4, 0, 8, 4, 7);
        assertThat(g.at(4, 0)).isEqualTo(7);
        assertThat(g.at(11, 3)).isEqualTo(7);
        assertThat(g.at(12, 0)).isEqualTo(-1);
        assertThat(g.left(12, 0)).isEqualTo(7);
        assertThat(g.above(4, 4)).isEqualTo(7);
        assertThat(g.left(0, 0)).isEqualTo(-1);
        assertThat(g.above(4, 0)).isEqualTo(-1);
        assertThat(g.at(20, 0)).isEqualTo(-1);
        assertThat(g.at(19, 11)).isEqualTo(-1);
        g.fill(16, 8, 100, 100, 3);      // clipped at the picture edge
        assertThat(g.at(19, 11)).isEqualTo(3);
        g.clear(0);
        assertThat(g.at(4, 0)).isZero();
        assertThat(g.at(-1, 0)).isEqualTo(-1);
        assertThatThrownBy(() -> new BlockGrid(16, 16, 3, 0)).hasMessageContaining("power-of-two");
    }

    @Test
    void contextsCountNeighbourConditions() {
        assertThat(Contexts.count(false, false)).isZero();
        assertThat(Contexts.count(true, false)).isEqualTo(1);
        assertThat(Contexts.count(true, true)).isEqualTo(2);
        assertThat(Contexts.bySum(1, 1, 3, 32)).isZero();
        assertThat(Contexts.bySum(-2, 1, 3, 32)).isEqualTo(1);
        assertThat(Contexts.bySum(20, -13, 3, 32)).isEqualTo(2);
        BlockGrid depth = new BlockGrid(32, 32, 4, -1);
        depth.fill(0, 0, 16, 32, 2);
        depth.fill(16, 0, 16, 16, 0);
        assertThat(Contexts.deeper(depth, 16, 16, 1)).isEqualTo(1);   // left deeper, above not
        assertThat(Contexts.deeper(depth, 0, 0, 1)).isZero();        // both outside
    }
}
