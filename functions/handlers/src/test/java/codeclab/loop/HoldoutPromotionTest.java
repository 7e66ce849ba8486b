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

    /** Dev result: BD-rate -12 % (rate factor 0.88), ratio 0.8 (80 kbps vs x264's 100). */
    private static final FinalResult DEV = FinalResult.ok(-12.0, 80.0, 100.0, "results/" + "a".repeat(64));

    private static Evaluation heldOut(Double bdRate, Double kbps) {
        return new Evaluation(38, List.of(new ClipEvaluation("holdout-1", "h".repeat(64), 352, 288, 30, 30, List.of(),
                List.of(), bdRate, bdRate == null ? "curves overlap over 40 % of the reference's range, need 75 %" : null,
                kbps, 100.0)), 10, 20);
    }

    @Test
    void aResultConfirmedWithinTheToleranceIsPromotedWithItsHeldOutNumbers() {
        FinalResult r = RecordStage.withHoldout(DEV, heldOut(5.0, 95.0), true, null); // 1.05 <= 1.25 * 0.88 = 1.10
        assertThat(r.promotable()).isTrue();
        assertThat(r.holdoutRatio()).isEqualTo(0.95);
        assertThat(r.holdoutBdRatePercent()).isEqualTo(5.0);
        assertThat(r.message()).isNull();
        assertThat(r.ratio()).isEqualTo(0.8);
    }

    @Test
    void theToleranceIsOnTheRateFactorAndItsBoundaryIsInclusive() {
        // dev -12 % needs 0.88 of x264's bits; held-out may need up to 1.25 x 0.88 = 1.10, i.e. +10 %
        assertThat(HoldoutRule.limit(-12)).isCloseTo(10.0, org.assertj.core.api.Assertions.within(1e-9));
        assertThat(HoldoutRule.confirms(-12, 10.0)).isTrue();
        assertThat(HoldoutRule.confirms(-12, 10.01)).isFalse();
        assertThat(HoldoutRule.confirms(-20, 0.0)).isTrue();
        assertThat(HoldoutRule.confirms(-99.9, -50)).as("a dev score from a trick does not survive real footage").isFalse();
    }

    @Test
    void aResultFittedToTheDevClipsIsRecordedButNotPromoted() {
        FinalResult r = RecordStage.withHoldout(DEV, heldOut(20.0, 120.0), true, null); // 1.20 > 1.10
        assertThat(r.promotable()).isFalse();
        assertThat(r.holdoutRatio()).isEqualTo(1.2);
        assertThat(r.holdoutBdRatePercent()).isEqualTo(20.0);
        assertThat(r.bdRatePercent()).isEqualTo(-12.0);
        assertThat(r.message()).contains("not promoted", "+20.0 %", "+10.0 %", "-12.0 %", "1.25x");
    }

    @Test
    void noBdRateOnTheHeldOutClipsBlocksPromotionAndSaysWhichClipAndWhy() {
        FinalResult r = RecordStage.withHoldout(DEV, heldOut(null, 90.0), true, null);
        assertThat(r.promotable()).isFalse();
        assertThat(r.holdoutBdRatePercent()).isNull();
        assertThat(r.message()).isEqualTo("not promoted: no BD-rate on the held-out clips (holdout-1: curves overlap over"
                + " 40 % of the reference's range, need 75 %)");
    }

    @Test
    void missingTheTargetOnAHeldOutClipDoesNotBlockPromotion() {
        FinalResult r = RecordStage.withHoldout(DEV, heldOut(5.0, null), true, null);
        assertThat(r.promotable()).as("bitrate at target is a second figure").isTrue();
        assertThat(r.holdoutRatio()).isNull();
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
