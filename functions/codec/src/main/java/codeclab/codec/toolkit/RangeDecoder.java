package codeclab.codec.toolkit;

/**
 * Decoding side of {@link RangeEncoder}: issue the same calls in the same order with identically
 * initialised models. Reading past the end of the data throws {@link BitstreamException}, so a
 * truncated stream fails instead of decoding garbage forever.
 */
public final class RangeDecoder {

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
        int v = 0;
        for (int i = 0; i < count; i++) {
            v = (v << 1) | decodeBypass();
        }
        return v;
    }

    /** Inverse of {@link RangeEncoder#encodeUnary}. */
    public int decodeUnary(BitModel[] ctx, int max) {
        int v = 0;
        while (v < max && decodeBit(ctx[Math.min(v, ctx.length - 1)]) == 1) {
            v++;
        }
        return v;
    }

    /** Inverse of {@link RangeEncoder#encodeExpGolombBypass}. */
    public int decodeExpGolombBypass(int k) {
        long base = 0;
        while (decodeBypass() == 1) {
            base += 1L << k;
            k++;
            if (k > 30) {
                throw new BitstreamException("malformed Exp-Golomb code: prefix longer than 30 bits");
            }
        }
        long v = base + decodeBypassBits(k);
        if (v > Integer.MAX_VALUE) {
            throw new BitstreamException("malformed Exp-Golomb code: value " + v + " overflows int");
        }
        return (int) v;
    }

    /** Inverse of {@link RangeEncoder#encodeUInt}. */
    public int decodeUInt(BitModel[] ctx) {
        int cut = ctx.length;
        int v = decodeUnary(ctx, cut);
        if (v == cut) {
            long total = (long) cut + decodeExpGolombBypass(0);
            if (total > Integer.MAX_VALUE) {
                throw new BitstreamException("malformed integer: " + total + " overflows int");
            }
            v = (int) total;
        }
        return v;
    }

    /** Inverse of {@link RangeEncoder#encodeSInt}. */
    public int decodeSInt(BitModel[] ctx) {
        int m = decodeUInt(ctx);
        return m != 0 && decodeBypass() == 1 ? -m : m;
    }
}
