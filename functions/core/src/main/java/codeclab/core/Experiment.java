package codeclab.core;

import java.time.Instant;

/**
 * One experiment as the store keeps it and the monitor and site read it: small scalar fields only;
 * the source code and the full {@link Evaluation} live in the artifact store under content hashes.
 *
 * @param runId                       the run this experiment belongs to
 * @param experimentId                time-sortable id, unique in the run
 * @param status                      where it is in the loop
 * @param outcome                     outcome class once final, else null
 * @param message                     outcome message (compiler error, sandbox violation...), or null
 * @param planner                     planner name and version
 * @param parentId                    experiment id of the parent program, or null
 * @param hypothesis                  the planner's hypothesis, one or two sentences
 * @param sourceHash                  artifact hash of the Java source, or null when the planner produced none
 * @param evaluationHash              artifact hash of the Evaluation JSON, or null
 * @param createdAt                   when it was planned
 * @param finishedAt                  when it reached a final status, or null
 * @param bdRatePercent               the score: BD-rate vs x264 on PSNR-Y, the mean over the clips, defined only when
 *                                    every clip's curve shares the minimum overlap with x264's (negative is better;
 *                                    null = not measurable, ranks after every measured one)
 * @param bitrateAtTargetKbps         mean bitrate at target PSNR-Y, or null
 * @param baselineBitrateAtTargetKbps x264's bitrate at the same target on the same clips, or null
 * @param costUsd                     planner cost in USD (0 for the evolutionary planner)
 * @param holdoutBdRatePercent        mean BD-rate vs x264 on the held-out clips, or null when not evaluated there
 *                                    (only candidates for the run's best are; the planner never sees these numbers)
 * @param holdoutRatio                bitrate at target / x264's on the held-out clips, or null
 * @param bdRateOverlapPercent        the overlap behind {@code bdRatePercent}: the smallest share (0..100) of x264's
 *                                    PSNR-Y range a clip's curve shared with x264's, or null when unknown
 * @param inputTokens                 prompt tokens the planner's model calls billed for this experiment (0 without an LLM)
 * @param outputTokens                answer tokens billed for this experiment (0 without an LLM)
 * @param plannerLog                  artifact key of the planner's trace (every model call's request summary, raw
 *                                    answer, usage and the decisions), or null when the planner kept none
 * @param sourceFingerprint           hash of the normalised source (comments and whitespace removed), or null without
 *                                    source: equal fingerprints in a run mean the same codec (see DUPLICATE)
 */
public record Experiment(String runId, String experimentId, ExperimentStatus status, OutcomeKind outcome,
                         String message, String planner, String parentId, String hypothesis,
                         String sourceHash, String evaluationHash, Instant createdAt, Instant finishedAt,
                         Double bdRatePercent, Double bitrateAtTargetKbps, Double baselineBitrateAtTargetKbps,
                         double costUsd, Double holdoutBdRatePercent, Double holdoutRatio, Double bdRateOverlapPercent,
                         long inputTokens, long outputTokens, String plannerLog, String sourceFingerprint) {

    public Experiment {
        if (inputTokens < 0 || outputTokens < 0) {
            throw new IllegalArgumentException("token counts must be >= 0, got " + inputTokens + "/" + outputTokens);
        }
    }

    /** An experiment without BD-rate overlap, planner usage, trace or fingerprint (held-out numbers as given). */
    public Experiment(String runId, String experimentId, ExperimentStatus status, OutcomeKind outcome,
                      String message, String planner, String parentId, String hypothesis,
                      String sourceHash, String evaluationHash, Instant createdAt, Instant finishedAt,
                      Double bdRatePercent, Double bitrateAtTargetKbps, Double baselineBitrateAtTargetKbps,
                      double costUsd, Double holdoutBdRatePercent, Double holdoutRatio) {
        this(runId, experimentId, status, outcome, message, planner, parentId, hypothesis, sourceHash, evaluationHash,
                createdAt, finishedAt, bdRatePercent, bitrateAtTargetKbps, baselineBitrateAtTargetKbps, costUsd,
                holdoutBdRatePercent, holdoutRatio, null, 0, 0, null, null);
    }

    /** An experiment without held-out numbers (all but candidates for the run's best). */
    public Experiment(String runId, String experimentId, ExperimentStatus status, OutcomeKind outcome,
                      String message, String planner, String parentId, String hypothesis,
                      String sourceHash, String evaluationHash, Instant createdAt, Instant finishedAt,
                      Double bdRatePercent, Double bitrateAtTargetKbps, Double baselineBitrateAtTargetKbps,
                      double costUsd) {
        this(runId, experimentId, status, outcome, message, planner, parentId, hypothesis, sourceHash, evaluationHash,
                createdAt, finishedAt, bdRatePercent, bitrateAtTargetKbps, baselineBitrateAtTargetKbps, costUsd, null, null);
    }

    /**
     * Whether the held-out clips confirm the dev BD-rate ({@link HoldoutRule}), or null when it was not evaluated on
     * them or the dev BD-rate is unknown. A held-out evaluation without a BD-rate confirms nothing (false).
     */
    public Boolean holdoutConfirmed() {
        if (bdRatePercent == null || (holdoutBdRatePercent == null && holdoutRatio == null)) {
            return null;
        }
        return holdoutBdRatePercent != null && HoldoutRule.confirms(bdRatePercent, holdoutBdRatePercent);
    }

    /** Bitrate at target / x264's (1.0 = as good as x264), or null when unknown. */
    public Double ratioToBaseline() {
        return bitrateAtTargetKbps == null || baselineBitrateAtTargetKbps == null || baselineBitrateAtTargetKbps <= 0
                ? null : bitrateAtTargetKbps / baselineBitrateAtTargetKbps;
    }

    /**
     * This experiment as the planner may see it: the held-out numbers removed, and so is a completed experiment's
     * message, which is only ever the note on its promotion (and would tell how it did on the held-out clips).
     */
    public Experiment withoutHoldout() {
        return holdoutBdRatePercent == null && holdoutRatio == null && (!completed() || message == null) ? this
                : new Experiment(runId, experimentId, status, outcome, completed() ? null : message, planner, parentId, hypothesis, sourceHash,
                evaluationHash, createdAt, finishedAt, bdRatePercent, bitrateAtTargetKbps, baselineBitrateAtTargetKbps,
                costUsd, null, null, bdRateOverlapPercent, inputTokens, outputTokens, plannerLog, sourceFingerprint);
    }

    public boolean completed() {
        return status == ExperimentStatus.COMPLETED;
    }
}
