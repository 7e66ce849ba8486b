package codeclab.metrics;

import java.util.List;

/**
 * Quality of a decoded sequence against its source: every frame's values and the pooled values, pooled the
 * way FFmpeg's {@code psnr} and {@code ssim} filters pool them.
 *
 * <p>Infinite PSNR (identical planes) is kept as {@link Double#POSITIVE_INFINITY}, FFmpeg's {@code inf}.
 *
 * @param width   frame width
 * @param height  frame height
 * @param frames  per-frame values, in order
 * @param pooled  the sequence's values
 */
public record QualityReport(int width, int height, List<FrameQuality> frames, Pooled pooled) {

    public QualityReport {
        frames = List.copyOf(frames);
        if (frames.isEmpty()) {
            throw new IllegalArgumentException("a quality report needs at least one frame");
        }
    }

    /**
     * Pooled values, as in FFmpeg's summary lines.
     *
     * @param psnrY      PSNR of the mean luma MSE over frames (not the mean of per-frame PSNRs); FFmpeg {@code y:}
     * @param psnrU      likewise for Cb
     * @param psnrV      likewise for Cr
     * @param psnrYuv    PSNR of the mean weighted MSE; FFmpeg {@code average:}
     * @param psnrYuvMin PSNR of the worst frame's weighted MSE; FFmpeg {@code min:}
     * @param psnrYuvMax PSNR of the best frame's weighted MSE; FFmpeg {@code max:}
     * @param ssimY      mean of per-frame luma SSIM; FFmpeg {@code Y:}
     * @param ssimU      likewise for Cb
     * @param ssimV      likewise for Cr
     * @param ssimAll    mean of per-frame weighted SSIM; FFmpeg {@code All:}
     */
    public record Pooled(double psnrY, double psnrU, double psnrV, double psnrYuv,
                         double psnrYuvMin, double psnrYuvMax,
                         double ssimY, double ssimU, double ssimV, double ssimAll) {

        /** {@code ssimAll} in dB, FFmpeg's value in brackets after {@code All:}. */
        public double ssimAllDb() {
            return Ssim.toDb(ssimAll);
        }

        /** {@code ssimY} in dB, FFmpeg's value in brackets after {@code Y:}. */
        public double ssimYDb() {
            return Ssim.toDb(ssimY);
        }
    }

    /** Number of frames. */
    public int frameCount() {
        return frames.size();
    }

    /** Per-frame luma PSNR, in frame order. */
    public double[] psnrYPerFrame() {
        return frames.stream().mapToDouble(FrameQuality::psnrY).toArray();
    }

    /** Per-frame weighted YUV PSNR, in frame order. */
    public double[] psnrYuvPerFrame() {
        return frames.stream().mapToDouble(FrameQuality::psnrYuv).toArray();
    }

    /** Per-frame luma SSIM, in frame order. */
    public double[] ssimYPerFrame() {
        return frames.stream().mapToDouble(FrameQuality::ssimY).toArray();
    }

    /** Pools per-frame values as FFmpeg does. */
    static Pooled pool(List<FrameQuality> frames) {
        int n = frames.size();
        double mseY = 0, mseU = 0, mseV = 0, mseYuv = 0, ssimY = 0, ssimU = 0, ssimV = 0, ssimAll = 0;
        double mseMin = Double.POSITIVE_INFINITY, mseMax = 0;
        for (FrameQuality f : frames) {
            mseY += f.mseY();
            mseU += f.mseU();
            mseV += f.mseV();
            mseYuv += f.mseYuv();
            mseMin = Math.min(mseMin, f.mseYuv());
            mseMax = Math.max(mseMax, f.mseYuv());
            ssimY += f.ssimY();
            ssimU += f.ssimU();
            ssimV += f.ssimV();
            ssimAll += f.ssimAll();
        }
        return new Pooled(Psnr.fromMse(mseY / n), Psnr.fromMse(mseU / n), Psnr.fromMse(mseV / n),
                Psnr.fromMse(mseYuv / n), Psnr.fromMse(mseMax), Psnr.fromMse(mseMin),
                ssimY / n, ssimU / n, ssimV / n, ssimAll / n);
    }
}
