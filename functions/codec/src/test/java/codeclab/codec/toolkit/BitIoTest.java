package codeclab.codec.toolkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.junit.jupiter.api.Test;

class BitIoTest {

    private static String bits(BitWriter w) {
        byte[] b = w.toByteArray();
        StringBuilder s = new StringBuilder();
        for (long i = 0; i < w.bitCount(); i++) {
            s.append((b[(int) (i >>> 3)] >>> (7 - (i & 7))) & 1);
        }
        return s.toString();
    }

    @Test
    void expGolombKnownVectors() {
        String[] ue = {"1", "010", "011", "00100", "00101", "00110", "00111", "0001000"};
        for (int v = 0; v < ue.length; v++) {
            BitWriter w = new BitWriter();
            w.writeUe(v);
            assertThat(bits(w)).as("ue(%d)", v).isEqualTo(ue[v]);
        }
        String[] se = {"1", "010", "011", "00100", "00101"}; // se: 0, 1, -1, 2, -2
        int[] sv = {0, 1, -1, 2, -2};
        for (int i = 0; i < sv.length; i++) {
            BitWriter w = new BitWriter();
            w.writeSe(sv[i]);
            assertThat(bits(w)).as("se(%d)", sv[i]).isEqualTo(se[i]);
        }
    }

    @Test
    void bitsAreMsbFirstAndAlignmentPadsWithZeros() {
        BitWriter w = new BitWriter();
        w.writeBits(0b101, 3);
        w.alignToByte();
        w.writeBits(0xABCD, 16);
        assertThat(w.toByteArray()).containsExactly((byte) 0xA0, (byte) 0xAB, (byte) 0xCD);
        BitReader r = new BitReader(w.toByteArray());
        assertThat(r.readBits(3)).isEqualTo(5);
        r.alignToByte();
        assertThat(r.readBits(16)).isEqualTo(0xABCD);
        assertThat(r.bitsLeft()).isZero();
    }

    @Test
    void randomMixedRoundTripGrowsTheBuffer() {
        Random rnd = new Random(7);
        BitWriter w = new BitWriter();
        int[] kind = new int[20000];
        int[] val = new int[20000];
        for (int i = 0; i < kind.length; i++) {
            kind[i] = rnd.nextInt(3);
            val[i] = switch (kind[i]) {
                case 0 -> rnd.nextInt(1 << 20);
                case 1 -> rnd.nextInt(2001) - 1000;
                default -> rnd.nextInt();
            };
            switch (kind[i]) {
                case 0 -> w.writeUe(val[i]);
                case 1 -> w.writeSe(val[i]);
                default -> w.writeBits(val[i], 32);
            }
        }
        w.writeUe(Integer.MAX_VALUE - 1);
        BitReader r = new BitReader(w.toByteArray());
        for (int i = 0; i < kind.length; i++) {
            int got = switch (kind[i]) {
                case 0 -> r.readUe();
                case 1 -> r.readSe();
                default -> r.readBits(32);
            };
            assertThat(got).isEqualTo(val[i]);
        }
        assertThat(r.readUe()).isEqualTo(Integer.MAX_VALUE - 1);
    }

    @Test
    void readingPastTheEndThrowsAClearException() {
        BitReader r = new BitReader(new byte[] {(byte) 0xFF});
        r.readBits(8);
        assertThatThrownBy(r::readBit).isInstanceOf(BitstreamException.class).hasMessageContaining("truncated");
        assertThatThrownBy(() -> new BitReader(new byte[8]).readUe()).isInstanceOf(BitstreamException.class);
    }
}
