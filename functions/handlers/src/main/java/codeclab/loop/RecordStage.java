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
        if (experimentId == null && Events.Planned.SKIPPED.equals(event.planOutcome())) {
            // Plan skipped the slot (the run is paused): nothing was planned, so nothing is recorded.
            return new Recorded(runId, null, Events.Planned.SKIPPED, false);
        }
        if (experimentId == null) {
            // Plan itself failed before it could write anything: record the failure as an experiment of its own, under
            // an id derived from the execution and slot, so that a retried Record finds it instead of adding another.
            Instant now = clock.instant();
            experimentId = planFailureId(event, now);
            store.ensureRun(runId, now);
            if (!exists(runId, experimentId)) {
                store.plan(new Experiment(runId, experimentId, ExperimentStatus.PLANNED, null, null, plannerId,
                        null, null, null, null, ExperimentIds.createdAt(experimentId), null, null, null, null, 0));
            }
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

    /**
     * The errors a Catch hands record for a step that ran out of time: the Task's own TimeoutSeconds
     * ({@code States.Timeout}) and Lambda's function timeout ({@code Sandbox.Timedout}), whichever fires first.
     */
    static final java.util.Set<String> TIMEOUT_ERRORS = java.util.Set.of("States.Timeout", "Sandbox.Timedout");

    /**
     * The id of the experiment that records a Plan failure: the execution's start time (so it sorts with its
     * generation) and six characters of a hash of execution id and slot. Without an execution (a direct call), a
     * fresh id.
     */
    static String planFailureId(RecordEvent event, Instant now) {
        if (event.executionId() == null || event.executionId().isBlank() || event.startedAt() == null) {
            return ExperimentIds.next(now);
        }
        Instant started;
        try {
            started = Instant.parse(event.startedAt());
        } catch (java.time.format.DateTimeParseException e) {
            throw new IllegalArgumentException("startedAt '" + event.startedAt() + "' is not an ISO-8601 instant", e);
        }
        return ExperimentIds.derived(started, event.executionId() + "/" + event.slot());
    }

    private boolean exists(String runId, String experimentId) {
        try {
            store.get(runId, experimentId);
            return true;
        } catch (codeclab.store.NotFoundException e) {
            return false;
        }
    }

    private FinalResult finalResult(RecordEvent e) {
        if (e.error() != null) {
            if (e.experimentId() == null && TIMEOUT_ERRORS.contains(e.error().error())) {
                // Plan itself timed out (no experiment id came back): a hung planner endpoint is the planner's
                // failure, never the codec's TIMEOUT. (Other Plan errors without an id are store outages: INTERNAL_ERROR.)
                return FinalResult.failure(OutcomeKind.PLANNER_ERROR, "the Plan step timed out before the planner answered ("
                        + errorMessage(e.error()) + "); check the planner endpoint and that --plan-timeout"
                        + " (CODEC_LAB_PLAN_TIMEOUT_S) is below the Plan function's timeout");
            }
            OutcomeKind kind = TIMEOUT_ERRORS.contains(e.error().error()) ? OutcomeKind.TIMEOUT : OutcomeKind.INTERNAL_ERROR;
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
        FinalResult dev = FinalResult.ok(ev.bdRatePercent(), ev.bitrateAtTargetKbps(), ev.baselineBitrateAtTargetKbps(), key)
                .withOverlap(ev.bdRate(codeclab.core.QualityMetric.PSNR_Y).overlapPercent());
        Evaluation holdout = e.execution().holdoutKey() == null ? null
                : Json.read(artifacts.getString(e.execution().holdoutKey()), Evaluation.class);
        return withHoldout(dev, holdout, config.holdout().isPresent(), e.execution().message());
    }

    /**
     * The promotion rule: with a held-out set configured, a result may become the run's best only when it was
     * evaluated on the held-out clips and {@link HoldoutRule} confirms its dev BD-rate there. A result that was not a
     * candidate (its dev BD-rate was not below the best when planned) is simply not promotable; one that was gets a
     * note saying why it was not promoted. Without a held-out set, every result is promotable as before.
     *
     * @param holdout        the held-out evaluation, or null when there is none
     * @param holdoutFailure why the held-out evaluation failed, or null
     */
    static FinalResult withHoldout(FinalResult dev, Evaluation holdout, boolean holdoutEnabled, String holdoutFailure) {
        if (!holdoutEnabled || dev.bdRatePercent() == null) {
            return dev;
        }
        if (holdout == null) {
            return dev.withHoldout(null, null, false, holdoutFailure == null ? null : "not promoted: " + holdoutFailure);
        }
        Double bd = holdout.bdRatePercent();
        Double ratio = holdout.ratioToBaseline();
        if (bd == null) {
            return dev.withHoldout(null, ratio, false, "not promoted: no BD-rate on the held-out clips ("
                    + holdout.bdRateNote() + ")");
        }
        if (!HoldoutRule.confirms(dev.bdRatePercent(), bd)) {
            return dev.withHoldout(bd, ratio, false, String.format(java.util.Locale.ROOT,
                    "not promoted: held-out BD-rate %+.1f %% is worse than the %+.1f %% that confirms the dev BD-rate"
                            + " %+.1f %% (rate factor within %.2fx; fitted to the dev clips?)",
                    bd, HoldoutRule.limit(dev.bdRatePercent()), dev.bdRatePercent(), HoldoutRule.TOLERANCE));
        }
        return dev.withHoldout(bd, ratio, true, null);
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
