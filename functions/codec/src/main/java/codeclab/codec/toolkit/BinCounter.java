package codeclab.codec.toolkit;

/**
 * A {@link BinCoder} that codes nothing and adds up the estimated cost of every bin: context bins at
 * the model's current probability (models are not adapted, as in HM's rate estimation), bypass bins at
 * one bit. Run the same syntax walk as the encoder over a candidate to get its rate for an RD decision.
 */
public final class BinCounter implements BinCoder {

    private long cost256;

    /** Adds the cost of {@code bin} under {@code model} without adapting it. */
    @Override
    public int bit(BitModel model, int bin) {
        cost256 += model.cost256(bin);
        return bin;
    }

    @Override
    public int bypass(int bin) {
        cost256 += 256;
        return bin;
    }

    @Override
    public boolean reading() {
        return false;
    }

    /** Estimated bits counted since creation or the last {@link #reset}. */
    public double bits() {
        return cost256 / 256.0;
    }

    /** Starts counting from zero again. */
    public void reset() {
        cost256 = 0;
    }
}
