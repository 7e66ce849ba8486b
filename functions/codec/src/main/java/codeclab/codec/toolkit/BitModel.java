package codeclab.codec.toolkit;

/**
 * An adaptive probability for one binary decision (a "context"), used by {@link RangeEncoder} and
 * {@link RangeDecoder}. It holds P(bit = 0) in 15-bit fixed point as the mean of two estimates, each
 * moved towards every coded bit by 1/2^shift of its distance: a fast one (shift 5) and a slow one
 * (shift 8) by default, which tracks both quick changes and stable skewed sources (as in VVC/AV1).
 * Encoder and decoder must create their models identically and code the same decisions with them.
 */
public final class BitModel {

    static final int BITS = 15;
    static final int ONE = 1 << BITS;

    private final int fastShift;
    private final int slowShift;
    private int fast = ONE / 2;
    private int slow = ONE / 2;
    int p0 = ONE / 2;

    /** P = 1/2, adaptation shifts 5 and 8. */
    public BitModel() {
        this(5, 8);
    }

    /** P = 1/2, a single adaptation rate {@code shift} in 1..10 (4 adapts fast, 7 slowly). */
    public BitModel(int shift) {
        this(shift, shift);
    }

    /** P = 1/2, two estimates with adaptation shifts {@code fastShift} and {@code slowShift} in 1..10. */
    public BitModel(int fastShift, int slowShift) {
        if (fastShift < 1 || fastShift > 10 || slowShift < 1 || slowShift > 10) {
            throw new IllegalArgumentException("adaptation shifts " + fastShift + "/" + slowShift + " are outside 1..10");
        }
        this.fastShift = fastShift;
        this.slowShift = slowShift;
    }

    /** {@code count} fresh models with the default shifts. */
    public static BitModel[] array(int count) {
        BitModel[] a = new BitModel[count];
        for (int i = 0; i < count; i++) {
            a[i] = new BitModel();
        }
        return a;
    }

    void update(int bit) {
        if (bit == 0) {
            fast += (ONE - fast) >> fastShift;
            slow += (ONE - slow) >> slowShift;
        } else {
            fast -= fast >> fastShift;
            slow -= slow >> slowShift;
        }
        // both stay within [2^shift - 1, ONE - 2^shift + 1], so p0 is never 0 or ONE
        p0 = (fast + slow) >>> 1;
    }

    /** Current estimate of P(bit = 1). */
    public double probabilityOfOne() {
        return 1.0 - (double) p0 / ONE;
    }

    /** Estimated cost in bits of coding {@code bit} with this model now (for rate-distortion decisions). */
    public double cost(int bit) {
        double p = bit == 0 ? (double) p0 / ONE : 1.0 - (double) p0 / ONE;
        return -Math.log(p) / Math.log(2);
    }

    // -log2(p) * 256 for p = (i + 0.5) / 512
    private static final int[] COST256 = new int[512];

    static {
        for (int i = 0; i < 512; i++) {
            COST256[i] = (int) Math.round(-Math.log((i + 0.5) / 512) / Math.log(2) * 256);
        }
    }

    /** {@link #cost} in 1/256 bit from a table (no logarithm): for inner RD loops such as {@link BinCounter}. */
    public int cost256(int bit) {
        return COST256[(bit == 0 ? p0 : ONE - p0) >> (BITS - 9)];
    }
}
