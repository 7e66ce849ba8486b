package codeclab.planner.llm;

import codeclab.core.ClipEvaluation;
import codeclab.core.Evaluation;
import codeclab.core.MetricBdRate;
import codeclab.core.QualityMetric;
import codeclab.planner.DecisionLog;
import codeclab.planner.Fixtures;
import codeclab.planner.InMemoryHistory;
import codeclab.planner.PlanRequest;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class BriefingTest {

    static Evaluation yAndYuv(double y, double yuv) {
        ClipEvaluation c = new ClipEvaluation("dev-1", "h", 64, 48, 8, 25, List.of(), List.of(),
                List.of(new MetricBdRate(QualityMetric.PSNR_Y, y, 100.0, null), new MetricBdRate(QualityMetric.PSNR_YUV, yuv, 100.0, null)),
                null, null, null, null);
        return new Evaluation(38.0, List.of(c), 0, 0);
    }

    @Test
    void theParentIsTheFittestNotTheOneThatStarvedChromaForABetterPsnrY() {
        InMemoryHistory h = new InMemoryHistory()
                .add(Fixtures.completed("seed", null, "the strongest reference codec", -3.6, 100, 0), yAndYuv(-3.6, 6.1),
                        codeclab.codec.seeds.ReferenceCodecs.asCandidate(codeclab.planner.Fitness.STRONGEST))
                .add(Fixtures.completed("starved", null, "chroma step x1.7", -8.4, 100, 0), yAndYuv(-8.4, 15.6), Fixtures.PARENT_SOURCE)
                .add(Fixtures.completed("better", null, "B frames", -7.0, 100, 0), yAndYuv(-7.0, -0.3), Fixtures.PARENT_SOURCE + "\n");
        // with no exploration the parent is the first of the ranking
        for (long seed = 0; seed < 20; seed++) {
            DecisionLog log = new DecisionLog("test");
            PromptBuilder.Context ctx = Briefing.build(new PlanRequest("run-1", seed, 0, h),
                    LlmConfig.defaults(new ModelPrice(3, 15)), new Random(seed), log);
            if (log.lines().stream().anyMatch(l -> l.contains("rank 1 of"))) {
                assertThat(ctx.parent().id()).isEqualTo("better");
                assertThat(PromptBuilder.summary(ctx.parent().program())).contains("BD-rate -7.00% (PSNR-YUV -0.30%)");
                return;
            }
        }
        throw new AssertionError("every seed explored: no plan took the first-ranked parent");
    }
}
