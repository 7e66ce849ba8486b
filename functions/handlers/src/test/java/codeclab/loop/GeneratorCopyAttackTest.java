package codeclab.loop;

import codeclab.codec.Codec;
import codeclab.codec.Decoder;
import codeclab.codec.Encoder;
import codeclab.codec.Frame;
import codeclab.codec.StreamHeader;
import codeclab.core.Evaluation;
import codeclab.core.RdPoint;
import codeclab.harness.Harness;
import codeclab.harness.HarnessConfig;
import codeclab.harness.X264Baselines;
import codeclab.media.Clip;
import codeclab.media.synthetic.SyntheticClips;
import codeclab.media.synthetic.SyntheticSpec;
import codeclab.sandbox.CompiledCodec;
import codeclab.sandbox.InProcessRunner;
import codeclab.sandbox.RunFailure;
import codeclab.store.FinalResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The third attack of issue 11: a codec that re-implements the synthetic generator and sends only the seed. It wins on
 * generated clips, which is why no generated clip may be held out: held-out clips are real footage, generated ones are
 * refused as held-out, and on real footage the attack is exactly its honest fallback, so it cannot pass confirmation.
 */
class GeneratorCopyAttackTest {

    private static final CompiledCodec ANY = new CompiledCodec("attack", Map.of("attack", new byte[0]));

    @TempDir
    static Path dir;

