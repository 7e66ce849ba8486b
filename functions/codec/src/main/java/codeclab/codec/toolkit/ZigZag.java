package codeclab.codec.toolkit;

/**
 * JPEG-style zig-zag scan orders for n x n blocks: {@code order(n)[i]} is the raster index of the
 * i-th coefficient in scan order (low frequencies first). The returned arrays are fresh copies.
 */
public final class ZigZag {

    private ZigZag() {
    }

    private static final int[][] ORDERS = new int[17][];

    static {
        for (int n : new int[] {4, 8, 16}) {
            int[] o = new int[n * n];
            int i = 0;
            for (int s = 0; s < 2 * n - 1; s++) {
                // even diagonals run bottom-left to top-right, odd ones top-right to bottom-left
                for (int t = 0; t <= s; t++) {
                    int y = (s % 2 == 0) ? s - t : t;
                    int x = s - y;
                    if (x < n && y < n) {
                        o[i++] = y * n + x;
                    }
                }
            }
            ORDERS[n] = o;
        }
    }

    /** Scan order for n x n (n in 4, 8, 16): scan index -> raster index. */
    public static int[] order(int n) {
        if (n != 4 && n != 8 && n != 16) {
            throw new IllegalArgumentException("zig-zag size " + n + " is not 4, 8 or 16");
        }
        return ORDERS[n].clone();
    }

    /** Reorders a raster block into scan order: {@code out[i] = in[order[i]]}. */
    public static void scan(int[] raster, int[] scanned, int n) {
        int[] o = ORDERS[n];
        for (int i = 0; i < n * n; i++) {
            scanned[i] = raster[o[i]];
        }
    }

    /** Inverse of {@link #scan}: {@code raster[order[i]] = scanned[i]}. */
    public static void unscan(int[] scanned, int[] raster, int n) {
        int[] o = ORDERS[n];
        for (int i = 0; i < n * n; i++) {
            raster[o[i]] = scanned[i];
        }
    }
}
