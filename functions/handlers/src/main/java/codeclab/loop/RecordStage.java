package codeclab.loop;

import codeclab.core.Evaluation;
import codeclab.core.Experiment;
import codeclab.core.ExperimentStatus;
import codeclab.core.HoldoutRule;
import codeclab.core.OutcomeKind;
import codeclab.loop.Events.RecordEvent;
import codeclab.loop.Events.Recorded;
import codeclab.store.ArtifactStore;
import codeclab.store.ExperimentIds;
import codeclab.store.ExperimentStore;
import codeclab.store.FinalResult;
import codeclab.store.RecordResult;

import java.time.Clock;
import java.time.Instant;
import java.util.Objects;

/**
 * Step 4, record: moves the experiment to its final status with one conditional write and counts it once, whatever
 * path led here (success, a failed validation or execution, a Catch with the task's error), then runs the
 * {@link LoopService.AfterRecord} hook (the site post), whose failures never fail the record.
 */
final class RecordStage {

    private static final System.Logger LOG = System.getLogger(RecordStage.class.getName());

    private final ExperimentStore store;
    private final ArtifactStore artifacts;
    private final String plannerId;
    private final LoopConfig config;
    private final Clock clock;
    private final StageTimer timer;
    private final LoopService.AfterRecord afterRecord;

    RecordStage(ExperimentStore store, ArtifactStore artifacts, String plannerId, LoopConfig config, Clock clock,
                StageTimer timer, LoopService.AfterRecord afterRecord) {
        this.store = store;
        this.artifacts = artifacts;
        this.plannerId = plannerId;
        this.config = config;
        this.clock = clock;
        this.timer = timer;
        this.afterRecord = Objects.requireNonNull(afterRecord, "afterRecord");
    }

    Recorded record(RecordEvent event) {
        LoopService.requireId("runId", event.runId());
        String runId = store.resolveRun(event.runId());
        long start = System.nanoTime();
        String experimentId = event.experimentId();
        if (experimentId == null) {
            // Plan itself failed before it could write anything: record the failure as an experiment of its own.
            Instant now = clock.instant();
            store.ensureRun(runId, now);
            experimentId = ExperimentIds.next(now);
            store.plan(new Experiment(runId, experimentId, ExperimentStatus.PLANNED, null, null, plannerId,
                    null, null, null, null, now, null, null, null, null, 0));
        }
        FinalResult result = finalResult(event);
        RecordResult r = store.finish(runId, experimentId, result, "record:" + experimentId);
        timer.done(StageListener.Stage.RECORD, runId, experimentId, start, result.outcome().name(), r.replay());
        Recorded recorded = new Recorded(runId, experimentId, r.experiment().status().name(), r.replay());
        try {
            afterRecord.recorded(recorded);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "after recording " + experimentId + " of run " + runId
                    + " (recorded " + recorded.status() + "; only the follow-up failed, e.g. its site post): " + e, e);
        }
        return recorded;
    }

    private FinalResult finalResult(RecordEvent e) {
        if (e.error() != null) {
            OutcomeKind kind = "States.Timeout".equals(e.error().error()) ? OutcomeKind.TIMEOUT : OutcomeKind.INTERNAL_ERROR;
            return FinalResult.failure(kind, errorMessage(e.error()));
        }
        if (e.validation() == null) {
            return FinalResult.failure(OutcomeKind.INTERNAL_ERROR, "record reached without a validation result");
        }
        if (!e.validation().valid()) {
            return FinalResult.failure(outcome(e.validation().outcome()), e.validation().message());
        }
        if (e.execution() == null) {
            return FinalResult.failure(OutcomeKind.INTERNAL_ERROR, "record reached without an execution result");
        }
        OutcomeKind kind = outcome(e.execution().outcome());
        if (kind != OutcomeKind.OK) {
            return FinalResult.failure(kind, e.execution().message());
        }
        String key = e.execution().evaluationKey();
        Evaluation ev = Json.read(artifacts.getString(key), Evaluation.class);
        FinalResult dev = FinalResult.ok(ev.bdRatePercent(), ev.bitrateAtTargetKbps(), ev.baselineBitrateAtTargetKbps(), key);
        Evaluation holdout = e.execution().holdoutKey() == null ? null
                : Json.read(artifacts.getString(e.execution().holdoutKey()), Evaluation.class);
        return withHoldout(dev, holdout, config.holdout().isPresent(), e.execution().message());
    }

    /**
     * The promotion rule: with a held-out set configured, a result may become the run's best only when it was
     * evaluated on the held-out clips and {@link HoldoutRule} confirms its dev ratio there. A result that was not a
     * candidate (its dev ratio was not below the best when planned) is simply not promotable; one that was gets a
     * note saying why it was not promoted. Without a held-out set, every result is promotable as before.
     *
     * @param holdout        the held-out evaluation, or null when there is none
     * @param holdoutFailure why the held-out evaluation failed, or null
     */
    static FinalResult withHoldout(FinalResult dev, Evaluation holdout, boolean holdoutEnabled, String holdoutFailure) {
        if (!holdoutEnabled || dev.ratio() == null) {
            return dev;
        }
        if (holdout == null) {
            return dev.withHoldout(null, null, false, holdoutFailure == null ? null : "not promoted: " + holdoutFailure);
        }
        Double ratio = holdout.ratioToBaseline();
        if (ratio == null) {
            return dev.withHoldout(holdout.bdRatePercent(), null, false,
                    "not promoted: did not reach the target quality on every held-out clip");
        }
        if (!HoldoutRule.confirms(dev.ratio(), ratio)) {
            return dev.withHoldout(holdout.bdRatePercent(), ratio, false, String.format(java.util.Locale.ROOT,
                    "not promoted: held-out ratio %.3f is more than %.2fx the dev ratio %.3f (fitted to the dev clips?)",
                    ratio, HoldoutRule.TOLERANCE, dev.ratio()));
        }
        return dev.withHoldout(holdout.bdRatePercent(), ratio, true, null);
    }

    /** "Error: message": a Lambda error's Cause is a JSON document with errorMessage; other causes are plain text. */
    static String errorMessage(Events.TaskError error) {
        String cause = Objects.requireNonNullElse(error.cause(), "");
        if (cause.startsWith("{")) {
            try {
                com.fasterxml.jackson.databind.JsonNode doc = Json.MAPPER.readTree(cause);
                if (doc.hasNonNull("errorMessage")) {
                    cause = doc.get("errorMessage").asText();
                }
            } catch (com.fasterxml.jackson.core.JsonProcessingException notJson) {
                // keep the cause as it came
            }
        }
        return error.error() + ": " + cause;
    }

    private static OutcomeKind outcome(String name) {
        try {
            return OutcomeKind.valueOf(name);
        } catch (IllegalArgumentException | NullPointerException e) {
            return OutcomeKind.INTERNAL_ERROR;
        }
    }

}
