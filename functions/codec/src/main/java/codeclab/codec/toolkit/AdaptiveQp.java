package codeclab.codec.toolkit;

/**
 * Per-block adaptive quantisation (x264's variance AQ) and delta-QP helpers. Flat blocks get a lower QP
 * (finer step), where banding and blocking are visible; busy blocks a higher one, where the eye forgives
 * and bits are expensive. Offsets are in QP units (+6 = double step, {@link Rd#qpToStep}).
 */
public final class AdaptiveQp {

    private AdaptiveQp() {
    }

    /**
     * One QP offset per {@code blockSize} block of {@code luma} (raster order of blocks, partial blocks at the
     * edges included): {@code strength * (log2(energy) - mean of log2(energy) over the picture)}, where energy
     * is the block's sum of squared deviations from its mean (at least 1). The offsets average 0, so the
     * picture's rate stays about where the base QP puts it; x264's default strength is 1.0.
     */
    public static double[] offsets(Plane luma, int blockSize, double strength) {
        if (blockSize < 1) {
            throw new IllegalArgumentException("AQ block size " + blockSize + " must be >= 1");
        }
        int cols = (luma.width() + blockSize - 1) / blockSize;
        int rows = (luma.height() + blockSize - 1) / blockSize;
        double[] out = new double[cols * rows];
        double mean = 0;
        for (int by = 0; by < rows; by++) {
            for (int bx = 0; bx < cols; bx++) {
                long sum = 0;
                long sq = 0;
                int count = 0;
                for (int y = by * blockSize; y < Math.min(luma.height(), (by + 1) * blockSize); y++) {
                    for (int x = bx * blockSize; x < Math.min(luma.width(), (bx + 1) * blockSize); x++) {
                        int v = luma.get(x, y);
                        sum += v;
                        sq += v * v;
                        count++;
                    }
                }
                double energy = Math.max(1.0, sq - (double) sum * sum / count);
                out[by * cols + bx] = Math.log(energy) / Math.log(2);
                mean += out[by * cols + bx];
            }
        }
        mean /= out.length;
        for (int i = 0; i < out.length; i++) {
            out[i] = strength * (out[i] - mean);
        }
        return out;
    }

    /**
     * A QP grid for the picture ({@code blockSize} units, luma pixel coordinates, outside = baseQp): baseQp +
     * the rounded {@link #offsets}, clamped to minQp..maxQp. Feeds {@link LoopFilter} and {@link #predict}.
     */
    public static BlockGrid grid(Plane luma, int blockSize, int baseQp, double strength, int minQp, int maxQp) {
        double[] off = offsets(luma, blockSize, strength);
        BlockGrid g = new BlockGrid(luma.width(), luma.height(), blockSize, baseQp);
        int cols = (luma.width() + blockSize - 1) / blockSize;
        for (int i = 0; i < off.length; i++) {
            int qp = Planes.clamp(baseQp + (int) Math.round(off[i]), minQp, maxQp);
            g.fill((i % cols) * blockSize, (i / cols) * blockSize, blockSize, blockSize, qp);
        }
        return g;
    }

    /**
     * HEVC's QP predictor for the block at (x, y): {@code (left + above + 1) >> 1}, a neighbour that is
     * unavailable ({@code coded.outside()}) replaced by {@code fallback} (the previous block's or the picture's QP).
     * {@code coded} holds the QPs of the blocks coded so far.
     */
    public static int predict(BlockGrid coded, int x, int y, int fallback) {
        int l = coded.left(x, y);
        int a = coded.above(x, y);
        l = l == coded.outside() ? fallback : l;
        a = a == coded.outside() ? fallback : a;
        return (l + a + 1) >> 1;
    }

    /**
     * Codes {@code qp} as a signed difference from {@code predicted} (HEVC cu_qp_delta: context-coded unary
     * prefix over {@code ctx}, Exp-Golomb-0 bypass suffix, bypass sign) and returns the (decoded) QP.
     */
    public static int codeDelta(BinCoder io, BitModel[] ctx, int predicted, int qp) {
        return predicted + io.sueg(ctx, qp - predicted, 0);
    }
}
