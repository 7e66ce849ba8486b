import codeclab.codec.Codec;
import codeclab.codec.Decoder;
import codeclab.codec.Encoder;
import codeclab.codec.Frame;
import codeclab.codec.StreamHeader;

/** Adversarial corpus: decoder reads the protocol stream (System.in) to find more than the bitstream. */
public final class StdinSniffer implements Codec {

    @Override
    public Encoder encoder(StreamHeader header, int quality) {
        return new Encoder() {
            byte[] bits = {1};

            @Override
            public void encode(Frame frame) {

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
                try {
                    n += System.in.read();
                } catch (java.io.IOException e) {
                    throw new IllegalStateException(e);
                }
                return Frame.grey(header.width(), header.height());
            }
        };
    }
}
