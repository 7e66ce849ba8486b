import codeclab.codec.Codec;
import codeclab.codec.Decoder;
import codeclab.codec.Encoder;
import codeclab.codec.Frame;
import codeclab.codec.StreamHeader;

/** Adversarial corpus: finds System.exit through MethodHandles. */
public final class MethodHandlesExit implements Codec {

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
                    var mh = java.lang.invoke.MethodHandles.lookup().findStatic(System.class, "exit",
                            java.lang.invoke.MethodType.methodType(void.class, int.class));
                    mh.invoke(3);
                } catch (Throwable t) {
                    throw new IllegalStateException(t);
                }
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
