package codeclab.planner.evolve;

import codeclab.core.Evaluation;
import codeclab.planner.Fitness;
import codeclab.planner.Fixtures;
import org.junit.jupiter.api.Test;

import java.util.Iterator;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class EvolutionBenchTest {

    /** Measures the planner's candidates as these evaluations, in order. */
    private static Evaluator inTurn(Evaluation... results) {
        Iterator<Evaluation> next = List.of(results).iterator();
        return source -> new Evaluator.Result.Measured(next.next());
    }

    // PSNR-Y / PSNR-YUV BD-rates vs x264. Against the seed (-3.6 / +6.1) the first is the fitter (better on both);
    // against x264 the second is (the first's PSNR-YUV is positive).
    private static final Evaluation LUMA_AND_CHROMA_BETTER_THAN_SEED = Fixtures.measured(-8.4, 5.0);
    private static final Evaluation CLOSER_TO_X264_ON_CHROMA = Fixtures.measured(-1.0, 2.0);

    @Test
    void aRunThatNeverMeasuresTheSeedIsJudgedAgainstTheBenchmarksReferenceWhenGivenOne() {
        Fitness seed = new Fitness(-3.6, 6.1);
        EvolutionBench.Curve judged = EvolutionBench.run(new RandomSamplingPlanner(),
                inTurn(LUMA_AND_CHROMA_BETTER_THAN_SEED, CLOSER_TO_X264_ON_CHROMA), 2, 1, seed);
        assertThat(judged.bestSoFar()).containsExactly(-8.4, -8.4);
        assertThat(judged.fitnessSoFar().getLast()).isCloseTo(-1.1, within(1e-9));

        EvolutionBench.Curve own = EvolutionBench.run(new RandomSamplingPlanner(),
                inTurn(LUMA_AND_CHROMA_BETTER_THAN_SEED, CLOSER_TO_X264_ON_CHROMA), 2, 1);
        assertThat(own.bestSoFar()).as("its own reference is x264: another scale").containsExactly(-8.4, -1.0);
        assertThat(own.fitnessSoFar().getLast()).isCloseTo(2.0, within(1e-9));
    }
}
