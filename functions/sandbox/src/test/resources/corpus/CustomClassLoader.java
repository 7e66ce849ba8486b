import codeclab.codec.Codec;
import codeclab.codec.Decoder;
import codeclab.codec.Encoder;
import codeclab.codec.Frame;
import codeclab.codec.StreamHeader;

/** Adversarial corpus: defines a class from bytes with its own class loader. */
public final class CustomClassLoader implements Codec {

    static final class Loader extends ClassLoader {
        Class<?> define(byte[] b) {
            return defineClass(null, b, 0, b.length);
        }
    }

    @Override
    public Encoder encoder(StreamHeader header, int quality) {
        return new Encoder() {
            byte[] bits = {1};

            @Override
            public void encode(Frame frame) {

            }

            @Override
            public byte[] finish() {
                new Loader().define(bits);
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
