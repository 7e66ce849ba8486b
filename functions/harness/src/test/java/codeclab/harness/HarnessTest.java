package codeclab.harness;

import codeclab.codec.Codec;
import codeclab.core.ClipEvaluation;
import codeclab.core.Evaluation;
import codeclab.core.OutcomeKind;
import codeclab.core.RdPoint;
import codeclab.media.Clip;
import codeclab.media.synthetic.SyntheticClips;
import codeclab.media.synthetic.SyntheticSpec;
import codeclab.sandbox.CompiledCodec;
import codeclab.sandbox.InProcessRunner;
import codeclab.sandbox.RunFailure;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class HarnessTest {

    private static final Clip CLIP = SyntheticClips.generate("h", SyntheticSpec.of(64, 48, 6, 5));
    private static final CompiledCodec ANY = new CompiledCodec("x", Map.of("x", new byte[0]));
    private static final HarnessConfig CONFIG = new HarnessConfig(List.of(10, 40, 70, 100), 30.0);

    /** A baseline curve from the truncating codec itself, so BD-rate against it is known to be 0. */
    private static List<RdPoint> selfBaseline() throws RunFailure {
        return new Harness(CONFIG, clip -> List.of()).evaluatePoints(new InProcessRunner(TestCodecs.Truncating::new), ANY, CLIP);
    }

    private static Evaluation evaluate(Supplier<Codec> codec, List<RdPoint> baseline) throws RunFailure {
        return new Harness(CONFIG, clip -> baseline).evaluate(ANY, new InProcessRunner(codec), List.of(CLIP));
    }

    @Test
    void bitrateIsBytesTimesEightTimesFpsOverFrames() throws RunFailure {
        ClipEvaluation c = evaluate(TestCodecs.Truncating::new, selfBaseline()).clips().get(0);
        for (RdPoint p : c.points()) {
            assertThat(p.bitrateKbps()).isEqualTo(p.bytes() * 8.0 * CLIP.header().fps() / CLIP.frameCount() / 1000.0, within(1e-9));
        }
        assertThat(c.points()).extracting(RdPoint::bytes).isSorted();
        assertThat(c.points()).extracting(RdPoint::psnrY).isSorted();
    }

    @Test
    void aCodecAgainstItsOwnCurveHasZeroBdRateAndTheSameBitrateAtTarget() throws RunFailure {
        ClipEvaluation c = evaluate(TestCodecs.Truncating::new, selfBaseline()).clips().get(0);
        assertThat(c.bdRatePercent()).isEqualTo(0.0, within(1e-9));
        assertThat(c.bitrateAtTargetKbps()).isEqualTo(c.baselineBitrateAtTargetKbps(), within(1e-9));
        assertThat(c.ratioToBaseline()).isEqualTo(1.0, within(1e-9));
    }

    @Test
    void zeroByteCodecIsNeverALowBitrateSuccess() throws RunFailure {
        Evaluation e = evaluate(TestCodecs.ZeroBytes::new, selfBaseline());
        ClipEvaluation c = e.clips().get(0);
        assertThat(c.points()).allSatisfy(p -> assertThat(p.psnrY()).isLessThan(20));
        assertThat(c.bdRatePercent()).isNull();
        assertThat(c.bitrateAtTargetKbps()).isNull();
        assertThat(c.bdRateNote()).isNotBlank();
        assertThat(e.ratioToBaseline()).isNull();
    }

    @Test
    void constantOutputCodecScoresNothing() throws RunFailure {
        Evaluation e = evaluate(TestCodecs.Constant::new, selfBaseline());
        assertThat(e.bdRatePercent()).isNull();
        assertThat(e.bitrateAtTargetKbps()).isNull();
        assertThat(e.clips().get(0).points()).allSatisfy(p -> assertThat(p.psnrY()).isLessThan(20));
    }

    @Test
    void anEncoderThatOverwritesItsInputCannotChangeTheReference() throws RunFailure {
        byte[] before = CLIP.frames().get(0).y().clone();
        Evaluation e = evaluate(TestCodecs.Scribbler::new, selfBaseline());
        assertThat(CLIP.frames().get(0).y()).isEqualTo(before);
        assertThat(e.clips().get(0).points()).allSatisfy(p -> assertThat(p.psnrY()).isLessThan(25));
    }

    @Test
    void decoderReturningTooFewFramesIsBadOutput() {
        assertThatThrownBy(() -> evaluate(() -> new TestCodecs.WrongOutput(false), List.of()))
                .isInstanceOfSatisfying(RunFailure.class, f -> assertThat(f.kind()).isEqualTo(OutcomeKind.BAD_OUTPUT))
                .hasMessageContaining("frame");
    }

    @Test
    void decoderReturningWrongSizedFramesIsBadOutput() {
        assertThatThrownBy(() -> evaluate(() -> new TestCodecs.WrongOutput(true), List.of()))
                .isInstanceOfSatisfying(RunFailure.class, f -> assertThat(f.kind()).isEqualTo(OutcomeKind.BAD_OUTPUT))
                .hasMessageContaining("32x24").hasMessageContaining("64x48");
    }
}
