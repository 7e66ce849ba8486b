import codeclab.codec.*;

/** Adversarial corpus: does not compile (missing semicolon, unknown symbol). */
public final class SyntaxError implements Codec {
    public Encoder encoder(StreamHeader header, int quality) {
        int x = 1
        return null;
    }

    public Decoder decoder(StreamHeader header, byte[] bitstream) {
        return undefinedThing;
    }
}
