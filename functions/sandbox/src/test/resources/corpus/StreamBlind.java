import codeclab.codec.Codec;
import codeclab.codec.Decoder;
import codeclab.codec.Encoder;
import codeclab.codec.Frame;
import codeclab.codec.StreamHeader;

/**
 * Adversarial corpus (issue 17): sends a small stream but its decoder ignores it and paints the picture from a formula
 * (here: the smoke clip's gradient, which it knows by heart).
 */
public final class StreamBlind implements Codec {

    @Override
    public Encoder encoder(StreamHeader header, int quality) {
        return new Encoder() {
            int frames;

            @Override
            public void encode(Frame frame) {
                frames++;
            }

            @Override
            public byte[] finish() {
                return new byte[] {(byte) frames, (byte) quality};
            }
        };
    }

    @Override
    public Decoder decoder(StreamHeader header, byte[] bitstream) {
        return new Decoder() {
            int t;

            @Override
            public Frame decode() {
                int w = header.width();
                int h = header.height();
                Frame f = Frame.grey(w, h);
                for (int y = 0; y < h; y++) {
                    for (int x = 0; x < w; x++) {
                        f.y()[y * w + x] = (byte) (16 + ((x + y + t) * 219) / (w + h));
                    }
                }
                t++;
                return f;
            }
        };
    }
}
