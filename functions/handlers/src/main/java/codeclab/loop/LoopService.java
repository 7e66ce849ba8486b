package codeclab.loop;

import codeclab.core.Evaluation;
import codeclab.core.Experiment;
import codeclab.core.ExperimentStatus;
import codeclab.core.HoldoutRule;
import codeclab.core.OutcomeKind;
import codeclab.harness.Harness;
import codeclab.loop.Events.Execution;
import codeclab.loop.Events.Planned;
import codeclab.loop.Events.RecordEvent;
import codeclab.loop.Events.Recorded;
import codeclab.loop.Events.Validation;
import codeclab.planner.Candidate;
import codeclab.planner.PlanRequest;
import codeclab.planner.Planner;
import codeclab.sandbox.CompiledCodec;
import codeclab.sandbox.RunFailure;
import codeclab.sandbox.ValidationOutcome;
import codeclab.sandbox.Validator;
import codeclab.store.ArtifactStore;
import codeclab.store.ExperimentIds;
import codeclab.store.ExperimentStore;
import codeclab.store.FinalResult;
import codeclab.store.RecordResult;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The four steps of one experiment, as plain Java: the Lambda handlers and the local runner are two
 * doors into this class.
 *
 * <p>Only plan and record touch the experiment store (on AWS the functions that run candidate code have
 * no DynamoDB permission): plan writes the experiment as PLANNED, record moves it to its final status
 * with one conditional write and counts it once. Validate and execute only read artifacts, run the
 * sandbox and write results by content hash.
 */
public final class LoopService {

    private static final System.Logger LOG = System.getLogger(LoopService.class.getName());

    /**
     * Runs after each record (e.g. writing the experiment's post to the site). It may fail: the failure is logged
     * and the record stands, since the experiment is already stored and counted.
     */
    @FunctionalInterface
    public interface AfterRecord {
        AfterRecord NONE = r -> { };

        void recorded(Recorded recorded);
    }

    /**
     * The errors a Catch hands record for a step that ran out of time: the Task's own TimeoutSeconds
     * ({@code States.Timeout}) and Lambda's function timeout ({@code Sandbox.Timedout}), whichever fires first.
     */
    /** Time kept for x264 on held-out clips not yet in the baseline cache, and for writing the result. */
    static final java.time.Duration HOLDOUT_MARGIN = java.time.Duration.ofSeconds(60);

    static final java.util.Set<String> TIMEOUT_ERRORS = java.util.Set.of("States.Timeout", "Sandbox.Timedout");

    private final ExperimentStore store;
    private final ArtifactStore artifacts;
    private final Planner planner;
    private final Validator validator;
    private final Harness harness;
    private final ClipProvider clips;
    private final LoopConfig config;
    private final Clock clock;
    private final AfterRecord afterRecord;
    private final StageListener listener;

    public LoopService(ExperimentStore store, ArtifactStore artifacts, Planner planner, Validator validator,
                       Harness harness, ClipProvider clips, LoopConfig config, Clock clock) {
        this(store, artifacts, planner, validator, harness, clips, config, clock, StageListener.NONE, AfterRecord.NONE);
    }

    /**
     * @param listener    hears the duration and outcome of every step (metrics, benchmarks)
     * @param afterRecord runs after each record (the experiment's site post); its failures never fail the record
     */
    public LoopService(ExperimentStore store, ArtifactStore artifacts, Planner planner, Validator validator,
                       Harness harness, ClipProvider clips, LoopConfig config, Clock clock, StageListener listener,
                       AfterRecord afterRecord) {
        this.listener = Objects.requireNonNull(listener, "listener");
        this.afterRecord = Objects.requireNonNull(afterRecord, "afterRecord");
        this.store = store;
        this.artifacts = artifacts;
        this.planner = planner;
        this.validator = validator;
        this.harness = harness;
        this.clips = clips;
        this.config = config;
        this.clock = clock;
    }

    public ExperimentStore store() {
        return store;
    }

    public ArtifactStore artifacts() {
        return artifacts;
    }

    public LoopConfig config() {
        return config;
    }

    /** The same loop with {@code hook} run after each record. */
    public LoopService withAfterRecord(AfterRecord hook) {
        return new LoopService(store, artifacts, planner, validator, harness, clips, config, clock, listener, hook);
    }

