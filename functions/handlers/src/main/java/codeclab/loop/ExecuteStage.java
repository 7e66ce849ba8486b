package codeclab.loop;

import codeclab.core.CodecSize;
import codeclab.core.Evaluation;
import codeclab.core.OutcomeKind;
import codeclab.harness.Harness;
import codeclab.loop.Events.Execution;
import codeclab.loop.Events.Planned;
import codeclab.sandbox.CompiledCodec;
import codeclab.sandbox.RunFailure;
import codeclab.sandbox.Validator;
import codeclab.media.Clip;
import codeclab.store.ArtifactStore;

import java.util.List;

/**
 * Step 3, execute: runs the RD sweep in the sandbox on the dev clips and stores the evaluation by hash; a candidate
 * for the run's best (dev BD-rate below {@link Planned#promoteBelow()}, or no best yet) is also evaluated on the
 * held-out clips.
 */
final class ExecuteStage {

    private final ArtifactStore artifacts;
    private final Validator validator;
    private final ValidateStage validate;
    private final Harness harness;
    private final ClipProvider clips;
    private final LoopConfig config;
    private final StageTimer timer;

    ExecuteStage(ArtifactStore artifacts, Validator validator, ValidateStage validate, Harness harness, ClipProvider clips,
                 LoopConfig config, StageTimer timer) {
        this.artifacts = artifacts;
        this.validator = validator;
        this.validate = validate;
        this.harness = harness;
        this.clips = clips;
        this.config = config;
        this.timer = timer;
    }

    /** Time kept for x264 on held-out clips not yet in the baseline cache, and for writing the result. */
    static final java.time.Duration HOLDOUT_MARGIN = java.time.Duration.ofSeconds(60);

    /** @param timeLeft the function's remaining time (null: no limit), which the held-out pass must fit in */
    Execution execute(Planned planned, java.time.Duration timeLeft) {
        if (planned.sourceKey() == null) {
            throw new IllegalArgumentException("execute needs a sourceKey; experiment " + planned.experimentId() + " has none");
        }
        long start = System.nanoTime();
        Execution execution = evaluate(planned, timeLeft == null ? Long.MAX_VALUE : start + timeLeft.toNanos());
        timer.done(StageListener.Stage.EXECUTE, planned.runId(), planned.experimentId(), start, execution.outcome(), false);
        return execution;
    }

    private Execution evaluate(Planned planned, long deadlineNanos) {
        CompiledCodec codec;
        try {
            codec = validator.compileAndVerify(validate.source(planned.sourceKey()));
        } catch (Exception e) {
            // Validate passed on the same source: failing now means the two steps disagree, which is our bug.
            return new Execution(OutcomeKind.INTERNAL_ERROR.name(), null, "execute could not compile a validated source: " + e.getMessage());
        }
        try {
            // The codec's size is part of its result (issue 11): class-file bytes and literal data.
            CodecSize size = Validator.size(codec);
            Evaluation evaluation = harness.evaluate(codec, validator.runner(), clips.clips(config.clipSet())).withCodecSize(size);
            String key = artifacts.putString("results", Json.write(evaluation));
            // A candidate for the run's best: its score (BD-rate on PSNR-Y) beats the best when it was planned.
            Double score = evaluation.bdRatePercent();
            boolean candidate = score != null && (planned.promoteBelow() == null || score < planned.promoteBelow());
            if (!candidate || config.holdout().isEmpty()) {
                return new Execution(OutcomeKind.OK.name(), key, null);
            }
            List<Clip> holdoutClips = clips.holdoutClips(config.holdout().get(), config.clipSet());
            java.time.Duration need = config.worstCase(holdoutClips.size()).plus(HOLDOUT_MARGIN);
            long left = deadlineNanos - System.nanoTime();
            if (left < need.toNanos()) {
                return new Execution(OutcomeKind.OK.name(), key, "held-out evaluation skipped: " + left / 1_000_000_000L
                        + " s of the function's time left, its worst case is " + need.toSeconds() + " s");
            }
            try {
                Evaluation holdout = harness.evaluate(codec, validator.runner(), holdoutClips).withCodecSize(size);
                return new Execution(OutcomeKind.OK.name(), key, null, artifacts.putString("results", Json.write(holdout)));
            } catch (RunFailure f) {
                // The dev numbers stand; only the promotion is lost, and record says why.
                return new Execution(OutcomeKind.OK.name(), key, "held-out evaluation failed: " + f.kind() + ": " + f.getMessage());
            }
        } catch (RunFailure f) {
            return new Execution(f.kind().name(), null, f.getMessage());
        }
    }
}
