import codeclab.codec.Codec;
import codeclab.codec.Decoder;
import codeclab.codec.Encoder;
import codeclab.codec.Frame;
import codeclab.codec.StreamHeader;

/** Adversarial corpus: recurses until the stack overflows. */
public final class DeepRecursion implements Codec {

    static int down(int n) {
        return down(n + 1) + 1;
    }

    @Override
    public Encoder encoder(StreamHeader header, int quality) {
        return new Encoder() {
            byte[] bits = {1};

            @Override
            public void encode(Frame frame) {
                bits[0] = (byte) down(0);
            }

            @Override
            public byte[] finish() {
                return bits;
            }
        };
    }

    @Override
    public Decoder decoder(StreamHeader header, byte[] bitstream) {
        return new Decoder() {
            int n;

            @Override
            public Frame decode() {
                n++;
                return Frame.grey(header.width(), header.height());
            }
        };
    }
}
