package codeclab.codec.toolkit;

/**
 * Quadtree block partitioning (HEVC coding-tree style): a square block is either a leaf or split into four
 * quarters, down to a minimum size. The partition lives in a {@link BlockGrid} holding each pixel's leaf
 * size (unit <= the minimum size, {@code outside} 0), so neighbours' sizes are at hand for contexts and the
 * decoder rebuilds it from the split flags.
 *
 * <p>Encoder: {@link #search} decides the partition bottom-up by rate-distortion cost (J = D + lambda R from
 * your {@link LeafCost}, plus {@code flagCost} per split flag), then {@link #code} writes the flags and
 * {@link #forEachLeaf} visits the leaves in coding (z-) order to code them for real. Decoder: {@link #code}
 * with the same arguments reads the flags into the grid, then {@link #forEachLeaf}.
 */
public final class Quadtree {

    private Quadtree() {
    }

    /** RD cost J = distortion + lambda * bits of coding the block at (x, y) of {@code size} as one leaf. */
    @FunctionalInterface
    public interface LeafCost {
        double cost(int x, int y, int size);
    }

    /** Receives a leaf. */
    @FunctionalInterface
    public interface Leaf {
        void visit(int x, int y, int size);
    }

    private static void check(int size, int minSize, BlockGrid sizes) {
        if (Integer.bitCount(size) != 1 || Integer.bitCount(minSize) != 1 || minSize > size || minSize < sizes.unit()) {
            throw new IllegalArgumentException("quadtree sizes must be powers of two with grid unit " + sizes.unit()
                    + " <= minimum " + minSize + " <= size " + size);
        }
    }

    /**
     * Chooses the partition of the block at (x, y) minimising the total of {@code leafCost} over the leaves
     * plus {@code flagCost} (lambda x the bits of one split flag, e.g. {@code Rd.lambda(step) * 1.0}) per
     * coded flag; writes the leaf sizes into {@code sizes} and returns the total cost. Every candidate leaf is
     * costed once (children before their parent's split decision is made); the coster should estimate from
     * the source or a scratch reconstruction and leave the real one untouched.
     */
    public static double search(int x, int y, int size, int minSize, LeafCost leafCost, double flagCost, BlockGrid sizes) {
        check(size, minSize, sizes);
        return decide(x, y, size, minSize, leafCost, flagCost, sizes);
    }

    private static double decide(int x, int y, int size, int minSize, LeafCost leafCost, double flagCost, BlockGrid sizes) {
        double leaf = leafCost.cost(x, y, size);
        if (size == minSize) {
            sizes.fill(x, y, size, size, size);
            return leaf;
        }
        int h = size / 2;
        double split = flagCost;
        for (int k = 0; k < 4; k++) {
            split += decide(x + (k & 1) * h, y + (k >> 1) * h, h, minSize, leafCost, flagCost, sizes);
        }
        leaf += flagCost;
        if (leaf <= split) {
            sizes.fill(x, y, size, size, size);
            return leaf;
        }
        return split;
    }

    /**
     * Codes the split flags of the block at (x, y) in z-order (none at {@code minSize}): the encoder's flags
     * come from {@code sizes}; a decoder fills {@code sizes}. The flag's context is
     * {@code ctx[number of left/above neighbours with a smaller leaf]} (ctx needs 3 models), as HEVC's split_cu_flag.
     */
    public static void code(BinCoder io, BlockGrid sizes, int x, int y, int size, int minSize, BitModel[] ctx) {
        check(size, minSize, sizes);
        codeNode(io, sizes, x, y, size, minSize, ctx);
    }

    private static void codeNode(BinCoder io, BlockGrid sizes, int x, int y, int size, int minSize, BitModel[] ctx) {
        boolean split = false;
        if (size > minSize) {
            int l = sizes.left(x, y);
            int a = sizes.above(x, y);
            int c = Contexts.count(l != sizes.outside() && l < size, a != sizes.outside() && a < size);
            split = io.bit(ctx[c], !io.reading() && sizes.at(x, y) < size ? 1 : 0) == 1;
        }
        if (!split) {
            if (io.reading()) {
                sizes.fill(x, y, size, size, size);
            }
            return;
        }
        int h = size / 2;
        for (int k = 0; k < 4; k++) {
            codeNode(io, sizes, x + (k & 1) * h, y + (k >> 1) * h, h, minSize, ctx);
        }
    }

    /** Visits the leaves of the block at (x, y) in z-order (the order they are coded in), from {@code sizes}. */
    public static void forEachLeaf(BlockGrid sizes, int x, int y, int size, Leaf visitor) {
        int s = sizes.at(x, y);
        if (s >= size || s == sizes.outside()) {
            visitor.visit(x, y, size);
            return;
        }
        int h = size / 2;
        for (int k = 0; k < 4; k++) {
            forEachLeaf(sizes, x + (k & 1) * h, y + (k >> 1) * h, h, visitor);
        }
    }
}
