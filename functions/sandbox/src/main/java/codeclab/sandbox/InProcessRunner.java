package codeclab.sandbox;

import codeclab.codec.Codec;
import codeclab.codec.Decoder;
import codeclab.codec.Encoder;
import codeclab.codec.Frame;
import codeclab.codec.StreamHeader;
import codeclab.core.OutcomeKind;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Runs a codec in the calling JVM. Only for trusted code: the reference codecs, tests and benchmarks.
 * Candidates go through the sandbox's child-process runner.
 */
public final class InProcessRunner implements CodecRunner {

    private final Supplier<Codec> factory;

    /** Runs codecs made by {@code factory} (one fresh instance per encode and per decode). */
    public InProcessRunner(Supplier<Codec> factory) {
        this.factory = factory;
    }

    @Override
    public List<Encoded> encode(CompiledCodec ignored, StreamHeader header, List<Frame> frames, List<Integer> qualities)
            throws RunFailure {
        List<Encoded> out = new ArrayList<>();
        for (int q : qualities) {
            long t0 = System.nanoTime();
            try {
                Encoder enc = factory.get().encoder(header, q);
                for (Frame f : frames) {
                    enc.encode(f);
                }
                byte[] bits = enc.finish();
                if (bits == null) {
                    throw new RunFailure(OutcomeKind.BAD_OUTPUT, "encoder.finish() returned null at quality " + q);
                }
                out.add(new Encoded(q, bits, (System.nanoTime() - t0) / 1e9));
            } catch (RuntimeException | OutOfMemoryError | StackOverflowError e) {
                throw new RunFailure(e instanceof OutOfMemoryError ? OutcomeKind.OUT_OF_MEMORY : OutcomeKind.CRASH,
                        "encoder threw " + e + " at quality " + q);
            }
        }
        return out;
    }

    @Override
    public List<Decoded> decode(CompiledCodec ignored, StreamHeader header, List<byte[]> bitstreams) throws RunFailure {
        List<Decoded> out = new ArrayList<>();
        for (byte[] bits : bitstreams) {
            long t0 = System.nanoTime();
            try {
                Decoder dec = factory.get().decoder(header, bits.clone());
                List<Frame> frames = new ArrayList<>();
                for (int i = 0; i < header.frameCount(); i++) {
                    frames.add(dec.decode());
                }
                out.add(new Decoded(frames, (System.nanoTime() - t0) / 1e9));
            } catch (RuntimeException | OutOfMemoryError | StackOverflowError e) {
                throw new RunFailure(e instanceof OutOfMemoryError ? OutcomeKind.OUT_OF_MEMORY : OutcomeKind.CRASH,
                        "decoder threw " + e);
            }
        }
        return out;
    }
}
