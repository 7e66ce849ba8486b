import codeclab.codec.Codec;
import codeclab.codec.Decoder;
import codeclab.codec.Encoder;
import codeclab.codec.Frame;
import codeclab.codec.StreamHeader;

/** Adversarial corpus: decodes frames of half the size. */
public final class WrongFrameSize implements Codec {

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
                return Frame.grey(header.width() / 2, header.height() / 2);
            }
        };
    }
}
