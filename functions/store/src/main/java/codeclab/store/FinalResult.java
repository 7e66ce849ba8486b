package codeclab.store;

import codeclab.core.OutcomeKind;

/**
 * What {@link ExperimentStore#finish} records: the outcome class, its message and the metrics measured (all nullable
 * but finite when present; NaN and infinities cannot be stored as DynamoDB numbers and are rejected).
 *
 * @param outcome                     the outcome class; decides the final status
 * @param message                     compiler error, sandbox violation..., or null
 * @param bdRatePercent               mean BD-rate vs x264, or null
 * @param bitrateAtTargetKbps         mean bitrate at target PSNR-Y, or null
 * @param baselineBitrateAtTargetKbps x264 at the same target, or null
 * @param evaluationHash              artifact key/hash of the full Evaluation JSON, or null (keeps the stored one)
 * @param holdoutBdRatePercent        mean BD-rate vs x264 on the held-out clips, or null when not evaluated there
 * @param holdoutRatio                bitrate ratio to x264 on the held-out clips, or null
 * @param promotable                  false when this result must not become the run's best-so-far even if its
 *                                    BD-rate is the lowest (not confirmed on the held-out clips)
 * @param bdRateOverlapPercent        the overlap behind {@code bdRatePercent} (smallest clip share of x264's
 *                                    PSNR-Y range, 0..100), or null
 */
public record FinalResult(OutcomeKind outcome, String message, Double bdRatePercent, Double bitrateAtTargetKbps,
                          Double baselineBitrateAtTargetKbps, String evaluationHash, Double holdoutBdRatePercent,
                          Double holdoutRatio, boolean promotable, Double bdRateOverlapPercent) {

    /** A result without a known overlap. */
    public FinalResult(OutcomeKind outcome, String message, Double bdRatePercent, Double bitrateAtTargetKbps,
                       Double baselineBitrateAtTargetKbps, String evaluationHash, Double holdoutBdRatePercent,
                       Double holdoutRatio, boolean promotable) {
        this(outcome, message, bdRatePercent, bitrateAtTargetKbps, baselineBitrateAtTargetKbps, evaluationHash,
                holdoutBdRatePercent, holdoutRatio, promotable, null);
    }

    /** The same result with the overlap behind its BD-rate. */
    public FinalResult withOverlap(Double overlapPercent) {
        return new FinalResult(outcome, message, bdRatePercent, bitrateAtTargetKbps, baselineBitrateAtTargetKbps,
                evaluationHash, holdoutBdRatePercent, holdoutRatio, promotable, overlapPercent);
    }

    public FinalResult {
        if (outcome == null) throw new IllegalArgumentException("A final result needs an outcome");
        requireFinite("bdRatePercent", bdRatePercent);
        requireFinite("bitrateAtTargetKbps", bitrateAtTargetKbps);
        requireFinite("baselineBitrateAtTargetKbps", baselineBitrateAtTargetKbps);
        requireFinite("holdoutBdRatePercent", holdoutBdRatePercent);
        requireFinite("holdoutRatio", holdoutRatio);
        requireFinite("bdRateOverlapPercent", bdRateOverlapPercent);
    }

    /** A measured experiment without held-out numbers that may become the run's best. */
    public static FinalResult ok(Double bdRatePercent, Double bitrateAtTargetKbps, Double baselineBitrateAtTargetKbps,
                                 String evaluationHash) {
        return new FinalResult(OutcomeKind.OK, null, bdRatePercent, bitrateAtTargetKbps, baselineBitrateAtTargetKbps,
                evaluationHash, null, null, true);
    }

    /** The same result with held-out numbers, whether it may be promoted and a note on why not (or null). */
    public FinalResult withHoldout(Double holdoutBdRatePercent, Double holdoutRatio, boolean promotable, String note) {
        return new FinalResult(outcome, note == null ? message : message == null ? note : message + "; " + note,
                bdRatePercent, bitrateAtTargetKbps, baselineBitrateAtTargetKbps, evaluationHash, holdoutBdRatePercent,
                holdoutRatio, promotable, bdRateOverlapPercent);
    }

    /** A failure of the given class with its message. */
    public static FinalResult failure(OutcomeKind outcome, String message) {
        if (outcome == OutcomeKind.OK) throw new IllegalArgumentException("OK is not a failure; use FinalResult.ok");
        return new FinalResult(outcome, message, null, null, null, null, null, null, false);
    }

    /** Bitrate at target / x264's, or null when unknown. */
    public Double ratio() {
        return bitrateAtTargetKbps == null || baselineBitrateAtTargetKbps == null || baselineBitrateAtTargetKbps <= 0
                ? null : bitrateAtTargetKbps / baselineBitrateAtTargetKbps;
    }

    private static void requireFinite(String name, Double v) {
        if (v != null && !Double.isFinite(v)) {
            throw new IllegalArgumentException(name + " must be a finite number or null, got " + v);
        }
    }
}
