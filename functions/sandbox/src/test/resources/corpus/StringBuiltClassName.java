import codeclab.codec.Codec;
import codeclab.codec.Decoder;
import codeclab.codec.Encoder;
import codeclab.codec.Frame;
import codeclab.codec.StreamHeader;

/** Adversarial corpus: loads a class whose name is built at run time. */
public final class StringBuiltClassName implements Codec {

    @Override
    public Encoder encoder(StreamHeader header, int quality) {
        return new Encoder() {
            byte[] bits = {1};

            @Override
            public void encode(Frame frame) {

            }

            @Override
            public byte[] finish() {
                try {
                    String n = new StringBuilder("emitnuR.gnal.avaj").reverse().toString();
                    return String.valueOf(Class.forName(n)).getBytes();
                } catch (ClassNotFoundException e) {
                    throw new IllegalStateException(e);
                }
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
