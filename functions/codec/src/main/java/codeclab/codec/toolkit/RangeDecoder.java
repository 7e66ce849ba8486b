package codeclab.codec.toolkit;

/**
 * Decoding side of {@link RangeEncoder}: issue the same calls in the same order with identically
 * initialised models. Reading past the end of the data throws {@link BitstreamException}, so a
 * truncated stream fails instead of decoding garbage forever. As a {@link BinCoder} it ignores the values
 * it is given and returns the decoded ones.
 */
public final class RangeDecoder implements BinCoder {

    private static final int TOP = 1 << 24;

    private final byte[] data;
    private final int end;
    private int pos;
    private int range = 0xFFFFFFFF;
    private int code;

    /** Decodes all of {@code data}. */
    public RangeDecoder(byte[] data) {
        this(data, 0, data.length);
    }

    /** Decodes {@code length} bytes of {@code data} from {@code offset} (what one {@link RangeEncoder#finish} returned). */
    public RangeDecoder(byte[] data, int offset, int length) {
        if (offset < 0 || length < 0 || offset + length > data.length) {
            throw new IllegalArgumentException("range " + offset + "+" + length + " is outside a "
                    + data.length + "-byte array");
        }
        this.data = data;
        this.pos = offset;
        this.end = offset + length;
        for (int i = 0; i < 5; i++) {
            code = (code << 8) | next();
        }
    }

    private int next() {
        if (pos >= end) {
            throw new BitstreamException("range-coded data truncated: needed a byte past offset " + end);
        }
        return data[pos++] & 0xFF;
    }

    private void normalize() {
        while (Integer.compareUnsigned(range, TOP) < 0) {
            range <<= 8;
            code = (code << 8) | next();
        }
    }

    /** Decodes one context-coded bit and adapts {@code model}. */
    public int decodeBit(BitModel model) {
        int bound = (range >>> BitModel.BITS) * model.p0;
        int bit;
        if (Integer.compareUnsigned(code, bound) < 0) {
            range = bound;
            bit = 0;
        } else {
            code -= bound;
            range -= bound;
            bit = 1;
        }
        model.update(bit);
        normalize();
        return bit;
    }

    /** Decodes one bypass (p = 1/2) bit. */
    public int decodeBypass() {
        range >>>= 1;
        int bit = 0;
        if (Integer.compareUnsigned(code, range) >= 0) {
            code -= range;
            bit = 1;
        }
        normalize();
        return bit;
    }

    /** Decodes {@code count} bypass bits, MSB first. */
    public int decodeBypassBits(int count) {
        return bits(0, count);
    }

    /** Inverse of {@link RangeEncoder#encodeUnary}. */
    public int decodeUnary(BitModel[] ctx, int max) {
        return unary(ctx, 0, max);
    }

    /** Inverse of {@link RangeEncoder#encodeExpGolombBypass}. */
    public int decodeExpGolombBypass(int k) {
        return expGolomb(0, k);
    }

    /** Inverse of {@link RangeEncoder#encodeUInt}. */
    public int decodeUInt(BitModel[] ctx) {
        return ueg(ctx, 0, 0);
    }

    /** Inverse of {@link RangeEncoder#encodeSInt}. */
    public int decodeSInt(BitModel[] ctx) {
        return sueg(ctx, 0, 0);
    }

    /** BinCoder: {@link #decodeBit}; {@code bin} is ignored. */
    @Override
    public int bit(BitModel model, int bin) {
        return decodeBit(model);
    }

    /** BinCoder: {@link #decodeBypass}; {@code bin} is ignored. */
    @Override
    public int bypass(int bin) {
        return decodeBypass();
    }

    /** BinCoder: true, this side reads. */
    @Override
    public boolean reading() {
        return true;
    }
}
