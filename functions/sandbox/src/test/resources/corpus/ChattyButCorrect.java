import codeclab.codec.Codec;
import codeclab.codec.Decoder;
import codeclab.codec.Encoder;
import codeclab.codec.Frame;
import codeclab.codec.StreamHeader;

/** Adversarial corpus: prints a lot (far past the log cap) and is otherwise correct (it sends each frame's mean luma). */
public final class ChattyButCorrect implements Codec {

    @Override
    public Encoder encoder(StreamHeader header, int quality) {
        return new Encoder() {
            final byte[] bits = new byte[header.frameCount()];
            int n;

            @Override
            public void encode(Frame frame) {
                for (int i = 0; i < 20_000; i++) {
                    System.out.println("debug line " + i + " of a chatty but correct codec");
                }
                long sum = 0;
                for (byte b : frame.y()) {
                    sum += b & 0xFF;
                }
                bits[n++] = (byte) (sum / frame.y().length);
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
                Frame f = Frame.grey(header.width(), header.height());
                java.util.Arrays.fill(f.y(), bitstream[n++]);
                return f;
            }
        };
    }
}
