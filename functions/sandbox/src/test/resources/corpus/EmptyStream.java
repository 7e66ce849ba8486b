import codeclab.codec.Codec;
import codeclab.codec.Decoder;
import codeclab.codec.Encoder;
import codeclab.codec.Frame;
import codeclab.codec.StreamHeader;

/** Adversarial corpus (issue 17): sends nothing at all; the decoder makes up grey frames. */
public final class EmptyStream implements Codec {

    @Override
    public Encoder encoder(StreamHeader header, int quality) {
        return new Encoder() {
            @Override
            public void encode(Frame frame) {
            }

            @Override
            public byte[] finish() {
                return new byte[0];
            }
        };
    }

    @Override
    public Decoder decoder(StreamHeader header, byte[] bitstream) {
        return () -> Frame.grey(header.width(), header.height());
    }
}
