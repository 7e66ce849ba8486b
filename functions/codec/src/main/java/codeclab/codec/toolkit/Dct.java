package codeclab.codec.toolkit;

/**
 * Orthonormal 2-D DCT-II (and its inverse, DCT-III) on square N x N blocks, N in {4, 8, 16}, row-major.
 *
 * <p>Scale: orthonormal, so a flat block of value {@code v} has DC {@code v * N} and energy is preserved
 * (sum of squared samples == sum of squared coefficients). Float versions use {@code double[]};
 * integer versions use a scaled integer basis (round(1024 * sqrt(N) * basis), HEVC-like but finer) with
 * rounding shifts and 64-bit sums, so they match the float transform to within one unit.
 * {@link #referenceForward}/{@link #referenceInverse} compute the definition directly in O(N^4): the test oracle.
 * All methods accept {@code in == out}.
 */
public final class Dct {

    private Dct() {
    }

    private static final double[][] BASIS = new double[17][];
    private static final int[][] IBASIS = new int[17][];
    private static final double[][] BASIS_T = new double[17][];

    static {
        for (int n : new int[] {4, 8, 16}) {
            double[] b = new double[n * n];
            int[] ib = new int[n * n];
            for (int k = 0; k < n; k++) {
                double c = k == 0 ? Math.sqrt(1.0 / n) : Math.sqrt(2.0 / n);
                for (int i = 0; i < n; i++) {
                    b[k * n + i] = c * Math.cos(Math.PI * (2 * i + 1) * k / (2.0 * n));
                    ib[k * n + i] = (int) Math.round(b[k * n + i] * 1024 * Math.sqrt(n));
                }
            }
            BASIS[n] = b;
            IBASIS[n] = ib;
            double[] bt = new double[n * n];
            for (int k = 0; k < n; k++) {
                for (int i = 0; i < n; i++) {
                    bt[k * n + i] = b[i * n + k];
                }
            }
            BASIS_T[n] = bt;
            for (int k = 0; k < n; k++) {
                for (int i = 0; i < n / 2; i++) {
                    int sign = (k & 1) == 0 ? 1 : -1;
                    if (ib[k * n + n - 1 - i] != sign * ib[k * n + i]) {
                        throw new IllegalStateException("integer DCT basis lost its symmetry at n=" + n + " k=" + k);
                    }
                }
            }
        }
    }

    private static void checkSize(int n, int len) {
        if (n != 4 && n != 8 && n != 16) {
            throw new IllegalArgumentException("DCT size " + n + " is not 4, 8 or 16");
        }
        if (len < n * n) {
            throw new IllegalArgumentException("DCT " + n + "x" + n + " needs " + (n * n) + " values, got " + len);
        }
    }

    /** The orthonormal basis value of frequency {@code k} at sample {@code i} for size {@code n}. */
    public static double basis(int n, int k, int i) {
        checkSize(n, n * n);
        return BASIS[n][k * n + i];
    }

    /** Forward 2-D DCT of an n x n block (samples in, coefficients out). */
    public static void forward(double[] in, double[] out, int n) {
        separable(in, out, n, true);
    }

    /** Inverse 2-D DCT of an n x n block (coefficients in, samples out). */
    public static void inverse(double[] in, double[] out, int n) {
        separable(in, out, n, false);
    }

    private static void separable(double[] in, double[] out, int n, boolean forward) {
        checkSize(n, Math.min(in.length, out.length));
        // row k of m is the k-th output's weights: the basis for forward, its transpose for inverse
        double[] m = forward ? BASIS[n] : BASIS_T[n];
        double[] tmp = new double[n * n];
        // rows: tmp[y][k] = sum_x in[y][x] * B(k, x)   (forward) / sum_k in[y][k] * B(k, x) (inverse)
        for (int y = 0; y < n; y++) {
            int row = y * n;
            for (int k = 0; k < n; k++) {
                double s = 0;
                for (int x = 0; x < n; x++) {
                    s += in[row + x] * m[k * n + x];
                }
                tmp[row + k] = s;
            }
        }
        for (int x = 0; x < n; x++) {
            for (int k = 0; k < n; k++) {
                double s = 0;
                for (int y = 0; y < n; y++) {
                    s += tmp[y * n + x] * m[k * n + y];
                }
                out[k * n + x] = s;
            }
        }
    }

    /** Integer forward 2-D DCT: result is the orthonormal DCT rounded to integers (within about +-1). */
    public static void forward(int[] in, int[] out, int n) {
        integer(in, out, n, true);
    }

    /** Integer inverse 2-D DCT: result is the orthonormal inverse rounded to integers (within about +-1). */
    public static void inverse(int[] in, int[] out, int n) {
        integer(in, out, n, false);
    }

