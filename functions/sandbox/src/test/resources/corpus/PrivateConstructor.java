import codeclab.codec.*;

/** Adversarial corpus: no public no-argument constructor. */
public final class PrivateConstructor implements Codec {
    private PrivateConstructor() {
    }

    public Encoder encoder(StreamHeader header, int quality) {
        return null;
    }

    public Decoder decoder(StreamHeader header, byte[] bitstream) {
        return null;
    }
}
