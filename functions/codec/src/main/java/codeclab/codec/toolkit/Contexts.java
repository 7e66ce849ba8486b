package codeclab.codec.toolkit;

/**
 * Context selection from the left and above neighbours, as CABAC does it (ctxIdxInc): pick the
 * {@link BitModel} of a decision from what the neighbours did, so e.g. a skip flag next to skipped
 * blocks uses a model that has learnt "skip is likely". Neighbours usually come from a {@link BlockGrid}.
 */
public final class Contexts {

    private Contexts() {
    }

    /** 0, 1 or 2: how many of the two neighbour conditions hold (H.264 condTermFlagA + condTermFlagB). */
    public static int count(boolean left, boolean above) {
        return (left ? 1 : 0) + (above ? 1 : 0);
    }

    /**
     * 0, 1 or 2 from the sum of two neighbour magnitudes: 0 below {@code low}, 2 above {@code high}, else 1.
     * H.264 codes the first bin of a motion-vector difference with low 3, high 32 on |mvdA| + |mvdB|.
     */
    public static int bySum(int left, int above, int low, int high) {
        int s = Math.abs(left) + Math.abs(above);
        return s < low ? 0 : (s > high ? 2 : 1);
    }

    /** {@link #count} of "neighbour value {@code > value}" in {@code grid} (HEVC split_cu_flag: neighbour depth deeper). */
    public static int deeper(BlockGrid grid, int x, int y, int value) {
        return count(grid.left(x, y) > value && grid.left(x, y) != grid.outside(),
                grid.above(x, y) > value && grid.above(x, y) != grid.outside());
    }
}
