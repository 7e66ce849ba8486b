package codeclab.codec;

/**
 * A video codec as codec-lab evaluates it: stateful and sequence-level over 8-bit YUV 4:2:0 frames,
 * with one quality knob.
 *
 * <h2>Contract</h2>
 * <ul>
 *   <li>A candidate is one Java source file whose public top-level class implements {@code Codec}
 *       and has a public no-argument constructor.</li>
 *   <li>{@link #encoder} is called once per quality point, with {@code quality} in
 *       [{@link #MIN_QUALITY}, {@link #MAX_QUALITY}]; higher means better quality and more bits.
 *       The harness asks for several values to draw a rate&ndash;distortion curve, so the bitrate
 *       should grow with quality. The encoder is then given every frame of the sequence in display
 *       order and finally asked for the bitstream.</li>
 *   <li>{@link #decoder} is called in a different process, on a fresh instance, with nothing but
 *       the stream header and the bytes the encoder returned. It must return exactly
 *       {@code header.frameCount()} frames of {@code header.width() x header.height()}; anything
 *       else fails the experiment as BAD_OUTPUT.</li>
 *   <li>The harness alone measures size (bytes &times; 8), bitrate and quality. A codec never reports
 *       its own metrics, and no side channel exists between encoder and decoder: only the bytes.</li>
 *   <li>Only the codec API, the toolkit ({@code codeclab.codec.toolkit}) and safe {@code java.lang} /
 *       {@code java.util} members may be used; see docs/CODEC-API.md for the sandbox rules.</li>
 * </ul>
 */
public interface Codec {

    int MIN_QUALITY = 0;
    int MAX_QUALITY = 100;

    /** Starts encoding one sequence described by {@code header} at {@code quality}. */
    Encoder encoder(StreamHeader header, int quality);

    /** Starts decoding {@code bitstream}, which an {@link Encoder} of this codec produced for {@code header}. */
    Decoder decoder(StreamHeader header, byte[] bitstream);
}