    /** Plans one experiment: asks the planner, stores the source by hash and the experiment as PLANNED. */
    public Planned plan(String requestedRun, String slot) {
        requireId("runId", requestedRun);
        // "current" (what the stack's schedule sends) follows the current-run pointer that fresh-start moves.
        String runId = store.resolveRun(requestedRun);
        long start = System.nanoTime();
        Instant now = clock.instant();
        store.ensureRun(runId, now);
        // Experiments left non-final by a crash or a lost execution are closed before new work starts.
        store.markTimedOut(runId, config.deadline(), now);
        StoreHistory history = new StoreHistory(store, artifacts, runId);
        codeclab.store.RunSummary run = store.getRun(runId);
        int index = (int) run.finished() * 64 + parseSlot(slot);
        List<String> hints = new java.util.ArrayList<>(config.plannerHints());
        hints.addAll(run.plannerHints());
        Candidate c;
        try {
            c = planner.plan(new PlanRequest(runId, config.seed(), index, history, hints, source -> compileError(source)));
        } catch (RuntimeException e) {
            // Planners report expected trouble as a failed candidate; a bug in one still becomes a recorded experiment
            // here, with its id, rather than a Lambda error that reaches Record without one.
            c = Candidate.failed(OutcomeKind.PLANNER_ERROR, "the planner failed: " + e, null, null, planner.id(), null, List.of());
        }
        String sourceKey = c.source() == null ? null : artifacts.putString("code", c.source());
        String message = c.message();
        if (c.rawAnswer() != null) {
            message = message + " (raw answer: " + artifacts.putString("answers", c.rawAnswer()) + ")";
        }
        String id = ExperimentIds.next(now);
        store.plan(new Experiment(runId, id, ExperimentStatus.PLANNED, null, null, c.planner(), c.parentId(),
                c.hypothesis(), sourceKey, null, now, null, null, null, null, c.cost().usd()));
        Planned planned = new Planned(runId, id, sourceKey, c.outcome() == null ? null : c.outcome().name(), message,
                run.bestRatio());
        timed(StageListener.Stage.PLAN, runId, id, start, Objects.requireNonNullElse(planned.planOutcome(), OutcomeKind.OK.name()), false);
        return planned;
    }

    /** Compiles, verifies and smoke-runs the source; a planner failure passes straight through as invalid. */
    public Validation validate(Planned planned) {
        if (planned.sourceKey() == null) {
            return new Validation(false, Objects.requireNonNullElse(planned.planOutcome(), OutcomeKind.PLANNER_ERROR.name()),
                    Objects.requireNonNullElse(planned.planMessage(), "the planner produced no source"));
        }
        long start = System.nanoTime();
        ValidationOutcome outcome = validator.validate(source(planned.sourceKey()));
        timed(StageListener.Stage.VALIDATE, planned.runId(), planned.experimentId(), start, outcome.kind().name(), false);
        return new Validation(outcome.kind() == OutcomeKind.OK, outcome.kind().name(),
                outcome.kind() == OutcomeKind.OK ? null : outcome.message());
    }

    /**
     * Runs the RD sweep in the sandbox on the dev clips and stores the evaluation by hash; a candidate for the run's
     * best (dev ratio below {@link Planned#promoteBelow()}, or no best yet) is also evaluated on the held-out clips.
     */
    public Execution execute(Planned planned) {
        return execute(planned, null);
    }

    /**
     * As {@link #execute(Planned)} within {@code timeLeft} (Lambda's remaining time; null: no limit): the held-out pass
     * only starts when its worst case ({@link LoopConfig#worstCase}) still fits, so a slow candidate returns its dev
     * numbers, unpromoted and saying why, instead of being killed by the function timeout with nothing.
     */
    public Execution execute(Planned planned, java.time.Duration timeLeft) {
        if (planned.sourceKey() == null) {
            throw new IllegalArgumentException("execute needs a sourceKey; experiment " + planned.experimentId() + " has none");
        }
        long start = System.nanoTime();
        Execution execution = executeTimed(planned, timeLeft == null ? Long.MAX_VALUE : start + timeLeft.toNanos());
        timed(StageListener.Stage.EXECUTE, planned.runId(), planned.experimentId(), start, execution.outcome(), false);
        return execution;
    }

