package codeclab.codec.toolkit;

import java.util.Arrays;

/**
 * One int per {@code unit x unit} block of a picture (modes, leaf sizes, QPs, coded flags, ...), addressed
 * in <em>pixel</em> coordinates so blocks of any size share it. Reads outside the picture return the
 * {@code outside} value, which is how neighbour availability is expressed: {@code left(x, y)} of a block
 * on the left edge is {@code outside}. Clear it at the start of each picture so blocks not yet coded read
 * as {@code outside} too.
 */
public final class BlockGrid {

    private final int unit;
    private final int shift;
    private final int cols;
    private final int rows;
    private final int outside;
    private final int[] cells;

    /** A grid covering {@code width x height} pixels in blocks of {@code unit} (a power of two), all {@code outside}. */
    public BlockGrid(int width, int height, int unit, int outside) {
        if (unit < 1 || Integer.bitCount(unit) != 1 || width < 1 || height < 1) {
            throw new IllegalArgumentException("block grid " + width + "x" + height + " needs a power-of-two unit, got " + unit);
        }
        this.unit = unit;
        this.shift = Integer.numberOfTrailingZeros(unit);
        this.cols = (width + unit - 1) >> shift;
        this.rows = (height + unit - 1) >> shift;
        this.outside = outside;
        this.cells = new int[cols * rows];
        Arrays.fill(cells, outside);
    }

    /** The value of the block holding pixel (x, y), or {@code outside} when (x, y) is outside the grid. */
    public int at(int x, int y) {
        if (x < 0 || y < 0) {
            return outside;
        }
        int c = x >> shift;
        int r = y >> shift;
        return c < cols && r < rows ? cells[r * cols + c] : outside;
    }

    /** {@code at(x - 1, y)}: the left neighbour of a block whose top-left pixel is (x, y). */
    public int left(int x, int y) {
        return at(x - 1, y);
    }

    /** {@code at(x, y - 1)}: the above neighbour of a block whose top-left pixel is (x, y). */
    public int above(int x, int y) {
        return at(x, y - 1);
    }

    /** Sets every block overlapping the {@code w x h} pixel rectangle at (x, y) (clipped to the grid). */
    public void fill(int x, int y, int w, int h, int value) {
        int c0 = Math.max(0, x >> shift);
        int r0 = Math.max(0, y >> shift);
        int c1 = Math.min(cols, (x + w + unit - 1) >> shift);
        int r1 = Math.min(rows, (y + h + unit - 1) >> shift);
        for (int r = r0; r < r1; r++) {
            Arrays.fill(cells, r * cols + c0, r * cols + Math.max(c0, c1), value);
        }
    }

    /** Sets every block to {@code value} (use {@code outside} to mark all as not yet coded). */
    public void clear(int value) {
        Arrays.fill(cells, value);
    }

    /** Width covered, in pixels (the picture width rounded up to whole units). */
    public int width() {
        return cols << shift;
    }

    /** Height covered, in pixels (rounded up to whole units). */
    public int height() {
        return rows << shift;
    }

    /** The block size in pixels. */
    public int unit() {
        return unit;
    }

    /** The value read outside the grid. */
    public int outside() {
        return outside;
    }
}
