/**
 * Full-reference video quality with FFmpeg's definitions, and rate&ndash;distortion arithmetic.
 *
 * <ul>
 *   <li>{@link codeclab.metrics.Metrics#compare(java.util.List, java.util.List)}: PSNR (Y, U, V, weighted YUV)
 *       and SSIM (Y, U, V, All) per frame and pooled, as a {@link codeclab.metrics.QualityReport}.</li>
 *   <li>PSNR pools as FFmpeg's {@code psnr} filter: the PSNR of the mean MSE over frames. Identical planes give
 *       {@code mse = 0} and {@link java.lang.Double#POSITIVE_INFINITY} (FFmpeg prints {@code inf}); JSON writers
 *       must map it explicitly.</li>
 *   <li>SSIM is the x264/libvpx 8x8-window definition of FFmpeg's {@code ssim} filter, pooled as the mean over
 *       frames. It equals FFmpeg's C code; FFmpeg 5.1's x86 SIMD path overstates SSIM for planes whose
 *       {@code width/4} is 2 mod 4 (e.g. QCIF's 88-sample chroma: +0.02), so compare with
 *       {@code ffmpeg -cpuflags 0} at such widths. Common sizes (352x288, 640x360, 1280x720, 1920x1080) are
 *       unaffected.</li>
 *   <li>{@link codeclab.metrics.rd.BdRate} and {@link codeclab.metrics.rd.RateCurve}: BD-rate (AWCY, PCHIP
 *       on log-rate) and bitrate at target quality.</li>
 * </ul>
 */
package codeclab.metrics;
