package codeclab.codec;

/** Adversarial corpus: declares itself part of the codec API package to escape the allowlist. */
public final class PackageSpoof implements Codec {
    public Encoder encoder(StreamHeader header, int quality) {
        return null;
    }

    public Decoder decoder(StreamHeader header, byte[] bitstream) {
        return null;
    }
}
