package codeclab.core;

/**
 * The quality measures BD-rate is computed on, as AWCY reports them. Each reads one number per RD point, in dB so
 * that BD-rate's log-rate-over-quality integral treats equal quality steps alike.
 */
public enum QualityMetric {

    /** Pooled luma PSNR: the score that ranks experiments. */
    PSNR_Y("PSNR-Y"),
    /** AWCY's PSNR-YUV: {@code (6 PSNR-Y + PSNR-U + PSNR-V) / 8} of the pooled plane PSNRs ({@link RdPoint#psnrYuv}). */
    PSNR_YUV("PSNR-YUV"),
    /** Pooled luma SSIM in dB, {@code -10 log10(1 - SSIM)} (as AWCY and FFmpeg print it). */
    SSIM_Y("SSIM-Y");

    private final String label;

    QualityMetric(String label) {
        this.label = label;
    }

    /** The name reports print: PSNR-Y, PSNR-YUV, SSIM-Y. */
    public String label() {
        return label;
    }

    /** This metric's value (dB) at one RD point; infinite for a lossless point. */
    public double of(RdPoint p) {
        return switch (this) {
            case PSNR_Y -> p.psnrY();
            case PSNR_YUV -> p.psnrYuv();
            case SSIM_Y -> p.ssimY() >= 1 ? Double.POSITIVE_INFINITY : -10 * Math.log10(1 - p.ssimY());
        };
    }
}
