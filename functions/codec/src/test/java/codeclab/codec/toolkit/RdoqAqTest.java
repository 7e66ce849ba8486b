package codeclab.codec.toolkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

class RdoqAqTest {

    private static int[] laplacian(int n, long seed, double scale) {
        Random r = new Random(seed);
        int[] c = new int[n * n];
        for (int v = 0; v < n; v++) {
            for (int u = 0; u < n; u++) {
                double b = scale / (1 + u + v);
                double e = -Math.log(1 - r.nextDouble()) * b;
                c[v * n + u] = (int) Math.round(r.nextBoolean() ? e : -e);
            }
        }
        return c;
    }

    /** J of a quantised block under the same rate model RDOQ optimises. */
    private static double cost(int[] coefs, int[] levels, int n, double step, double lambda, Rdoq.Rate rate) {
        int[] scan = ZigZag.order(n);
        int last = -1;
        for (int i = 0; i < n * n; i++) {
            if (levels[scan[i]] != 0) {
                last = i;
            }
        }
        double j = lambda * rate.last(last);
        for (int i = 0; i < n * n; i++) {
            int r = scan[i];
            double e = coefs[r] - levels[r] * step;
            j += e * e;
            if (i <= last) {
                j += lambda * rate.level(i, Math.abs(levels[r]));
            }
        }
        return j;
    }

    @Test
    void lambdaZeroIsPlainRounding() {
        int[] c = laplacian(8, 1, 80);
        int[] a = new int[64];
        int[] b = new int[64];
        int nz = Rdoq.quantize(c, a, 8, 10, null, 0, Rdoq.expGolombRate(1));
        int nzb = Quant.quantizeBlock(c, b, 10, null, 0.5);
        assertThat(a).isEqualTo(b);
        assertThat(nz).isEqualTo(nzb);
    }

    @Test
    void neverCostsMoreThanDeadZoneQuantisersUnderItsRateModel() {
        Rdoq.Rate rate = Rdoq.expGolombRate(1);
        for (int seed = 0; seed < 50; seed++) {
            for (int n : new int[] {4, 8, 16}) {
                int[] c = laplacian(n, seed, 60);
                double step = 4 + seed % 7 * 3;
                double lambda = Rd.lambda(step);
                int[] r = new int[n * n];
                Rdoq.quantize(c, r, n, step, null, lambda, rate);
                double jr = cost(c, r, n, step, lambda, rate);
                for (double rounding : new double[] {0.5, 1.0 / 3, 1.0 / 6, 0}) {
                    int[] q = new int[n * n];
                    Quant.quantizeBlock(c, q, step, null, rounding);
                    assertThat(jr).as("seed %d n %d rounding %.2f", seed, n, rounding)
                            .isLessThanOrEqualTo(cost(c, q, n, step, lambda, rate) + 1e-9);
                }
            }
        }
    }

    @Test
    void dropsAnExpensiveIsolatedHighFrequencyLevel() {
        int[] c = new int[64];
        c[0] = 100;
        c[63] = 9;               // rounds to 1 at step 10, but alone at the end of the scan
        int[] l = new int[64];
        assertThat(Rdoq.quantize(c, l, 8, 10, null, 10, Rdoq.expGolombRate(1))).isEqualTo(1);
        assertThat(l[0]).isEqualTo(10);
        assertThat(l[63]).isZero();
        int[] m = new int[64];
        java.util.Arrays.fill(m, 16);
        m[0] = 32;               // the matrix doubles the DC step
        Rdoq.quantize(c, l, 8, 10, m, 0, Rdoq.expGolombRate(1));
        assertThat(l[0]).isEqualTo(5);
        assertThat(l[63]).isEqualTo(1);
        assertThat(Rdoq.quantize(c, l, 8, 10, null, 1e9, Rdoq.expGolombRate(1))).isZero();
    }

    @Test
    void adaptiveQpLowersFlatBlocksAndRaisesBusyOnesAroundZero() {
        Plane p = Plane.blank(32, 16);
        Random r = new Random(2);
        for (int y = 0; y < 16; y++) {
            for (int x = 0; x < 32; x++) {
                p.set(x, y, x < 16 ? 100 + (x + y) % 2 : r.nextInt(256));
            }
        }
        double[] off = AdaptiveQp.offsets(p, 16, 1.0);
        assertThat(off).hasSize(2);
        assertThat(off[0]).isNegative();
        assertThat(off[1]).isPositive();
        assertThat(off[0] + off[1]).isCloseTo(0, org.assertj.core.data.Offset.offset(1e-9));
        // 16x energy = 4 QP at strength 1: log2 difference maps one to one
        Plane q = Plane.blank(32, 16);
        for (int y = 0; y < 16; y++) {
            for (int x = 0; x < 32; x++) {
                q.set(x, y, 100 + (x < 16 ? 1 : 4) * ((x + y) % 2 == 0 ? 1 : -1));
            }
        }
        double[] o2 = AdaptiveQp.offsets(q, 16, 1.0);
        assertThat(o2[1] - o2[0]).isCloseTo(4.0, org.assertj.core.data.Offset.offset(1e-9));
        BlockGrid g = AdaptiveQp.grid(q, 16, 30, 1.0, 0, 51);
        assertThat(g.at(0, 0)).isEqualTo(28);
        assertThat(g.at(16, 0)).isEqualTo(32);
        assertThat(AdaptiveQp.grid(q, 16, 30, 10.0, 25, 35).at(16, 0)).isEqualTo(35);
    }

    @Test
    void deltaQpPredictionAndCodingRoundTrip() {
        BlockGrid coded = new BlockGrid(64, 64, 16, -1);
        assertThat(AdaptiveQp.predict(coded, 0, 0, 30)).isEqualTo(30);
        coded.fill(0, 0, 16, 16, 27);
        assertThat(AdaptiveQp.predict(coded, 16, 0, 30)).isEqualTo(29);      // (27 + 30 + 1) >> 1
        coded.fill(16, 0, 16, 16, 34);
        coded.fill(0, 16, 16, 16, 20);
        assertThat(AdaptiveQp.predict(coded, 16, 16, 30)).isEqualTo(27);     // (20 + 34 + 1) >> 1
        int[] qps = {30, 22, 51, 0, 31, 31, 40};
        RangeEncoder enc = new RangeEncoder();
        BitModel[] ctx = BitModel.array(2);
        int pred = 30;
        for (int qp : qps) {
            pred = AdaptiveQp.codeDelta(enc, ctx, pred, qp);
        }
        RangeDecoder dec = new RangeDecoder(enc.finish());
        BitModel[] ctx2 = BitModel.array(2);
        pred = 30;
        for (int qp : qps) {
            pred = AdaptiveQp.codeDelta(dec, ctx2, pred, 0);
            assertThat(pred).isEqualTo(qp);
        }
    }
}
