package codeclab.core;

/**
 * One point of a rate&ndash;distortion curve, measured by the harness (never by the candidate).
 *
 * @param quality       the quality knob the encoder was given (codec quality 0..100, or the x264 CRF)
 * @param bytes         size of the bitstream
 * @param bitrateKbps   bytes &times; 8 &times; fps / frames / 1000
 * @param psnrY         pooled luma PSNR in dB (FFmpeg's pooling: from the mean MSE)
 * @param psnrYuv       AWCY's PSNR-YUV: (6 PSNR-Y + PSNR-U + PSNR-V) / 8 of the pooled plane PSNRs
 * @param ssimY         pooled luma SSIM (FFmpeg/libvpx 8x8 definition)
 * @param encodeSeconds wall time of the encode
 * @param decodeSeconds wall time of the decode
 */
public record RdPoint(double quality, long bytes, double bitrateKbps, double psnrY, double psnrYuv, double ssimY,
                      double encodeSeconds, double decodeSeconds) {

    public RdPoint {
        if (bytes < 0 || !(bitrateKbps >= 0)) {
            throw new IllegalArgumentException("RD point needs a non-negative size, got " + bytes + " bytes / "
                    + bitrateKbps + " kbps");
        }
    }
}
