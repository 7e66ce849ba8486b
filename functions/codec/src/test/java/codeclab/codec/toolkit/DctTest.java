package codeclab.codec.toolkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class DctTest {

    private static double[] randomBlock(Random r, int n) {
        double[] b = new double[n * n];
        for (int i = 0; i < b.length; i++) {
            b[i] = r.nextInt(511) - 255;
        }
        return b;
    }

    @ParameterizedTest
    @ValueSource(ints = {4, 8, 16})
    void floatForwardMatchesTheDefinition(int n) {
        Random r = new Random(n);
        for (int t = 0; t < 5; t++) {
            double[] in = randomBlock(r, n);
            double[] fast = new double[n * n];
            Dct.forward(in, fast, n);
            double[] ref = Dct.referenceForward(in, n);
            for (int i = 0; i < fast.length; i++) {
                assertThat(fast[i]).isCloseTo(ref[i], within(1e-9));
            }
            double[] back = new double[n * n];
            Dct.inverse(fast, back, n);
            double[] refBack = Dct.referenceInverse(ref, n);
            for (int i = 0; i < back.length; i++) {
                assertThat(back[i]).isCloseTo(in[i], within(1e-9));
                assertThat(refBack[i]).isCloseTo(in[i], within(1e-9));
            }
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {4, 8, 16})
    void flatBlockHasOnlyADcOfValueTimesN(int n) {
        double[] in = new double[n * n];
        java.util.Arrays.fill(in, 10);
        double[] ref = Dct.referenceForward(in, n);
        assertThat(ref[0]).isCloseTo(10.0 * n, within(1e-9));
        for (int i = 1; i < ref.length; i++) {
            assertThat(ref[i]).isCloseTo(0, within(1e-9));
        }
        int[] ii = new int[n * n];
        java.util.Arrays.fill(ii, 10);
        int[] out = new int[n * n];
        Dct.forward(ii, out, n);
        assertThat(out[0]).isEqualTo(10 * n);
    }

    @Test
    void knownAnswerSingleCosineGivesOneCoefficient() {
        // a pure horizontal frequency-1 basis function scaled by 100 transforms to exactly one coefficient
        int n = 8;
        double[] in = new double[n * n];
        for (int y = 0; y < n; y++) {
            for (int x = 0; x < n; x++) {
                in[y * n + x] = 100 * Dct.basis(n, 1, x) * Dct.basis(n, 0, y);
            }
        }
        double[] out = Dct.referenceForward(in, n);
        assertThat(out[1]).isCloseTo(100, within(1e-9));
        assertThat(Math.abs(out[0]) + Math.abs(out[8]) + Math.abs(out[9])).isLessThan(1e-9);
    }

    @ParameterizedTest
    @ValueSource(ints = {4, 8, 16})
    void integerTransformTracksTheReferenceWithinOneUnit(int n) {
        Random r = new Random(100 + n);
        for (int t = 0; t < 20; t++) {
            double[] in = randomBlock(r, n);
            int[] ii = new int[n * n];
            for (int i = 0; i < ii.length; i++) {
                ii[i] = (int) in[i];
            }
            int[] coef = new int[n * n];
            Dct.forward(ii, coef, n);
            double[] ref = Dct.referenceForward(in, n);
            for (int i = 0; i < coef.length; i++) {
                assertThat((double) coef[i]).isCloseTo(ref[i], within(1.0));
            }
            int[] back = new int[n * n];
            Dct.inverse(coef, back, n);
            for (int i = 0; i < back.length; i++) {
                assertThat(back[i]).isCloseTo(ii[i], within(1));
            }
        }
    }

    @Test
    void rejectsUnsupportedSizes() {
        assertThatThrownBy(() -> Dct.forward(new int[36], new int[36], 6))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("6");
    }

    /** The integer transform as first written (plain matrix products): the butterflies must match it bit for bit. */
    private static int[] matrixInteger(int[] in, int n, boolean forward) {
        int[] m = new int[n * n];
        for (int k = 0; k < n; k++) {
            for (int i = 0; i < n; i++) {
                int v = (int) Math.round(Dct.basis(n, k, i) * 1024 * Math.sqrt(n));
                m[forward ? k * n + i : i * n + k] = v;
            }
        }
        long[] tmp = new long[n * n];
        int shift2 = 14 + Integer.numberOfTrailingZeros(n);
        for (int y = 0; y < n; y++) {
            for (int k = 0; k < n; k++) {
                long s = 0;
                for (int x = 0; x < n; x++) {
                    s += (long) in[y * n + x] * m[k * n + x];
                }
                tmp[y * n + k] = (s + 32) >> 6;
            }
        }
        int[] out = new int[n * n];
        for (int x = 0; x < n; x++) {
            for (int k = 0; k < n; k++) {
                long s = 0;
                for (int y = 0; y < n; y++) {
                    s += tmp[y * n + x] * m[k * n + y];
                }
                out[k * n + x] = (int) ((s + (1L << (shift2 - 1))) >> shift2);
            }
        }
        return out;
    }

    @ParameterizedTest
    @ValueSource(ints = {4, 8, 16})
    void integerButterfliesEqualTheMatrixProductBitForBit(int n) {
        Random r = new Random(40 + n);
        for (int t = 0; t < 200; t++) {
            int[] in = new int[n * n];
            int range = t % 3 == 0 ? 511 : (t % 3 == 1 ? 8191 : 1 << 20);
            for (int i = 0; i < in.length; i++) {
                in[i] = r.nextInt(range) - range / 2;
            }
            int[] f = new int[n * n];
            Dct.forward(in, f, n);
            assertThat(f).isEqualTo(matrixInteger(in, n, true));
            int[] inv = new int[n * n];
            Dct.inverse(in, inv, n);
            assertThat(inv).isEqualTo(matrixInteger(in, n, false));
        }
    }
}
