package codeclab.codec.toolkit;

import java.util.Arrays;

/** Writes bits MSB-first into a growable byte array, with Exp-Golomb codes. */
public final class BitWriter {

    private byte[] buf = new byte[256];
    private long bits; // number of bits written

    /** Writes the lowest bit of {@code bit}. */
    public void writeBit(int bit) {
        int byteIndex = (int) (bits >>> 3);
        if (byteIndex >= buf.length) {
            buf = Arrays.copyOf(buf, buf.length * 2);
        }
        if ((bit & 1) != 0) {
            buf[byteIndex] |= (byte) (0x80 >>> (bits & 7));
        }
        bits++;
    }

    /** Writes the lowest {@code count} bits of {@code value}, most significant first; count in 0..32. */
    public void writeBits(int value, int count) {
        if (count < 0 || count > 32) {
            throw new IllegalArgumentException("bit count " + count + " is outside 0..32");
        }
        for (int i = count - 1; i >= 0; i--) {
            writeBit(value >>> i);
        }
    }

    /** Unsigned Exp-Golomb code ue(v), v in 0..2^31-2: ue(0)=1, ue(1)=010, ue(2)=011, ue(3)=00100. */
    public void writeUe(int value) {
        if (value < 0 || value == Integer.MAX_VALUE) {
            throw new IllegalArgumentException("ue(v) needs 0 <= v < 2^31-1, got " + value);
        }
        long v = (long) value + 1;
        int len = 63 - Long.numberOfLeadingZeros(v); // number of leading zeros in the code
        writeBits(0, len);
        for (int i = len; i >= 0; i--) {
            writeBit((int) (v >>> i));
        }
    }

    /** Signed Exp-Golomb code se(v): 0, 1, -1, 2, -2 ... map to ue 0, 1, 2, 3, 4. */
    public void writeSe(int value) {
        if (value == Integer.MIN_VALUE || value == Integer.MAX_VALUE) {
            throw new IllegalArgumentException("se(v) value " + value + " is out of range");
        }
        writeUe(value > 0 ? 2 * value - 1 : -2 * value);
    }

    /** Pads with zero bits up to the next byte boundary. */
    public void alignToByte() {
        while ((bits & 7) != 0) {
            writeBit(0);
        }
    }

    /** Number of bits written so far. */
    public long bitCount() {
        return bits;
    }

    /** The bytes written so far; a partial last byte is zero-padded. */
    public byte[] toByteArray() {
        return Arrays.copyOf(buf, (int) ((bits + 7) >>> 3));
    }
}
