package codeclab.sandbox;

import codeclab.codec.Frame;
import codeclab.codec.StreamHeader;

import java.util.List;

/**
 * Runs a compiled codec's encoder and decoder. The harness measures everything from what this returns;
 * the runner only moves frames and bytes. Implementations: {@link InProcessRunner} for trusted code
 * (reference codecs in tests), and the sandbox's child-process runner for candidates.
 *
 * <p>One {@link #encode} call handles every quality point of an experiment, and one {@link #decode}
 * call every bitstream; the decoder never sees the source frames.
 */
public interface CodecRunner {

    /** Encodes {@code frames} once per quality, in the order given. */
    List<Encoded> encode(CompiledCodec codec, StreamHeader header, List<Frame> frames, List<Integer> qualities)
            throws RunFailure;

    /** Decodes each bitstream with a fresh decoder; returns the frames as the decoder produced them (unchecked). */
    List<Decoded> decode(CompiledCodec codec, StreamHeader header, List<byte[]> bitstreams) throws RunFailure;

    /** One bitstream and the wall time its encode took. */
    record Encoded(int quality, byte[] bitstream, double seconds) {
    }

    /** The frames one decoder returned and the wall time it took. */
    record Decoded(List<Frame> frames, double seconds) {
    }
}
