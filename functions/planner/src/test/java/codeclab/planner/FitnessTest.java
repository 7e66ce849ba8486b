package codeclab.planner;

import codeclab.core.ClipEvaluation;
import codeclab.core.Evaluation;
import codeclab.core.MetricBdRate;
import codeclab.core.QualityMetric;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class FitnessTest {

    static Evaluation measured(Double y, Double yuv) {
        List<MetricBdRate> rates = yuv == null && y != null
                ? List.of(new MetricBdRate(QualityMetric.PSNR_Y, y, 100.0, null),
                        new MetricBdRate(QualityMetric.PSNR_YUV, null, 40.0, "overlap 40 % < 75 %"))
                : List.of(new MetricBdRate(QualityMetric.PSNR_Y, y, 100.0, null), new MetricBdRate(QualityMetric.PSNR_YUV, yuv, 100.0, null));
        ClipEvaluation c = new ClipEvaluation("dev-1", "h", 64, 48, 4, 25, List.of(), List.of(), rates, null, null, null, null);
        return new Evaluation(34.0, List.of(c), 0, 0);
    }

    @Test
    void starvingChromaForABetterLumaScoreDoesNotMakeADesignFitter() {
        Evaluation seed = measured(-3.6, 6.1);         // the shipped seed without B frames on the dev clips
        Evaluation starved = measured(-8.4, 15.6);     // the same with a chroma step x1.7
        Evaluation better = measured(-8.6, -0.3);      // B frames: better on both
        assertThat(Fitness.of(starved)).isEqualTo(15.6).isGreaterThan(Fitness.of(seed));
        assertThat(Fitness.of(better)).isEqualTo(-0.3).isLessThan(Fitness.of(seed));
    }

    @Test
    void aPsnrYuvMeasuredWithoutAValueLeavesNoFitnessButOneNeverMeasuredFallsBackToTheScore() {
        assertThat(Fitness.of(measured(-5.0, null))).isNull();
        ClipEvaluation yOnly = new ClipEvaluation("dev-1", "h", 64, 48, 4, 25, List.of(), List.of(), -5.0, null, null, null);
        assertThat(Fitness.of(new Evaluation(34.0, List.of(yOnly), 0, 0))).isEqualTo(-5.0);
    }
}
