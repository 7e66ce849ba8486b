package codeclab.sandbox;

import codeclab.codec.Frame;
import codeclab.codec.StreamHeader;
import codeclab.sandbox.child.Wire;

import java.util.List;

/**
 * Refuses, at validate, a codec that does not compress (issue 17): a picture must come from the bits that were
 * sent and counted. Three signs, checked on the smoke run: an empty bitstream at any quality (nothing was sent, so
 * the picture came from the codec itself), every bitstream at least as large as the raw 4:2:0 clip, and a decoder
 * whose frames stay the same when its stream is corrupted (every byte inverted, decoded in a fresh process).
 */
final class NoCompressionCheck {

    private NoCompressionCheck() {
    }

    /** The refusal, or null when the codec passes. */
    static ValidationOutcome.NoCompression check(CodecRunner runner, CompiledCodec codec, StreamHeader header,
                                                 List<CodecRunner.Encoded> encoded, List<CodecRunner.Decoded> decoded) {
        for (CodecRunner.Encoded e : encoded) {
            if (e.bitstream().length == 0) {
                return new ValidationOutcome.NoCompression("the encoder returned an empty bitstream at quality " + e.quality()
                        + ": a decoder cannot rebuild a clip from nothing, so its picture would come from the codec, not from"
                        + " counted bits; send the picture's information in the stream");
            }
        }
        long raw = header.frameCount() * Wire.frameBytes(header);
        List<Integer> sizes = encoded.stream().map(e -> e.bitstream().length).toList();
        if (sizes.stream().allMatch(n -> n >= raw)) {
            return new ValidationOutcome.NoCompression("every bitstream " + sizes + " is at least as large as the raw 4:2:0"
                    + " clip (" + raw + " bytes for " + header.frameCount() + " frames of " + header.width() + "x"
                    + header.height() + "): the codec does not compress; quantise, predict and entropy-code");
        }
        int last = encoded.size() - 1;
        byte[] corrupted = encoded.get(last).bitstream().clone();
        for (int i = 0; i < corrupted.length; i++) {
            corrupted[i] = (byte) ~corrupted[i];
        }
        List<Frame> again;
        try {
            again = runner.decode(codec, header, List.of(corrupted)).get(0).frames();
        } catch (RunFailure f) {
            return null; // It rejected the corrupted stream: its output depends on the stream.
        }
        List<Frame> real = decoded.get(last).frames();
        if (again.size() == real.size() && sameFrames(again, real)) {
            return new ValidationOutcome.NoCompression("the decoder's output ignores its stream: the quality-"
                    + encoded.get(last).quality() + " bitstream with every byte inverted decoded to the same "
                    + real.size() + " frames, so the picture comes from the codec, not from the bits it was sent");
        }
        return null;
    }

    private static boolean sameFrames(List<Frame> a, List<Frame> b) {
        for (int i = 0; i < a.size(); i++) {
            Frame x = a.get(i);
            Frame y = b.get(i);
            if (x == null || y == null || x.width() != y.width() || x.height() != y.height() || !x.sameSamples(y)) {
                return false;
            }
        }
        return true;
    }
}
