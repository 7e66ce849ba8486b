package codeclab.codec.toolkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RangeCoderTest {

    @Test
    void randomMixedSymbolsRoundTrip() {
        Random rnd = new Random(11);
        int n = 50000;
        int[] kind = new int[n];
        int[] val = new int[n];
        BitModel[] bitCtx = BitModel.array(4);
        BitModel[] intCtx = BitModel.array(6);
        RangeEncoder enc = new RangeEncoder();
        for (int i = 0; i < n; i++) {
            kind[i] = rnd.nextInt(5);
            switch (kind[i]) {
                case 0 -> { val[i] = rnd.nextDouble() < 0.2 ? 1 : 0; enc.encodeBit(bitCtx[i & 3], val[i]); }
                case 1 -> { val[i] = rnd.nextInt(2); enc.encodeBypass(val[i]); }
                case 2 -> { val[i] = (int) Math.abs(rnd.nextGaussian() * 5); enc.encodeUInt(intCtx, val[i]); }
                case 3 -> { val[i] = (int) (rnd.nextGaussian() * 50); enc.encodeSInt(intCtx, val[i]); }
                default -> { val[i] = rnd.nextInt(1 << 16); enc.encodeExpGolombBypass(val[i], 2); }
            }
        }
        byte[] data = enc.finish();
        BitModel[] bitCtx2 = BitModel.array(4);
        BitModel[] intCtx2 = BitModel.array(6);
        RangeDecoder dec = new RangeDecoder(data);
        for (int i = 0; i < n; i++) {
            int got = switch (kind[i]) {
                case 0 -> dec.decodeBit(bitCtx2[i & 3]);
                case 1 -> dec.decodeBypass();
                case 2 -> dec.decodeUInt(intCtx2);
                case 3 -> dec.decodeSInt(intCtx2);
                default -> dec.decodeExpGolombBypass(2);
            };
            assertThat(got).as("symbol %d", i).isEqualTo(val[i]);
        }
    }

    @Test
    void skewedSourceCompressesWithinThreePercentOfItsEntropy() {
        double p = 0.05;
        int n = 200000;
        Random rnd = new Random(3);
        int[] bits = new int[n];
        RangeEncoder enc = new RangeEncoder();
        BitModel m = new BitModel();
        for (int i = 0; i < n; i++) {
            bits[i] = rnd.nextDouble() < p ? 1 : 0;
            enc.encodeBit(m, bits[i]);
        }
        byte[] data = enc.finish();
        double entropyBits = n * (-p * Math.log(p) - (1 - p) * Math.log(1 - p)) / Math.log(2);
        assertThat(data.length * 8.0).isLessThan(entropyBits * 1.03).isGreaterThan(entropyBits * 0.97);
        assertThat(m.probabilityOfOne()).isBetween(0.01, 0.15);
        RangeDecoder dec = new RangeDecoder(data);
        BitModel m2 = new BitModel();
        for (int i = 0; i < n; i++) {
            assertThat(dec.decodeBit(m2)).isEqualTo(bits[i]);
        }
    }

    @Test
    void unaryAndExpGolombBinarisationsRoundTripAtTheirLimits() {
        RangeEncoder enc = new RangeEncoder();
        BitModel[] ctx = BitModel.array(3);
        enc.encodeUnary(ctx, 5, 5);
        enc.encodeUnary(ctx, 0, 5);
        enc.encodeExpGolombBypass(0, 0);
        enc.encodeExpGolombBypass(1 << 29, 0);
        enc.encodeBypassBits(0xDEADBEEF, 32);
        byte[] data = enc.finish();
        RangeDecoder dec = new RangeDecoder(data);
        BitModel[] ctx2 = BitModel.array(3);
        assertThat(dec.decodeUnary(ctx2, 5)).isEqualTo(5);
        assertThat(dec.decodeUnary(ctx2, 5)).isEqualTo(0);
        assertThat(dec.decodeExpGolombBypass(0)).isEqualTo(0);
        assertThat(dec.decodeExpGolombBypass(0)).isEqualTo(1 << 29);
        assertThat(dec.decodeBypassBits(32)).isEqualTo(0xDEADBEEF);
    }

    @Test
    void truncatedDataThrowsInsteadOfDecodingForever() {
        RangeEncoder enc = new RangeEncoder();
        BitModel m = new BitModel();
        Random rnd = new Random(5);
        for (int i = 0; i < 10000; i++) {
            enc.encodeBit(m, rnd.nextInt(2));
        }
        byte[] data = enc.finish();
        byte[] cut = Arrays.copyOf(data, data.length - 1);
        assertThatThrownBy(() -> {
            RangeDecoder dec = new RangeDecoder(cut);
            BitModel m2 = new BitModel();
            for (int i = 0; i < 10000; i++) {
                dec.decodeBit(m2);
            }
        }).isInstanceOf(BitstreamException.class).hasMessageContaining("truncated");
    }

    @Test
    void modelCostReflectsItsProbability() {
        BitModel m = new BitModel(4);
        assertThat(m.cost(0)).isEqualTo(1.0);
        RangeEncoder enc = new RangeEncoder();
        for (int i = 0; i < 100; i++) {
            enc.encodeBit(m, 0);
        }
        assertThat(m.cost(0)).isLessThan(0.05);
        assertThat(m.cost(1)).isGreaterThan(5);
    }
}
