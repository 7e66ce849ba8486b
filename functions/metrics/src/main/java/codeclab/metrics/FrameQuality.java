package codeclab.metrics;

/**
 * The quality of one decoded frame against its source, with FFmpeg's per-frame definitions.
 *
 * @param index   frame number, 0-based (FFmpeg's logs count from 1)
 * @param mseY    mean squared error of luma (FFmpeg {@code mse_y})
 * @param mseU    of Cb
 * @param mseV    of Cr
 * @param mseYuv  the planes' MSEs weighted by sample count, 4:1:1 for 4:2:0 (FFmpeg {@code mse_avg})
 * @param psnrY   {@code 10 log10(255^2 / mseY)}; {@link Double#POSITIVE_INFINITY} when the planes are identical
 * @param psnrU   likewise for Cb
 * @param psnrV   likewise for Cr
 * @param psnrYuv PSNR of {@code mseYuv} (FFmpeg {@code psnr_avg})
 * @param ssimY   SSIM of luma (FFmpeg {@code Y})
 * @param ssimU   of Cb
 * @param ssimV   of Cr
 * @param ssimAll the planes' SSIMs weighted by sample count (FFmpeg {@code All})
 */
public record FrameQuality(int index,
                           double mseY, double mseU, double mseV, double mseYuv,
                           double psnrY, double psnrU, double psnrV, double psnrYuv,
                           double ssimY, double ssimU, double ssimV, double ssimAll) {

    /** {@code ssimAll} in dB as FFmpeg prints it after {@code All:}: {@code 10 log10(1 / (1 - ssim))}. */
    public double ssimAllDb() {
        return Ssim.toDb(ssimAll);
    }
}
