package codeclab.metrics;

import codeclab.codec.Frame;

import java.util.List;
import java.util.stream.IntStream;

/**
 * Full-reference quality of decoded frames against their source: PSNR (Y, U, V, weighted YUV) and SSIM
 * (Y, U, V, All), per frame and pooled, with the definitions of FFmpeg's {@code psnr} and {@code ssim}
 * filters (see {@link Psnr} and {@link Ssim}). Stateless and thread-safe; sequences are measured in
 * parallel over frames on the common fork-join pool.
 */
public final class Metrics {

    /** Smallest frame side: the chroma planes of a 4:2:0 frame need one 8x8 SSIM window. */
    public static final int MIN_SIDE = 2 * Ssim.MIN_SIDE;

    private Metrics() {
    }

    /**
     * Compares two sequences frame by frame.
     *
     * @param reference the source frames
     * @param distorted the decoded frames, same count and size as the source
     * @throws IllegalArgumentException naming the first mismatch when the counts or sizes differ, the
     *                                  sequence is empty, or a frame is smaller than {@link #MIN_SIDE}
     */
    public static QualityReport compare(List<Frame> reference, List<Frame> distorted) {
        if (reference.isEmpty()) {
            throw new IllegalArgumentException("no frames to compare: the reference sequence is empty");
        }
        if (reference.size() != distorted.size()) {
            throw new IllegalArgumentException("frame counts differ: reference has " + reference.size()
                    + " frames, distorted has " + distorted.size());
        }
        Frame first = reference.get(0);
        for (int i = 0; i < reference.size(); i++) {
            checkSize("reference", i, first, reference.get(i));
            checkSize("distorted", i, first, distorted.get(i));
        }
        List<FrameQuality> frames = IntStream.range(0, reference.size()).parallel()
                .mapToObj(i -> measure(i, reference.get(i), distorted.get(i)))
                .toList();
        return new QualityReport(first.width(), first.height(), frames, QualityReport.pool(frames));
    }

    /**
     * Compares one frame.
     *
     * @param index the frame number to record in the result
     * @throws IllegalArgumentException when the sizes differ or a side is smaller than {@link #MIN_SIDE}
     */
    public static FrameQuality compare(int index, Frame reference, Frame distorted) {
        checkSize("distorted", index, reference, distorted);
        return measure(index, reference, distorted);
    }

    private static void checkSize(String which, int index, Frame expected, Frame actual) {
        if (actual == null) {
            throw new IllegalArgumentException(which + " frame " + index + " is null");
        }
        if (actual.width() != expected.width() || actual.height() != expected.height()) {
            throw new IllegalArgumentException(which + " frame " + index + " is " + actual.width() + "x"
                    + actual.height() + ", expected " + expected.width() + "x" + expected.height());
        }
        if (actual.width() < MIN_SIDE || actual.height() < MIN_SIDE) {
            throw new IllegalArgumentException(which + " frame " + index + " is " + actual.width() + "x"
                    + actual.height() + "; SSIM needs frames of at least " + MIN_SIDE + "x" + MIN_SIDE);
        }
    }

    private static FrameQuality measure(int index, Frame ref, Frame dist) {
        double[] mse = new double[3];
        double[] ssim = new double[3];
        double[] weight = new double[3];
        double samples = 0;
        for (int p = 0; p < 3; p++) {
            int w = ref.planeWidth(p);
            int h = ref.planeHeight(p);
            long[] sse = new long[1];
            ssim[p] = Ssim.planeWithSse(ref.plane(p), dist.plane(p), w, h, sse);
            mse[p] = sse[0] / ((double) w * h);
            weight[p] = (double) w * h;
            samples += weight[p];
        }
        double mseYuv = 0;
        double ssimAll = 0;
        for (int p = 0; p < 3; p++) {
            mseYuv += mse[p] * (weight[p] / samples);
            ssimAll += ssim[p] * (weight[p] / samples);
        }
        return new FrameQuality(index, mse[0], mse[1], mse[2], mseYuv,
                Psnr.fromMse(mse[0]), Psnr.fromMse(mse[1]), Psnr.fromMse(mse[2]), Psnr.fromMse(mseYuv),
                ssim[0], ssim[1], ssim[2], ssimAll);
    }
}
