package codeclab.codec.toolkit;

/**
 * Reads bits MSB-first from a byte array, with Exp-Golomb codes. Reading past the end throws
 * {@link BitstreamException}; it never returns made-up zeros.
 */
public final class BitReader {

    private final byte[] buf;
    private final long endBit;
    private long pos;

    /** Reads all of {@code data}. */
    public BitReader(byte[] data) {
        this(data, 0, data.length);
    }

    /** Reads {@code length} bytes of {@code data} starting at byte {@code offset}. */
    public BitReader(byte[] data, int offset, int length) {
        if (offset < 0 || length < 0 || offset + length > data.length) {
            throw new IllegalArgumentException("range " + offset + "+" + length + " is outside a "
                    + data.length + "-byte array");
        }
        this.buf = data;
        this.pos = (long) offset * 8;
        this.endBit = (long) (offset + length) * 8;
    }

    /** Next bit (0 or 1). */
    public int readBit() {
        if (pos >= endBit) {
            throw new BitstreamException("bitstream truncated: read past its end at bit " + pos);
        }
        int b = (buf[(int) (pos >>> 3)] >>> (7 - (pos & 7))) & 1;
        pos++;
        return b;
    }

    /** Next {@code count} bits as an unsigned value (count 0..32; 32 bits come back as an int bit pattern). */
    public int readBits(int count) {
        if (count < 0 || count > 32) {
            throw new IllegalArgumentException("bit count " + count + " is outside 0..32");
        }
        int v = 0;
        for (int i = 0; i < count; i++) {
            v = (v << 1) | readBit();
        }
        return v;
    }

    /** Unsigned Exp-Golomb ue(v). Throws {@link BitstreamException} on more than 30 leading zeros. */
    public int readUe() {
        int zeros = 0;
        while (readBit() == 0) {
            if (++zeros > 30) {
                throw new BitstreamException("malformed ue(v): more than 30 leading zero bits at bit " + pos);
            }
        }
        return (int) ((1L << zeros) - 1 + readBits(zeros));
    }

    /** Signed Exp-Golomb se(v). */
    public int readSe() {
        int k = readUe();
        return (k & 1) != 0 ? (k + 1) / 2 : -(k / 2);
    }

    /** Skips to the next byte boundary. */
    public void alignToByte() {
        pos = (pos + 7) & ~7L;
        if (pos > endBit) {
            pos = endBit;
        }
    }

    /** Current position in bits from the start of the array. */
    public long position() {
        return pos;
    }

    /** Bits left before the end. */
    public long bitsLeft() {
        return endBit - pos;
    }
}
