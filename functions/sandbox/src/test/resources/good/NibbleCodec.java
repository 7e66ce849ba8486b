import codeclab.codec.Codec;
import codeclab.codec.Decoder;
import codeclab.codec.Encoder;
import codeclab.codec.Frame;
import codeclab.codec.StreamHeader;

/** Keeps the top four bits of every sample, two samples a byte: half the raw size, and the picture comes from the stream. */
public final class NibbleCodec implements Codec {

    @Override
    public Encoder encoder(StreamHeader header, int quality) {
        int perFrame = header.width() * header.height() * 3 / 4 + 3;
        byte[] out = new byte[perFrame * header.frameCount()];
        int[] n = {0};
        return new Encoder() {
            @Override
            public void encode(Frame frame) {
                for (int p = 0; p < 3; p++) {
                    byte[] plane = frame.plane(p);
                    for (int i = 0; i < plane.length; i += 2) {
                        int hi = (plane[i] & 0xFF) >> 4;
                        int lo = i + 1 < plane.length ? (plane[i + 1] & 0xFF) >> 4 : 0;
                        out[n[0]++] = (byte) (hi << 4 | lo);
                    }
                }
            }

            @Override
            public byte[] finish() {
                return java.util.Arrays.copyOf(out, n[0]);
            }
        };
    }

    @Override
    public Decoder decoder(StreamHeader header, byte[] bitstream) {
        int[] at = {0};
        return () -> {
            Frame f = Frame.blank(header.width(), header.height());
            for (int p = 0; p < 3; p++) {
                byte[] plane = f.plane(p);
                for (int i = 0; i < plane.length; i += 2) {
                    int b = bitstream[at[0]++] & 0xFF;
                    plane[i] = (byte) ((b >> 4) * 16 + 8);
                    if (i + 1 < plane.length) {
                        plane[i + 1] = (byte) ((b & 15) * 16 + 8);
                    }
                }
            }
            return f;
        };
    }
}
