package codeclab.planner;

import codeclab.codec.seeds.ReferenceCodecs;
import codeclab.core.ClipEvaluation;
import codeclab.core.Evaluation;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class FitnessTest {

    // the dev-clip measurements of this session (docs/BENCHMARKS.md): HybridCodec I/P and three variants
    static final Evaluation SEED = Fixtures.measured(-3.6, 6.1);
    static final Evaluation CHROMA_STARVED = Fixtures.measured(-8.4, 15.6);     // chroma step x1.7
    static final Evaluation CHROMA_FED = Fixtures.measured(-0.9, 4.1);          // chroma step x0.8
    static final Evaluation B_FRAMES = Fixtures.measured(-8.6, -0.3);           // 3 B frames at x1.3

    @Test
    void movingBitsBetweenLumaAndChromaEitherWayIsWorseThanTheSeedAndABetterCodecIsBetter() {
        Fitness against = Fitness.reference(SEED);
        assertThat(against.of(SEED)).isEqualTo(0.0);
        assertThat(against.of(CHROMA_STARVED)).as("better PSNR-Y, bought with chroma").isCloseTo(9.5, within(1e-9));
        assertThat(against.of(CHROMA_FED)).as("better PSNR-YUV, bought with luma").isCloseTo(2.7, within(1e-9));
        assertThat(against.of(B_FRAMES)).as("better on both: the smaller gain counts").isCloseTo(-5.0, within(1e-9));
    }

    @Test
    void againstX264TheWorseOfTheTwoRawBdRatesCounts() {
        assertThat(Fitness.X264.of(SEED)).isEqualTo(6.1);
        assertThat(Fitness.X264.of(CHROMA_STARVED)).isEqualTo(15.6);
    }

    @Test
    void aRunsReferenceIsItsMeasurementOfTheStrongestSeedOnceThereIsOne() {
        InMemoryHistory h = new InMemoryHistory();
        assertThat(Fitness.against(h)).isEqualTo(Fitness.X264);
        h.add(Fixtures.completed("other", null, "x", -9.0, 100, 0), Fixtures.measured(-9.0, 1.0), "class Other {}");
        assertThat(Fitness.against(h)).isEqualTo(Fitness.X264);
        h.add(Fixtures.completed("seed", null, "seed", -3.6, 100, 0), SEED, ReferenceCodecs.asCandidate(Fitness.STRONGEST));
        assertThat(Fitness.against(h)).isEqualTo(new Fitness(-3.6, 6.1));
    }

    @Test
    void aPsnrYuvMeasuredWithoutAValueLeavesNoFitnessButOneNeverMeasuredFallsBackToTheScore() {
        assertThat(Fitness.X264.of(Fixtures.measured(-5.0, null))).isNull();
        ClipEvaluation yOnly = new ClipEvaluation("dev-1", "h", 64, 48, 4, 25, List.of(), List.of(), -5.0, null, null, null);
        assertThat(new Fitness(-2.0, 3.0).of(new Evaluation(34.0, List.of(yOnly), 0, 0))).isEqualTo(-3.0);
    }
}