    private static void integer(int[] in, int[] out, int n, boolean forward) {
        checkSize(n, Math.min(in.length, out.length));
        int[] m = IBASIS[n];
        int half = n / 2;
        int log2n = n == 4 ? 2 : (n == 8 ? 3 : 4);
        // basis scale is 1024*sqrt(n) per pass, 2^(20+log2n) in all: shift 6 after pass 1 (keeping 4 extra
        // bits of precision), the rest after pass 2. Each pass transforms rows and writes its result
        // transposed, so the second pass is the same row loop again. Even/odd butterflies: basis row k is
        // symmetric for even k and antisymmetric for odd k (checked at start-up), so each output needs n/2
        // products instead of n; integer sums are exact, so the result is the plain matrix product's bit for bit.
        long[] tmp = new long[n * n];
        long[] e = new long[half];
        long[] o = new long[half];
        int shift2 = 14 + log2n;
        long round2 = 1L << (shift2 - 1);
        for (int pass = 0; pass < 2; pass++) {
            int shift = pass == 0 ? 6 : shift2;
            long round = pass == 0 ? 32 : round2;
            for (int row = 0; row < n; row++) {
                int r = row * n;
                if (forward) {
                    for (int i = 0; i < half; i++) {
                        long x0 = pass == 0 ? in[r + i] : tmp[r + i];
                        long x1 = pass == 0 ? in[r + n - 1 - i] : tmp[r + n - 1 - i];
                        e[i] = x0 + x1;
                        o[i] = x0 - x1;
                    }
                    for (int k = 0; k < n; k++) {
                        long[] v = (k & 1) == 0 ? e : o;
                        int mk = k * n;
                        long s = round;
                        for (int i = 0; i < half; i++) {
                            s += m[mk + i] * v[i];
                        }
                        put(pass, k * n + row, s >> shift, tmp, out);
                    }
                } else {
                    // sample i = E[i] + O[i], sample n-1-i = E[i] - O[i] (E over even, O over odd frequencies)
                    for (int i = 0; i < half; i++) {
                        long se = round;
                        long so = 0;
                        for (int k = 0; k < n; k += 2) {
                            long c0 = pass == 0 ? in[r + k] : tmp[r + k];
                            long c1 = pass == 0 ? in[r + k + 1] : tmp[r + k + 1];
                            se += m[k * n + i] * c0;
                            so += m[(k + 1) * n + i] * c1;
                        }
                        e[i] = (se + so) >> shift;
                        o[i] = (se - so) >> shift;
                    }
                    for (int i = 0; i < half; i++) {
                        put(pass, i * n + row, e[i], tmp, out);
                        put(pass, (n - 1 - i) * n + row, o[i], tmp, out);
                    }
                }
            }
        }
    }

    // pass 0 stores into tmp, pass 1 into out
    private static void put(int pass, int index, long value, long[] tmp, int[] out) {
        if (pass == 0) {
            tmp[index] = value;
        } else {
            out[index] = (int) value;
        }
    }

    /** Forward 2-D DCT straight from the definition, O(N^4). Test oracle; too slow for codecs. */
    public static double[] referenceForward(double[] in, int n) {
        checkSize(n, in.length);
        double[] out = new double[n * n];
        for (int v = 0; v < n; v++) {
            for (int u = 0; u < n; u++) {
                double cu = u == 0 ? Math.sqrt(1.0 / n) : Math.sqrt(2.0 / n);
                double cv = v == 0 ? Math.sqrt(1.0 / n) : Math.sqrt(2.0 / n);
                double s = 0;
                for (int y = 0; y < n; y++) {
                    for (int x = 0; x < n; x++) {
                        s += in[y * n + x] * Math.cos(Math.PI * (2 * x + 1) * u / (2.0 * n))
                                * Math.cos(Math.PI * (2 * y + 1) * v / (2.0 * n));
                    }
                }
                out[v * n + u] = cu * cv * s;
            }
        }
        return out;
    }

    /** Inverse 2-D DCT straight from the definition, O(N^4). Test oracle. */
    public static double[] referenceInverse(double[] in, int n) {
        checkSize(n, in.length);
        double[] out = new double[n * n];
        for (int y = 0; y < n; y++) {
            for (int x = 0; x < n; x++) {
                double s = 0;
                for (int v = 0; v < n; v++) {
                    for (int u = 0; u < n; u++) {
                        double cu = u == 0 ? Math.sqrt(1.0 / n) : Math.sqrt(2.0 / n);
                        double cv = v == 0 ? Math.sqrt(1.0 / n) : Math.sqrt(2.0 / n);
                        s += cu * cv * in[v * n + u] * Math.cos(Math.PI * (2 * x + 1) * u / (2.0 * n))
                                * Math.cos(Math.PI * (2 * y + 1) * v / (2.0 * n));
                    }
                }
                out[y * n + x] = s;
            }
        }
        return out;
    }
}
