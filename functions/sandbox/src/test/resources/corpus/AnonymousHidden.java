import codeclab.codec.Codec;
import codeclab.codec.Decoder;
import codeclab.codec.Encoder;
import codeclab.codec.Frame;
import codeclab.codec.StreamHeader;

/** Adversarial corpus: hides a file write in an anonymous class. */
public final class AnonymousHidden implements Codec {

    @Override
    public Encoder encoder(StreamHeader header, int quality) {
        return new Encoder() {
            byte[] bits = {1};

            @Override
            public void encode(Frame frame) {
                new Object() {
                    void go() {
                        try (var w = new java.io.FileWriter("/tmp/codeclab-canary-7f3a9c1e")) {
                            w.write("x");
                        } catch (java.io.IOException e) {
                            throw new IllegalStateException(e);
                        }
                    }
                }.go();
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
