package codeclab.loop;

import codeclab.core.Evaluation;
import codeclab.core.OutcomeKind;
import codeclab.harness.Harness;
import codeclab.loop.Events.Execution;
import codeclab.loop.Events.Planned;
import codeclab.sandbox.CompiledCodec;
import codeclab.sandbox.RunFailure;
import codeclab.sandbox.Validator;
import codeclab.store.ArtifactStore;

/**
 * Step 3, execute: runs the RD sweep in the sandbox on the dev clips and stores the evaluation by hash; a candidate
 * for the run's best (dev ratio below {@link Planned#promoteBelow()}, or no best yet) is also evaluated on the
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

    Execution execute(Planned planned) {
        if (planned.sourceKey() == null) {
            throw new IllegalArgumentException("execute needs a sourceKey; experiment " + planned.experimentId() + " has none");
        }
        long start = System.nanoTime();
        Execution execution = evaluate(planned);
        timer.done(StageListener.Stage.EXECUTE, planned.runId(), planned.experimentId(), start, execution.outcome(), false);
        return execution;
    }

    private Execution evaluate(Planned planned) {
        CompiledCodec codec;
        try {
            codec = validator.compileAndVerify(validate.source(planned.sourceKey()));
        } catch (Exception e) {
            // Validate passed on the same source: failing now means the two steps disagree, which is our bug.
            return new Execution(OutcomeKind.INTERNAL_ERROR.name(), null, "execute could not compile a validated source: " + e.getMessage());
        }
        try {
            Evaluation evaluation = harness.evaluate(codec, validator.runner(), clips.clips(config.clipSet()));
            String key = artifacts.putString("results", Json.write(evaluation));
            Double ratio = evaluation.ratioToBaseline();
            boolean candidate = ratio != null && (planned.promoteBelow() == null || ratio < planned.promoteBelow());
            if (!candidate || config.holdout().isEmpty()) {
                return new Execution(OutcomeKind.OK.name(), key, null);
            }
            try {
                Evaluation holdout = harness.evaluate(codec, validator.runner(), clips.clips(config.holdout().get()));
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
