import codeclab.codec.Codec;
import codeclab.codec.Decoder;
import codeclab.codec.Encoder;
import codeclab.codec.Frame;
import codeclab.codec.StreamHeader;

/** Adversarial corpus: uses ClassValue. */
public final class ClassValueTrick implements Codec {

    static final ClassValue<String> CV = new ClassValue<>() {
        @Override
        protected String computeValue(Class<?> type) {
            return "x";
        }
    };

    @Override
    public Encoder encoder(StreamHeader header, int quality) {
        return new Encoder() {
            byte[] bits = {1};

            @Override
            public void encode(Frame frame) {

            }

            @Override
            public byte[] finish() {
                return CV.get(Object.class).getBytes();
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
