package codeclab.codec.toolkit;

/**
 * One syntax walk for encoder, decoder and rate estimation (CABAC style). Write the coding of a syntax
 * element once against this interface: the encoder's {@link RangeEncoder} codes the value it is given and
 * returns it, the decoder's {@link RangeDecoder} ignores the value and returns what it decodes, and a
 * {@link BinCounter} only adds up the estimated bits. So encoder and decoder cannot drift apart.
 *
 * <p>Binarisations (all bins MSB first): fixed-length bypass, truncated unary with contexts, k-th order
 * Exp-Golomb in bypass bins, and CABAC's UEGk (a truncated-unary prefix with one context per bin, then an
 * Exp-Golomb-k bypass suffix) with an optional bypass sign.
 */
public interface BinCoder {

    /** Codes one context-coded bin with {@code model} (adapting it); returns the bin (decoded when reading). */
    int bit(BitModel model, int bin);

    /** Codes one bypass bin (p = 1/2, no model); returns the bin (decoded when reading). */
    int bypass(int bin);

    /** True for a decoder: value arguments are ignored and every method returns the decoded value. */
    boolean reading();

    /** The lowest {@code count} bits of {@code value} (0..32) as bypass bins. */
    default int bits(int value, int count) {
        int v = 0;
        for (int i = count - 1; i >= 0; i--) {
            v = (v << 1) | bypass((value >>> i) & 1);
        }
        return v;
    }

    /**
     * Truncated unary: {@code value} ones then a zero (omitted when value == max); bin i uses
     * {@code ctx[min(i, ctx.length - 1)]}. value in 0..max.
     */
    default int unary(BitModel[] ctx, int value, int max) {
        if (!reading() && (value < 0 || value > max)) {
            throw new IllegalArgumentException("unary value " + value + " is outside 0.." + max);
        }
        int v = 0;
        while (v < max && bit(ctx[Math.min(v, ctx.length - 1)], v < value ? 1 : 0) == 1) {
            v++;
        }
        return v;
    }

    /** k-th order Exp-Golomb code of {@code value} >= 0 in bypass bins (k = 0 is the ue(v) code). */
    default int expGolomb(int value, int k) {
        if (!reading() && value < 0) {
            throw new IllegalArgumentException("Exp-Golomb value " + value + " must be >= 0");
        }
        long rest = value;
        long base = 0;
        while (bypass(rest >= (1L << k) ? 1 : 0) == 1) {
            base += 1L << k;
            rest -= 1L << k;
            k++;
            if (k > 31) {
                throw new BitstreamException("malformed Exp-Golomb code: prefix longer than 31 bins");
            }
        }
        long v = base + (bits((int) rest, k) & 0xFFFFFFFFL);
        if (v > Integer.MAX_VALUE) {
            throw new BitstreamException("malformed Exp-Golomb code: value " + v + " overflows int");
        }
        return (int) v;
    }

    /**
     * CABAC UEGk: values below {@code ctx.length} are truncated unary with one context per bin; larger ones
     * send {@code ctx.length} ones, then {@code value - ctx.length} as bypass Exp-Golomb order {@code k}.
     * With k = 0 this is exactly {@link RangeEncoder#encodeUInt}.
     */
    default int ueg(BitModel[] ctx, int value, int k) {
        if (!reading() && value < 0) {
            throw new IllegalArgumentException("unsigned value " + value + " must be >= 0");
        }
        int cut = ctx.length;
        int v = unary(ctx, Math.min(value, cut), cut);
        if (v == cut) {
            long total = (long) cut + expGolomb(value - cut, k);
            if (total > Integer.MAX_VALUE) {
                throw new BitstreamException("malformed integer: " + total + " overflows int");
            }
            v = (int) total;
        }
        return v;
    }

    /** Signed {@link #ueg}: the magnitude, then a bypass sign bin (1 = negative) when non-zero. */
    default int sueg(BitModel[] ctx, int value, int k) {
        if (!reading() && value == Integer.MIN_VALUE) {
            throw new IllegalArgumentException("signed value " + value + " is out of range");
        }
        int m = ueg(ctx, Math.abs(value), k);
        return m != 0 && bypass(value < 0 ? 1 : 0) == 1 ? -m : m;
    }
}
