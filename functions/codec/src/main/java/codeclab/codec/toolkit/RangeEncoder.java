package codeclab.codec.toolkit;

import java.util.Arrays;

/**
 * Adaptive binary arithmetic (range) coder, encoding side (LZMA-style carry handling, 32-bit range,
 * 15-bit probabilities). Code decisions with {@link #encodeBit} (context-coded, adapts the model) or
 * {@link #encodeBypass} (p = 1/2), then call {@link #finish} once. The decoder must issue the same
 * sequence of calls with identically initialised models. As a {@link BinCoder} it codes the values given
 * to the shared binarisations (the {@code encodeUnary/UInt/SInt/ExpGolombBypass} methods are those).
 */
public final class RangeEncoder implements BinCoder {

    private static final int TOP = 1 << 24;

    private long low;
    private int range = 0xFFFFFFFF;
    private int cache;
    private long cacheSize = 1;
    private byte[] out = new byte[1024];
    private int size;
    private boolean finished;

    /** Codes {@code bit} (0 or 1) with {@code model} and adapts the model. */
    public void encodeBit(BitModel model, int bit) {
        int bound = (range >>> BitModel.BITS) * model.p0;
        if (bit == 0) {
            range = bound;
        } else {
            low += bound & 0xFFFFFFFFL;
            range -= bound;
        }
        model.update(bit);
        normalize();
    }

    /** Codes {@code bit} with probability 1/2 (no model, costs exactly one bit). */
    public void encodeBypass(int bit) {
        range >>>= 1;
        if ((bit & 1) != 0) {
            low += range & 0xFFFFFFFFL;
        }
        normalize();
    }

    /** Codes the lowest {@code count} bits of {@code value} (MSB first) as bypass bits; count 0..32. */
    public void encodeBypassBits(int value, int count) {
        bits(value, count);
    }

    /** {@link BinCoder#unary}: truncated unary, bin i uses {@code ctx[min(i, ctx.length - 1)]}; value in 0..max. */
    public void encodeUnary(BitModel[] ctx, int value, int max) {
        unary(ctx, value, max);
    }

    /** {@link BinCoder#expGolomb}: k-th order Exp-Golomb code of {@code value} >= 0 in bypass bits. */
    public void encodeExpGolombBypass(int value, int k) {
        expGolomb(value, k);
    }

    /**
     * {@link BinCoder#ueg} with k = 0 (CABAC "UEG0"-like): values below {@code ctx.length} are truncated
     * unary with one context per position; larger values send {@code ctx.length} ones then
     * {@code value - ctx.length} as bypass Exp-Golomb order 0.
     */
    public void encodeUInt(BitModel[] ctx, int value) {
        ueg(ctx, value, 0);
    }

    /** {@link BinCoder#sueg} with k = 0: magnitude as {@link #encodeUInt}, then a bypass sign bit if non-zero. */
    public void encodeSInt(BitModel[] ctx, int value) {
        sueg(ctx, value, 0);
    }

    /** BinCoder: {@link #encodeBit}, returns {@code bin}. */
    @Override
    public int bit(BitModel model, int bin) {
        encodeBit(model, bin);
        return bin;
    }

    /** BinCoder: {@link #encodeBypass}, returns {@code bin}. */
    @Override
    public int bypass(int bin) {
        encodeBypass(bin);
        return bin & 1;
    }

    /** BinCoder: false, this side writes. */
    @Override
    public boolean reading() {
        return false;
    }

    private void normalize() {
        while (Integer.compareUnsigned(range, TOP) < 0) {
            range <<= 8;
            shiftLow();
        }
    }

    private void shiftLow() {
        if (low < 0xFF000000L || low > 0xFFFFFFFFL) {
            int carry = (int) (low >>> 32);
            int temp = cache;
            do {
                put((temp + carry) & 0xFF);
                temp = 0xFF;
            } while (--cacheSize != 0);
            cache = (int) ((low >>> 24) & 0xFF);
        }
        cacheSize++;
        low = (low & 0x00FFFFFFL) << 8;
    }

    private void put(int b) {
        if (size == out.length) {
            out = Arrays.copyOf(out, out.length * 2);
        }
        out[size++] = (byte) b;
    }

    /** Approximate number of bytes produced so far (exact after {@link #finish}). */
    public int sizeEstimate() {
        return size + (int) cacheSize + 4;
    }

    /** Flushes and returns the coded bytes. Call once; the encoder cannot be used afterwards. */
    public byte[] finish() {
        if (finished) {
            throw new IllegalStateException("RangeEncoder.finish() was already called");
        }
        finished = true;
        for (int i = 0; i < 5; i++) {
            shiftLow();
        }
        return Arrays.copyOf(out, size);
    }
}
