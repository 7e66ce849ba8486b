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

    /** The truncating codec measured at {@code knobs}: a baseline whose range is known. */
    private static List<RdPoint> truncatingAt(List<Integer> knobs) throws RunFailure {
        return new Harness(CONFIG.withQualities(knobs), clip -> List.of())
                .evaluatePoints(new InProcessRunner(TestCodecs.Truncating::new), ANY, CLIP);
    }

    @Test
    void aSweepThatStopsShortOfX264sRangeIsExtendedUntilItCoversIt() throws RunFailure {
        // baseline spans 1..7 bits; the candidate starts at 2..5 bits and would share about half of that range
        List<RdPoint> baseline = truncatingAt(List.of(0, 30, 60, 100));
        HarnessConfig narrow = CONFIG.withQualities(List.of(15, 30, 45, 60));
        Evaluation extended = new Harness(narrow, clip -> baseline).evaluate(ANY, new InProcessRunner(TestCodecs.Truncating::new), List.of(CLIP));
        ClipEvaluation c = extended.clips().get(0);
        assertThat(c.points()).extracting(RdPoint::quality).containsExactly(0.0, 15.0, 30.0, 45.0, 60.0, 100.0);
        assertThat(c.bdRateOverlapPercent()).isEqualTo(100.0);
        assertThat(c.bdRatePercent()).isNotNull();

        Evaluation fixed = new Harness(narrow.withExtraPoints(0), clip -> baseline).evaluate(ANY, new InProcessRunner(TestCodecs.Truncating::new), List.of(CLIP));
        ClipEvaluation f = fixed.clips().get(0);
        assertThat(f.points()).hasSize(4);
        assertThat(f.bdRatePercent()).isNull();
        assertThat(f.bdRateOverlapPercent()).isBetween(30.0, 75.0);
        assertThat(f.bdRateNote()).contains("need 75 %");
        assertThat(fixed.bdRatePercent()).isNull();
        assertThat(fixed.bdRateNote()).startsWith("h: curves overlap over");
    }

    @Test
    void everyMetricHasABdRateWithItsOverlap() throws RunFailure {
        Evaluation e = evaluate(TestCodecs.Truncating::new, selfBaseline());
        assertThat(e.bdRates()).extracting(b -> b.metric().label()).containsExactly("PSNR-Y", "PSNR-YUV", "SSIM-Y");
        assertThat(e.bdRates()).allSatisfy(b -> {
            assertThat(b.percent()).isCloseTo(0.0, within(1e-9));
            assertThat(b.overlapPercent()).isEqualTo(100.0);
            assertThat(b.format()).isEqualTo("+0.0 % (overlap 100 %)");
        });
        RdPoint p = e.clips().get(0).points().get(1);
        assertThat(p.psnrYuv()).as("6:1:1 of the plane PSNRs, not FFmpeg's sample-weighted average").isNotEqualTo(p.psnrY());
    }

    @Test
    void anExperimentHasABdRateOnlyWhenEveryClipHasOne() throws RunFailure {
        Clip other = SyntheticClips.generate("other", SyntheticSpec.of(64, 48, 6, 6));
        List<RdPoint> own = selfBaseline();
        List<RdPoint> unreachable = own.stream().map(p -> new RdPoint(p.quality(), p.bytes(), p.bitrateKbps(),
                p.psnrY() + 60, p.psnrYuv() + 60, p.ssimY(), 0, 0)).toList();
        Evaluation e = new Harness(CONFIG.withExtraPoints(0), clip -> clip == CLIP ? own : unreachable)
                .evaluate(ANY, new InProcessRunner(TestCodecs.Truncating::new), List.of(CLIP, other));
        assertThat(e.clips().get(0).bdRatePercent()).isCloseTo(0.0, within(1e-9));
        assertThat(e.clips().get(1).bdRatePercent()).isNull();
        assertThat(e.bdRatePercent()).as("not the mean of the clips that happen to have one").isNull();
        assertThat(e.bdRateNote()).startsWith("other: curves do not overlap");
        assertThat(e.bdRate(codeclab.core.QualityMetric.PSNR_Y).overlapPercent()).isEqualTo(0.0);
    }

    @Test
    void theQualityOrderIsShuffledFromTheRecordedSeedAndResultsAreSortedByKnob() throws RunFailure {
        List<List<Integer>> orders = new java.util.ArrayList<>();
        HarnessConfig five = CONFIG.withQualities(List.of(10, 30, 50, 70, 90)).withExtraPoints(0);
        InProcessRunner inner = new InProcessRunner(TestCodecs.Truncating::new);
        codeclab.sandbox.CodecRunner recording = new codeclab.sandbox.CodecRunner() {
            @Override
            public List<Encoded> encode(CompiledCodec codec, codeclab.codec.StreamHeader header, List<codeclab.codec.Frame> frames,
                                        List<Integer> qualities) throws RunFailure {
                orders.add(List.copyOf(qualities));
                return inner.encode(codec, header, frames, qualities);
            }

            @Override
            public List<Decoded> decode(CompiledCodec codec, codeclab.codec.StreamHeader header, List<byte[]> bitstreams) throws RunFailure {
                orders.add(bitstreams.stream().map(b -> (int) b[0]).toList()); // the truncating codec's first byte is its depth
                return inner.decode(codec, header, bitstreams);
            }
        };
        Harness harness = new Harness(five, clip -> List.of());
        Evaluation a = harness.evaluate(ANY, recording, List.of(CLIP), m -> { }, 42L);
        Evaluation b = harness.evaluate(ANY, recording, List.of(CLIP), m -> { }, 42L);
        Evaluation c = harness.evaluate(ANY, recording, List.of(CLIP), m -> { }, 7L);
        assertThat(a.qualitySeed()).isEqualTo(42L);
        assertThat(orders.get(0)).as("same seed, same encode order").isEqualTo(orders.get(2));
        assertThat(orders.get(1)).as("same seed, same decode order").isEqualTo(orders.get(3));
        assertThat(orders.get(0)).containsExactlyInAnyOrder(10, 30, 50, 70, 90).isNotEqualTo(List.of(10, 30, 50, 70, 90));
        assertThat(List.of(orders.get(4), orders.get(5))).as("another seed, another order").isNotEqualTo(List.of(orders.get(0), orders.get(1)));
        assertThat(orders.get(1)).as("decode order differs from ascending depth").isNotEqualTo(List.of(1, 3, 4, 5, 7));
        assertThat(a.clips().get(0).points()).extracting(RdPoint::quality).containsExactly(10.0, 30.0, 50.0, 70.0, 90.0);
        assertThat(a.clips().get(0).points()).isEqualTo(b.clips().get(0).points().stream()
                .map(p -> a.clips().get(0).points().get(b.clips().get(0).points().indexOf(p))).toList());
        assertThat(harness.evaluate(ANY, recording, List.of(CLIP)).qualitySeed()).as("a seed is drawn and recorded").isNotNull();
    }
}
