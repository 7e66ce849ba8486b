package codeclab.codec.toolkit;

import java.util.Arrays;

/**
 * Uniform scalar quantisation with a dead zone, quantisation matrices and a quality-to-step mapping.
 *
 * <p>Matrices hold per-coefficient weights in raster order where 16 means "the plain step": the step
 * used for coefficient {@code i} is {@code step * matrix[i] / 16}. Coefficients are those of the
 * orthonormal {@link Dct}, so a step of {@code s} gives a mean squared error of about {@code s*s/12}
 * per sample at high rates.
 */
public final class Quant {

    private Quant() {
    }

    /** Rounding offset for intra blocks (H.264 uses 1/3): a smaller offset widens the dead zone. */
    public static final double INTRA_ROUNDING = 1.0 / 3;
    /** Rounding offset for inter (residual) blocks (H.264 uses 1/6). */
    public static final double INTER_ROUNDING = 1.0 / 6;

    private static final int[] JPEG_LUMA = {
        16, 11, 10, 16, 24, 40, 51, 61,
        12, 12, 14, 19, 26, 58, 60, 55,
        14, 13, 16, 24, 40, 57, 69, 56,
        14, 17, 22, 29, 51, 87, 80, 62,
        18, 22, 37, 56, 68, 109, 103, 77,
        24, 35, 55, 64, 81, 104, 113, 92,
        49, 64, 78, 87, 103, 121, 120, 101,
        72, 92, 95, 98, 112, 100, 103, 99};

    private static final int[] JPEG_CHROMA = {
        17, 18, 24, 47, 99, 99, 99, 99,
        18, 21, 26, 66, 99, 99, 99, 99,
        24, 26, 56, 99, 99, 99, 99, 99,
        47, 66, 99, 99, 99, 99, 99, 99,
        99, 99, 99, 99, 99, 99, 99, 99,
        99, 99, 99, 99, 99, 99, 99, 99,
        99, 99, 99, 99, 99, 99, 99, 99,
        99, 99, 99, 99, 99, 99, 99, 99};

    /**
     * Level for {@code coef}: {@code sign(coef) * floor(|coef| / step + rounding)}. {@code rounding} in
     * [0, 0.5]: 0.5 is plain rounding, smaller values widen the dead zone around zero.
     */
    public static int quantize(double coef, double step, double rounding) {
        if (!(step > 0)) {
            throw new IllegalArgumentException("quantiser step " + step + " must be > 0");
        }
        int level = (int) (Math.abs(coef) / step + rounding);
        return coef < 0 ? -level : level;
    }

    /** Reconstructed coefficient for {@code level}: {@code round(level * step)}. */
    public static int dequantize(int level, double step) {
        return (int) Math.round(level * step);
    }

    /**
     * Quantises a block: {@code levels[i] = quantize(coefs[i], step * matrix[i] / 16, rounding)}.
     * {@code matrix} may be null (flat). Returns the number of non-zero levels.
     */
    public static int quantizeBlock(int[] coefs, int[] levels, double step, int[] matrix, double rounding) {
        int nonZero = 0;
        for (int i = 0; i < coefs.length; i++) {
            double s = matrix == null ? step : step * matrix[i] / 16.0;
            levels[i] = quantize(coefs[i], s, rounding);
            if (levels[i] != 0) {
                nonZero++;
            }
        }
        return nonZero;
    }

    /** Inverse of {@link #quantizeBlock}: {@code coefs[i] = dequantize(levels[i], step * matrix[i] / 16)}. */
    public static void dequantizeBlock(int[] levels, int[] coefs, double step, int[] matrix) {
        for (int i = 0; i < levels.length; i++) {
            double s = matrix == null ? step : step * matrix[i] / 16.0;
            coefs[i] = dequantize(levels[i], s);
        }
    }

    /** A flat n x n matrix (every weight 16). */
    public static int[] flat(int n) {
        int[] m = new int[n * n];
        Arrays.fill(m, 16);
        return m;
    }

    /** The JPEG (ITU-T T.81 Annex K) luma table, resampled to n x n (n in 4, 8, 16). */
    public static int[] jpegLuma(int n) {
        return resize(JPEG_LUMA, n);
    }

    /** The JPEG (ITU-T T.81 Annex K) chroma table, resampled to n x n (n in 4, 8, 16). */
    public static int[] jpegChroma(int n) {
        return resize(JPEG_CHROMA, n);
    }

    /** Multiplies every weight by {@code factor} (rounded, at least 1). */
    public static int[] scale(int[] matrix, double factor) {
        int[] m = new int[matrix.length];
        for (int i = 0; i < m.length; i++) {
            m[i] = Math.max(1, (int) Math.round(matrix[i] * factor));
        }
        return m;
    }

    // nearest-frequency resampling of an 8x8 table: frequency u of an n-point DCT ~ u*8/n of the 8-point one
    private static int[] resize(int[] m8, int n) {
        if (n != 4 && n != 8 && n != 16) {
            throw new IllegalArgumentException("matrix size " + n + " is not 4, 8 or 16");
        }
        int[] m = new int[n * n];
        for (int v = 0; v < n; v++) {
            for (int u = 0; u < n; u++) {
                m[v * n + u] = m8[Math.min(7, v * 8 / n) * 8 + Math.min(7, u * 8 / n)];
            }
        }
        return m;
    }

    /**
     * Maps quality 0..100 to a quantiser step for orthonormal DCT coefficients, exponentially:
     * {@code 16 * 2^((50 - quality) / 16)}, so the step halves every 16 quality units
     * (quality 0: 128, 10: 90.5, 50: 16, 90: 2.83, 100: 1.83). Quality outside 0..100 is clamped.
     */
    public static double qualityToStep(int quality) {
        int q = Math.max(0, Math.min(100, quality));
        return 16.0 * Math.pow(2.0, (50 - q) / 16.0);
    }
}
