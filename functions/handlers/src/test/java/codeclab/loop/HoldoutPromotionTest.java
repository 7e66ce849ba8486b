package codeclab.loop;

import codeclab.core.ClipEvaluation;
import codeclab.core.Evaluation;
import codeclab.core.HoldoutRule;
import codeclab.store.FinalResult;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The promotion rule of record: a new best must be confirmed on the held-out clips. */
class HoldoutPromotionTest {

    /** Dev result with ratio 0.8 (80 kbps vs x264's 100). */
    private static final FinalResult DEV = FinalResult.ok(-12.0, 80.0, 100.0, "results/" + "a".repeat(64));

    private static Evaluation heldOut(Double kbps, double baselineKbps) {
        return new Evaluation(38, List.of(new ClipEvaluation("holdout-1", "h".repeat(64), 352, 288, 30, 30, List.of(),
                List.of(), 5.0, null, kbps, baselineKbps)), 10, 20);
    }

    @Test
    void aResultConfirmedWithinTheToleranceIsPromotedWithItsHeldOutNumbers() {
        FinalResult r = RecordStage.withHoldout(DEV, heldOut(95.0, 100.0), true, null); // 0.95 <= 1.25 * 0.8
        assertThat(r.promotable()).isTrue();
        assertThat(r.holdoutRatio()).isEqualTo(0.95);
        assertThat(r.holdoutBdRatePercent()).isEqualTo(5.0);
        assertThat(r.message()).isNull();
        assertThat(r.ratio()).isEqualTo(0.8);
    }

    @Test
    void theToleranceBoundaryIsInclusive() {
        assertThat(HoldoutRule.confirms(0.8, 1.0)).isTrue();
        assertThat(HoldoutRule.confirms(0.8, 1.0001)).isFalse();
    }

    @Test
    void aResultFittedToTheDevClipsIsRecordedButNotPromoted() {
        FinalResult r = RecordStage.withHoldout(DEV, heldOut(120.0, 100.0), true, null); // 1.2 > 1.0
        assertThat(r.promotable()).isFalse();
        assertThat(r.holdoutRatio()).isEqualTo(1.2);
        assertThat(r.bdRatePercent()).isEqualTo(-12.0);
        assertThat(r.message()).contains("not promoted", "1.200", "0.800", "1.25x");
    }

    @Test
    void missingTheTargetOnAHeldOutClipBlocksPromotion() {
        FinalResult r = RecordStage.withHoldout(DEV, heldOut(null, 100.0), true, null);
        assertThat(r.promotable()).isFalse();
        assertThat(r.holdoutRatio()).isNull();
        assertThat(r.message()).contains("target quality");
    }

    @Test
    void aFailedHeldOutEvaluationBlocksPromotionAndSaysWhy() {
        FinalResult r = RecordStage.withHoldout(DEV, null, true, "held-out evaluation failed: TIMEOUT: 60 s");
        assertThat(r.promotable()).isFalse();
        assertThat(r.message()).isEqualTo("not promoted: held-out evaluation failed: TIMEOUT: 60 s");
    }

    @Test
    void aResultThatWasNoCandidateIsNotPromotableAndCarriesNoNote() {
        FinalResult r = RecordStage.withHoldout(DEV, null, true, null);
        assertThat(r.promotable()).isFalse();
        assertThat(r.message()).isNull();
    }

    @Test
    void withoutAHeldOutSetEveryResultIsPromotableAsBefore() {
        assertThat(RecordStage.withHoldout(DEV, null, false, null)).isEqualTo(DEV);
        assertThat(DEV.promotable()).isTrue();
    }

    @Test
    void theDefaultHeldOutSetIsTheDevSetsCounterpart() {
        assertThat(LoopConfig.defaults().holdout()).contains("holdout");
        assertThat(LoopConfig.defaults().withClipSet("tiny").holdout()).contains("tiny-holdout");
        assertThat(LoopConfig.defaults().withClipSet("holdout").holdout()).contains("dev");
        assertThat(LoopConfig.defaults().withHoldoutSet("none").holdout()).isEmpty();
        assertThat(LoopFactory.configFrom(java.util.Map.of("CODEC_LAB_HOLDOUT_SET", "none")).holdout()).isEmpty();
    }
}
