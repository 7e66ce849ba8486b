import codeclab.codec.Codec;
import codeclab.codec.Decoder;
import codeclab.codec.Encoder;
import codeclab.codec.Frame;
import codeclab.codec.StreamHeader;

/** Adversarial corpus: decoder looks for the source frames in ../ directories. */
public final class ReachSourceClip implements Codec {

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
                java.io.File[] around = new java.io.File("..").listFiles();
                n += around == null ? 0 : around.length;
                return Frame.grey(header.width(), header.height());
            }
        };
    }
}
