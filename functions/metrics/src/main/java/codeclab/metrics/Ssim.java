package codeclab.metrics;

/**
 * SSIM of one 8-bit plane with the definition of FFmpeg's {@code ssim} filter (from x264/libvpx): sums over
 * non-overlapping 4x4 blocks; every 2x2 group of neighbouring blocks forms an 8x8 window (so windows step by
 * 4 samples and overlap by half); each window's SSIM uses integer sums with the constants
 * {@code C1 = round(0.01^2 * 255^2 * 64)} and {@code C2 = round(0.03^2 * 255^2 * 64 * 63)}; the plane's SSIM is
 * the mean over all {@code (w/4 - 1) x (h/4 - 1)} windows. Samples right of {@code 4*(w/4)} or below
 * {@code 4*(h/4)} are ignored, as in FFmpeg.
 *
 * <p>Window values are computed in {@code float} and summed in {@code float} along a row as FFmpeg's C code
 * does; rows are summed in {@code double}. FFmpeg's SIMD paths round differently, so results agree to about
 * 1e-6, not bit for bit.
 */
public final class Ssim {

    static final int C1 = (int) (.01 * .01 * 255 * 255 * 64 + .5);
    static final int C2 = (int) (.03 * .03 * 255 * 255 * 64 * 63 + .5);

    /** The smallest plane side with at least one 8x8 window. */
    public static final int MIN_SIDE = 8;

    private Ssim() {
    }

    /**
     * SSIM of two planes of {@code width x height} samples stored row by row without padding.
     *
     * @throws IllegalArgumentException if the planes differ in size or a side is smaller than {@link #MIN_SIDE}
     */
    public static double plane(byte[] a, byte[] b, int width, int height) {
        return planeWithSse(a, b, width, height, new long[1]);
    }

    /**
     * {@link #plane}, and the plane's sum of squared differences in {@code sse[0]}: the block sums already
     * hold it ({@code sum (a-b)^2 = sum a^2 + b^2 - 2ab}), so PSNR costs no second pass over the samples.
     */
    static double planeWithSse(byte[] a, byte[] b, int width, int height, long[] sse) {
        if (width < MIN_SIDE || height < MIN_SIDE) {
            throw new IllegalArgumentException("SSIM needs planes of at least " + MIN_SIDE + "x" + MIN_SIDE
                    + " samples, got " + width + "x" + height);
        }
        if (a.length != width * height || b.length != width * height) {
            throw new IllegalArgumentException("planes of " + width + "x" + height + " need " + width * height
                    + " samples, got " + a.length + " and " + b.length);
        }
        int blocksX = width >> 2;
        int blocksY = height >> 2;
        // Two rows of 4x4 block sums (s1, s2, ss, s12 interleaved), swapped as the window row moves down.
        int[] above = new int[4 * blocksX];
        int[] below = new int[4 * blocksX];
        long squares = blockRow(a, b, width, 0, blocksX, above);
        double total = 0;
        for (int by = 1; by < blocksY; by++) {
            squares += blockRow(a, b, width, by, blocksX, below);
            total += windowRow(above, below, blocksX - 1);
            int[] t = above;
            above = below;
            below = t;
        }
        sse[0] = squares + edgeSse(a, b, width, height, 4 * blocksX, 4 * blocksY);
        return total / ((double) (blocksX - 1) * (blocksY - 1));
    }

    /** Squared differences right of column {@code coveredW} and below row {@code coveredH} (outside the blocks). */
    private static long edgeSse(byte[] a, byte[] b, int width, int height, int coveredW, int coveredH) {
        long sum = 0;
        for (int y = 0; y < height; y++) {
            for (int x = y < coveredH ? coveredW : 0; x < width; x++) {
                int d = (a[y * width + x] & 0xFF) - (b[y * width + x] & 0xFF);
                sum += d * d;
            }
        }
        return sum;
    }

    /**
     * Sums of a, b, a^2 + b^2 and a*b over each 4x4 block of block row {@code by}; returns the row's sum of
     * squared differences.
     */
    private static long blockRow(byte[] a, byte[] b, int stride, int by, int blocksX, int[] out) {
        int rowStart = 4 * by * stride;
        long squares = 0;
        for (int bx = 0; bx < blocksX; bx++) {
            int s1 = 0, s2 = 0, ss = 0, s12 = 0;
            int base = rowStart + 4 * bx;
            for (int y = 0; y < 4; y++) {
                int p = base + y * stride;
                for (int x = 0; x < 4; x++) {
                    int va = a[p + x] & 0xFF;
                    int vb = b[p + x] & 0xFF;
                    s1 += va;
                    s2 += vb;
                    ss += va * va + vb * vb;
                    s12 += va * vb;
                }
            }
            int o = 4 * bx;
            out[o] = s1;
            out[o + 1] = s2;
            out[o + 2] = ss;
            out[o + 3] = s12;
            squares += ss - 2 * s12;
        }
        return squares;
    }

    /** Sum of the SSIM of the {@code windows} 8x8 windows formed by two neighbouring block rows. */
    private static float windowRow(int[] r0, int[] r1, int windows) {
        float sum = 0f;
        for (int i = 0; i < windows; i++) {
            int o = 4 * i;
            sum += window(
                    r0[o] + r0[o + 4] + r1[o] + r1[o + 4],
                    r0[o + 1] + r0[o + 5] + r1[o + 1] + r1[o + 5],
                    r0[o + 2] + r0[o + 6] + r1[o + 2] + r1[o + 6],
                    r0[o + 3] + r0[o + 7] + r1[o + 3] + r1[o + 7]);
        }
        return sum;
    }

    /** SSIM of one 8x8 window from its 64-sample sums (all terms fit in int for 8-bit samples). */
    static float window(int s1, int s2, int ss, int s12) {
        int vars = ss * 64 - s1 * s1 - s2 * s2;
        int covar = s12 * 64 - s1 * s2;
        return (float) (2 * s1 * s2 + C1) * (float) (2 * covar + C2)
                / ((float) (s1 * s1 + s2 * s2 + C1) * (float) (vars + C2));
    }

    /** SSIM expressed in dB as FFmpeg prints it: {@code 10 log10(1 / (1 - ssim))}, infinite for 1. */
    public static double toDb(double ssim) {
        return 10.0 * Math.log10(1.0 / (1.0 - ssim));
    }
}