    private Execution executeTimed(Planned planned, long deadlineNanos) {
        CompiledCodec codec;
        try {
            codec = validator.compileAndVerify(source(planned.sourceKey()));
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
            List<codeclab.media.Clip> holdoutClips = clips.clips(config.holdout().get());
            java.time.Duration need = config.worstCase(holdoutClips.size()).plus(HOLDOUT_MARGIN);
            long left = deadlineNanos - System.nanoTime();
            if (left < need.toNanos()) {
                return new Execution(OutcomeKind.OK.name(), key, "held-out evaluation skipped: " + left / 1_000_000_000L
                        + " s of the function's time left, its worst case is " + need.toSeconds() + " s");
            }
            try {
                Evaluation holdout = harness.evaluate(codec, validator.runner(), holdoutClips);
                return new Execution(OutcomeKind.OK.name(), key, null, artifacts.putString("results", Json.write(holdout)));
            } catch (RunFailure f) {
                // The dev numbers stand; only the promotion is lost, and record says why.
                return new Execution(OutcomeKind.OK.name(), key, "held-out evaluation failed: " + f.kind() + ": " + f.getMessage());
            }
        } catch (RunFailure f) {
            return new Execution(f.kind().name(), null, f.getMessage());
        }
    }

    /** Moves the experiment to its final status and counts it once, whatever path led here. */
    public Recorded record(RecordEvent event) {
        requireId("runId", event.runId());
        String runId = store.resolveRun(event.runId());
        long start = System.nanoTime();
        String experimentId = event.experimentId();
        if (experimentId == null) {
            // Plan itself failed before it could write anything: record the failure as an experiment of its own, under
            // an id derived from the execution and slot, so that a retried Record finds it instead of adding another.
            Instant now = clock.instant();
            experimentId = planFailureId(event, now);
            store.ensureRun(runId, now);
            if (!exists(runId, experimentId)) {
                store.plan(new Experiment(runId, experimentId, ExperimentStatus.PLANNED, null, null, planner.id(),
                        null, null, null, null, ExperimentIds.createdAt(experimentId), null, null, null, null, 0));
            }
        }
        FinalResult result = finalResult(event);
        RecordResult r = store.finish(runId, experimentId, result, "record:" + experimentId);
        timed(StageListener.Stage.RECORD, runId, experimentId, start, result.outcome().name(), r.replay());
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

    private void timed(StageListener.Stage stage, String runId, String experimentId, long startNanos, String outcome, boolean replay) {
        listener.stageDone(new StageListener.Timing(stage, runId, experimentId,
                java.time.Duration.ofNanos(System.nanoTime() - startNanos), outcome, replay));
    }

    private FinalResult finalResult(RecordEvent e) {
        if (e.error() != null) {
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

    private String source(String key) {
        return new String(artifacts.get(key), StandardCharsets.UTF_8);
    }

    private Optional<String> compileError(String source) {
        try {
            validator.compileAndVerify(source);
            return Optional.empty();
        } catch (Exception e) {
            return Optional.of(e.getMessage());
        }
    }

    private static int parseSlot(String slot) {
        try {
            return slot == null ? 0 : Math.floorMod(Integer.parseInt(slot.strip()), 64);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("slot '" + slot + "' is not a number");
        }
    }

    static void requireId(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("the event has no " + field);
        }
        if (value.length() > 128 || !value.matches("[A-Za-z0-9._:-]+")) {
            throw new IllegalArgumentException(field + " '" + value + "' must be 1-128 characters of letters, digits and ._:-");
        }
    }

    /**
     * Does at init what the first invocation of {@code stage} would otherwise pay for, without touching the store or
     * starting a child process: class loading and JIT of the compiler and the bytecode verifier on a reference codec
     * (plan checks candidates with them too), the JSON of the events and, for EXECUTE, the clip set in memory. Meant
     * for SnapStart's snapshot (see {@code codeclab.handlers.Priming}); safe to call more than once.
     */
    public void prime(StageListener.Stage stage) {
        if (stage != StageListener.Stage.RECORD) {
            for (String name : codeclab.codec.seeds.ReferenceCodecs.names()) {
                Optional<String> error = compileError(codeclab.codec.seeds.ReferenceCodecs.asCandidate(name));
                if (error.isPresent()) {
                    throw new IllegalStateException("priming: reference codec " + name + " does not compile: " + error.get());
                }
            }
        }
        if (stage == StageListener.Stage.EXECUTE) {
            clips.clips(config.clipSet());
            config.holdout().ifPresent(clips::clips);
        }
        Json.read(Json.write(new RecordEvent("prime", "0", "E", "code/x", null, null, new Validation(true, "OK", null),
                new Execution("OK", "results/x", null), null)), RecordEvent.class);
    }

    /** Experiments the monitor and tests look at, newest first. */
    public List<Experiment> newest(String runId, int n) {
        return store.newest(runId, n);
    }
}
