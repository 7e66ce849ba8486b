package codeclab.codec.toolkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class QuantZigZagTest {

    @Test
    void deadZoneQuantiserKnownAnswers() {
        assertThat(Quant.quantize(14.9, 10, 0.5)).isEqualTo(1);
        assertThat(Quant.quantize(15.0, 10, 0.5)).isEqualTo(2);
        assertThat(Quant.quantize(-15.0, 10, 0.5)).isEqualTo(-2);
        assertThat(Quant.quantize(6.0, 10, 1.0 / 3)).isZero(); // 0.6 + 0.33 < 1: inside the dead zone
        assertThat(Quant.quantize(7.0, 10, 1.0 / 3)).isEqualTo(1);
        assertThat(Quant.dequantize(-3, 10.4)).isEqualTo(-31);
    }

    @Test
    void blockQuantisationWithMatrixRoundTripsWithinHalfAStep() {
        int[] m = Quant.jpegLuma(8);
        int[] coefs = new int[64];
        for (int i = 0; i < 64; i++) {
            coefs[i] = (i * 37 % 200) - 100;
        }
        int[] levels = new int[64];
        int[] back = new int[64];
        int nz = Quant.quantizeBlock(coefs, levels, 8, m, 0.5);
        Quant.dequantizeBlock(levels, back, 8, m);
        assertThat(nz).isEqualTo((int) Arrays.stream(levels).filter(l -> l != 0).count());
        for (int i = 0; i < 64; i++) {
            assertThat(Math.abs(back[i] - coefs[i])).isLessThanOrEqualTo((int) Math.ceil(8 * m[i] / 16.0 / 2) + 1);
        }
    }

    @Test
    void matricesAreResampledAndScaled() {
        assertThat(Quant.flat(4)).containsOnly(16).hasSize(16);
        assertThat(Quant.jpegLuma(8)[0]).isEqualTo(16);
        assertThat(Quant.jpegLuma(8)[63]).isEqualTo(99);
        assertThat(Quant.jpegChroma(4)).hasSize(16);
        assertThat(Quant.jpegLuma(16)[255]).isEqualTo(99);
        assertThat(Quant.jpegLuma(16)[0]).isEqualTo(16);
        assertThat(Quant.scale(new int[] {16, 3}, 0.1)).containsExactly(2, 1);
    }

    @Test
    void qualityToStepFallsMonotonicallyAndSpansAWideRange() {
        assertThat(Quant.qualityToStep(50)).isEqualTo(16.0);
        assertThat(Quant.qualityToStep(34)).isEqualTo(32.0);
        for (int q = 1; q <= 100; q++) {
            assertThat(Quant.qualityToStep(q)).isLessThan(Quant.qualityToStep(q - 1));
        }
        assertThat(Quant.qualityToStep(-5)).isEqualTo(Quant.qualityToStep(0));
    }

    @Test
    void zigZag8MatchesJpegOrderPrefix() {
        assertThat(Arrays.copyOf(ZigZag.order(8), 10)).containsExactly(0, 1, 8, 16, 9, 2, 3, 10, 17, 24);
        assertThat(ZigZag.order(8)[63]).isEqualTo(63);
        assertThat(ZigZag.order(4)).containsExactly(0, 1, 4, 8, 5, 2, 3, 6, 9, 12, 13, 10, 7, 11, 14, 15);
    }

    @Test
    void zigZagOrdersArePermutationsAndScanRoundTrips() {
        for (int n : new int[] {4, 8, 16}) {
            int[] o = ZigZag.order(n);
            assertThat(Arrays.stream(o).sorted().toArray()).isEqualTo(java.util.stream.IntStream.range(0, n * n).toArray());
            int[] raster = java.util.stream.IntStream.range(0, n * n).map(i -> i * 7).toArray();
            int[] scanned = new int[n * n];
            int[] back = new int[n * n];
            ZigZag.scan(raster, scanned, n);
            ZigZag.unscan(scanned, back, n);
            assertThat(back).isEqualTo(raster);
            assertThat(scanned[2]).isEqualTo(raster[n]);
        }
    }
}
