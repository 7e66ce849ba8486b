package codeclab.metrics;

/**
 * PSNR as FFmpeg's {@code psnr} filter computes it for 8-bit samples: the mean squared error of a plane is
 * the exact integer sum of squared differences divided by the sample count, and
 * {@code PSNR = 10 log10(255^2 / mse)}.
 *
 * <p>Identical planes have {@code mse = 0} and a PSNR of {@link Double#POSITIVE_INFINITY}, which is what
 * FFmpeg prints as {@code inf}. Callers that serialise values must decide how to write infinity (JSON has
 * no literal for it).
 */
public final class Psnr {

    /** The peak sample value of 8-bit video. */
    public static final int PEAK = 255;

    private Psnr() {
    }

    /** The PSNR in dB of a mean squared error; infinite for {@code mse == 0}. */
    public static double fromMse(double mse) {
        if (!(mse >= 0)) {
            throw new IllegalArgumentException("mean squared error must be >= 0, got " + mse);
        }
        return 10.0 * Math.log10((double) (PEAK * PEAK) / mse);
    }

    /** Sum of squared differences between two equally long sample arrays, read as unsigned bytes. */
    public static long sse(byte[] a, byte[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("planes differ in size: " + a.length + " vs " + b.length + " samples");
        }
        long total = 0;
        int n = a.length;
        // An int holds the sum of 32768 squared 8-bit differences (255^2 * 32768 < 2^31): accumulate in
        // int chunks, which the JIT vectorises, and widen once per chunk.
        for (int start = 0; start < n; start += 32768) {
            int end = Math.min(n, start + 32768);
            int chunk = 0;
            for (int i = start; i < end; i++) {
                int d = (a[i] & 0xFF) - (b[i] & 0xFF);
                chunk += d * d;
            }
            total += chunk;
        }
        return total;
    }

    /** Mean squared error between two planes of equal size. */
    public static double mse(byte[] a, byte[] b) {
        if (a.length == 0) {
            throw new IllegalArgumentException("cannot compute the MSE of an empty plane");
        }
        return sse(a, b) / (double) a.length;
    }
}