    @Test
    void theGeneratorCopyWinsOnGeneratedClipsButCannotPassHeldOutConfirmationOnRealFootage() throws RunFailure {
        ClipProvider clips = new ClipProvider(dir.resolve("clips"));
        Harness harness = new Harness(HarnessConfig.defaults().withTargetPsnrY(32), new X264Baselines(dir.resolve("x264")));

        // on the generated dev clip the seed alone reproduces every frame: a BD-rate no honest codec gets
        Evaluation dev = harness.evaluate(ANY, new InProcessRunner(GeneratorCopy::new), clips.clips("tiny"));
        assertThat(dev.bdRatePercent()).as(dev.bdRateNote()).isNotNull().isLessThan(-90);

        // a generated held-out set is refused before anything runs
        assertThatThrownBy(() -> clips.holdoutClips("tiny", "tiny-holdout"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("is generated");
        assertThatThrownBy(() -> clips.holdoutClips("synthetic", "dev"))
                .hasMessageStartingWith("held-out clip synthetic-1 (set 'synthetic') is generated");

        // on the real held-out clip no seed fits: the attack sends what its honest fallback sends, bit for bit
        List<Clip> heldOutClips = clips.holdoutClips("tiny-holdout", "tiny");
        Evaluation heldOut = harness.evaluate(ANY, new InProcessRunner(GeneratorCopy::new), heldOutClips, m -> { }, 11L);
        Evaluation control = harness.evaluate(ANY, new InProcessRunner(Fallback::new), heldOutClips, m -> { }, 11L);
        assertThat(sizesAndQuality(heldOut)).isEqualTo(sizesAndQuality(control));
        assertThat(heldOut.bdRatePercent()).isEqualTo(control.bdRatePercent());

        // and the promotion rule refuses it: its held-out BD-rate is nowhere near its dev BD-rate
        FinalResult devResult = FinalResult.ok(dev.bdRatePercent(), dev.bitrateAtTargetKbps(), dev.baselineBitrateAtTargetKbps(), null);
        FinalResult promoted = RecordStage.withHoldout(devResult, heldOut, true, null);
        assertThat(promoted.promotable()).isFalse();
        assertThat(promoted.message()).startsWith("not promoted:");
    }

    private static List<String> sizesAndQuality(Evaluation e) {
        List<String> out = new ArrayList<>();
        for (RdPoint p : e.clips().get(0).points()) {
            out.add(p.quality() + ":" + p.bytes() + ":" + p.psnrY());
        }
        return out;
    }

    /** Bits per sample for a quality knob: 1..7. */
    private static int depth(int quality) {
        return 1 + quality / 15;
    }

    private static int quantise(int sample, int depth) {
        return ((sample >> (8 - depth)) << (8 - depth)) | (1 << (7 - depth));
    }

    /**
     * The attack: the project's seeds are constants in its source, so the encoder tries them; when one regenerates
     * the input it sends that seed (and padding that grows with quality, so the points form a curve); otherwise it
     * falls back to {@link Fallback}. The decoder re-runs the generator, quantised to the quality's depth.
     */
    static final class GeneratorCopy implements Codec {
        static final List<Long> KNOWN_SEEDS = List.of(0x7171_0001L, 0x5eed_0001L, 0x5eed_0002L);

        @Override
        public Encoder encoder(StreamHeader h, int quality) {
            Encoder honest = new Fallback().encoder(h, quality);
            List<Frame> seen = new ArrayList<>();
            return new Encoder() {
                @Override
                public void encode(Frame f) {
                    seen.add(f.copy());
                    honest.encode(f);
                }

                @Override
                public byte[] finish() {
                    for (long seed : KNOWN_SEEDS) {
                        Frame regenerated = SyntheticClips.generate("x", new SyntheticSpec(h.width(), h.height(),
                                h.frameCount(), h.fpsNum(), h.fpsDen(), seed)).frames().get(0);
                        if (Arrays.equals(regenerated.y(), seen.get(0).y())) {
                            return ByteBuffer.allocate(10 + quality / 10).put((byte) 'S').put((byte) depth(quality))
                                    .putLong(seed).array();
                        }
                    }
                    return honest.finish();
                }
            };
        }

        @Override
        public Decoder decoder(StreamHeader h, byte[] bits) {
            if (bits.length == 0 || bits[0] != 'S') {
                return new Fallback().decoder(h, bits);
            }
            ByteBuffer in = ByteBuffer.wrap(bits, 1, bits.length - 1);
            int depth = in.get();
            List<Frame> frames = SyntheticClips.generate("x", new SyntheticSpec(h.width(), h.height(), h.frameCount(),
                    h.fpsNum(), h.fpsDen(), in.getLong())).frames();
            int[] next = {0};
            return () -> {
                Frame f = frames.get(next[0]++).copy();
                for (int p = 0; p < 3; p++) {
                    byte[] plane = f.plane(p);
                    for (int i = 0; i < plane.length; i++) {
                        plane[i] = (byte) quantise(plane[i] & 0xFF, depth);
                    }
                }
                return f;
            };
        }
    }

    /** The honest control: every sample truncated to the quality's depth and bit-packed (tag 'T'). */
    static final class Fallback implements Codec {
        @Override
        public Encoder encoder(StreamHeader h, int quality) {
            int depth = depth(quality);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.write('T');
            out.write(depth);
            return new Encoder() {
                @Override
                public void encode(Frame f) {
                    long acc = 0;
                    int n = 0;
                    for (int p = 0; p < 3; p++) {
                        for (byte b : f.plane(p)) {
                            acc = (acc << depth) | ((b & 0xFF) >> (8 - depth));
                            n += depth;
                            while (n >= 8) {
                                out.write((int) (acc >> (n - 8)));
                                n -= 8;
                            }
                        }
                    }
                    if (n > 0) {
                        out.write((int) (acc << (8 - n)));
                    }
                }

                @Override
                public byte[] finish() {
                    return out.toByteArray();
                }
            };
        }

        @Override
        public Decoder decoder(StreamHeader h, byte[] bits) {
            int depth = bits[1];
            int[] pos = {16};
            Supplier<Frame> next = () -> {
                Frame f = Frame.blank(h.width(), h.height());
                for (int p = 0; p < 3; p++) {
                    byte[] plane = f.plane(p);
                    for (int i = 0; i < plane.length; i++) {
                        int v = 0;
                        for (int k = 0; k < depth; k++) {
                            v = (v << 1) | ((bits[pos[0] >> 3] >> (7 - (pos[0] & 7))) & 1);
                            pos[0]++;
                        }
                        plane[i] = (byte) quantise(v << (8 - depth), depth);
                    }
                }
                pos[0] = (pos[0] + 7) & ~7;
                return f;
            };
            return next::get;
        }
    }
}
