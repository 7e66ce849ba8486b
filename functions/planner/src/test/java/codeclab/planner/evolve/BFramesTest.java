package codeclab.planner.evolve;

import codeclab.codec.Codec;
import codeclab.codec.Decoder;
import codeclab.codec.Encoder;
import codeclab.codec.Frame;
import codeclab.codec.StreamHeader;
import codeclab.planner.evolve.Design.Gene;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * HybridCodec's B frames (rendered designs, since the GOP is a design constant): frames are coded out of
 * display order as a pyramid between anchors, so every decoded frame must still match its own source, and
 * the encoder's reconstruction and the decoder's must not drift apart over the whole clip.
 */
class BFramesTest {

    static final CompilingEvaluator EV = new CompilingEvaluator(64, 48, 2);

    @ParameterizedTest(name = "BFRAMES {0}, key interval {1}, {2} frames")
    @CsvSource({"1, 120, 9", "3, 120, 10", "7, 120, 19", "3, 5, 13", "7, 6, 11", "3, 120, 1", "3, 120, 2"})
    void everyFrameDecodesInDisplayOrderCloseToItsSource(int bframes, int keyInterval, int frames) throws Exception {
        Codec codec = codec(Design.hybridSeed().with(Gene.BFRAMES, bframes).with(Gene.KEY_INTERVAL, keyInterval));
        List<Frame> clip = SyntheticClip.frames(64, 48, frames);
        StreamHeader header = new StreamHeader(64, 48, frames, 25, 1);
        List<Frame> out = roundTrip(codec, header, clip, 85).decoded();
        for (int f = 0; f < frames; f++) {
            double psnr = psnr(clip.get(f), out.get(f));
            assertThat(psnr).as("frame %d of %d", f, frames).isGreaterThan(36);
            // the neighbours' sources are further away: a frame returned out of order would match them better
            if (f > 0) {
                assertThat(psnr).as("frame %d vs its predecessor's source", f).isGreaterThan(psnr(clip.get(f - 1), out.get(f)) + 3);
            }
        }
    }

    @Test
    void bFramesSpendFewerBitsThanIAndPFramesAtTheSameQualityOnAMovingScene() throws Exception {
        List<Frame> clip = SyntheticClip.frames(64, 48, 17);
        StreamHeader header = new StreamHeader(64, 48, 17, 25, 1);
        Design ip = Design.hybridSeed().with(Gene.BFRAMES, 0);
        Design b = ip.with(Gene.BFRAMES, 3).with(Gene.B_STEP_RATIO, 1.3);
        double[] ipPoint = point(codec(ip), header, clip, 60);
        // the B-frame design's bytes at no lower PSNR-Y than I/P's: step the quality up until it gets there
        for (int q = 50; q <= 90; q++) {
            double[] bPoint = point(codec(b), header, clip, q);
            if (bPoint[1] >= ipPoint[1]) {
                assertThat(bPoint[0]).as("bytes at %.2f dB (I/P: %.0f bytes at %.2f dB)", bPoint[1], ipPoint[0], ipPoint[1])
                        .isLessThan(ipPoint[0]);
                return;
            }
        }
        throw new AssertionError("the B-frame design never reached I/P's PSNR-Y " + ipPoint[1]);
    }

    @Test
    void anEncoderGivenFewerFramesThanItsHeaderSaysRefusesToEndAStreamWithFramesStillWaiting() throws Exception {
        Codec codec = codec(Design.hybridSeed().with(Gene.BFRAMES, 3));
        List<Frame> clip = SyntheticClip.frames(64, 48, 3);
        Encoder enc = codec.encoder(new StreamHeader(64, 48, 8, 25, 1), 50);
        clip.forEach(enc::encode);
        assertThatThrownBy(enc::finish).isInstanceOf(IllegalStateException.class).hasMessageContaining("3 of the 8 frames");
    }

    static Codec codec(Design d) throws ReflectiveOperationException {
        return (Codec) EV.compile(DesignTemplate.render(d)).getDeclaredConstructor().newInstance();
    }

    /** A bitstream and the frames decoded from it. */
    record Trip(byte[] bits, List<Frame> decoded) {
    }

    static Trip roundTrip(Codec codec, StreamHeader header, List<Frame> clip, int quality) {
        Encoder enc = codec.encoder(header, quality);
        clip.forEach(enc::encode);
        byte[] bits = enc.finish();
        Decoder dec = codec.decoder(header, bits);
        List<Frame> out = new ArrayList<>();
        for (int f = 0; f < clip.size(); f++) {
            out.add(dec.decode());
        }
        return new Trip(bits, out);
    }

    /** {bytes, PSNR-Y over the clip}. */
    static double[] point(Codec codec, StreamHeader header, List<Frame> clip, int quality) {
        Trip t = roundTrip(codec, header, clip, quality);
        double mse = 0;
        for (int f = 0; f < clip.size(); f++) {
            mse += CompilingEvaluator.mse(clip.get(f).y(), t.decoded().get(f).y());
        }
        return new double[] {t.bits().length, 10 * Math.log10(255.0 * 255.0 / (mse / clip.size()))};
    }

    static double psnr(Frame a, Frame b) {
        double mse = CompilingEvaluator.mse(a.y(), b.y());
        return mse == 0 ? 100 : 10 * Math.log10(255.0 * 255.0 / mse);
    }
}
