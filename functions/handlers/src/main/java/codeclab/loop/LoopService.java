package codeclab.loop;

import codeclab.core.Experiment;
import codeclab.harness.Harness;
import codeclab.loop.Events.Execution;
import codeclab.loop.Events.Planned;
import codeclab.loop.Events.RecordEvent;
import codeclab.loop.Events.Recorded;
import codeclab.loop.Events.Validation;
import codeclab.planner.Planner;
import codeclab.sandbox.Validator;
import codeclab.store.ArtifactStore;
import codeclab.store.ExperimentStore;

import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The four steps of one experiment, as plain Java: the Lambda handlers and the local runner are two doors into this
 * class. Each step lives in its own class, readable top to bottom: {@link PlanStage}, {@link ValidateStage},
 * {@link ExecuteStage}, {@link RecordStage}.
 *
 * <p>Only plan and record touch the experiment store (on AWS the functions that run candidate code have
 * no DynamoDB permission): plan writes the experiment as PLANNED, record moves it to its final status
 * with one conditional write and counts it once. Validate and execute only read artifacts, run the
 * sandbox and write results by content hash.
 */
public final class LoopService {

    /**
     * Runs after each record (e.g. writing the experiment's post to the site). It may fail: the failure is logged
     * and the record stands, since the experiment is already stored and counted.
     */
    @FunctionalInterface
    public interface AfterRecord {
        AfterRecord NONE = r -> { };

        void recorded(Recorded recorded);
    }

    private final ExperimentStore store;
    private final ArtifactStore artifacts;
    private final Planner planner;
    private final Validator validator;
    private final Harness harness;
    private final ClipProvider clips;
    private final LoopConfig config;
    private final Clock clock;
    private final StageListener listener;
    private final PlanStage plan;
    private final ValidateStage validate;
    private final ExecuteStage execute;
    private final RecordStage record;

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
        this.store = store;
        this.artifacts = artifacts;
        this.planner = planner;
        this.validator = validator;
        this.harness = harness;
        this.clips = clips;
        this.config = config;
        this.clock = clock;
        this.listener = Objects.requireNonNull(listener, "listener");
        StageTimer timer = new StageTimer(listener);
        this.validate = new ValidateStage(artifacts, validator, timer);
        this.plan = new PlanStage(store, artifacts, planner, validate, config, clock, timer);
        this.execute = new ExecuteStage(artifacts, validator, validate, harness, clips, config, timer);
        this.record = new RecordStage(store, artifacts, planner.id(), config, clock, timer, afterRecord);
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
        return plan.plan(requestedRun, slot, null);
    }

    /**
     * As {@link #plan(String, String)}, the planner handing its result back by {@code deadline} (the Plan step's own
     * limit minus a margin; null: the planner's own plan timeout).
     */
    public Planned plan(String requestedRun, String slot, java.time.Instant deadline) {
        return plan.plan(requestedRun, slot, deadline);
    }

    /** Compiles, verifies and smoke-runs the source; a planner failure passes straight through as invalid. */
    public Validation validate(Planned planned) {
        return validate.validate(planned);
    }

    /** Runs the RD sweep on the dev clips (and, for a candidate for the run's best, on the held-out clips). */
    public Execution execute(Planned planned) {
        return execute.execute(planned, null);
    }

    /**
     * As {@link #execute(Planned)} within {@code timeLeft} (Lambda's remaining time; null: no limit): the held-out pass
     * only starts when its worst case ({@link LoopConfig#worstCase}) still fits, so a slow candidate returns its dev
     * numbers, unpromoted and saying why, instead of being killed by the function timeout with nothing.
     */
    public Execution execute(Planned planned, java.time.Duration timeLeft) {
        return execute.execute(planned, timeLeft);
    }

    /** Moves the experiment to its final status and counts it once, whatever path led here. */
    public Recorded record(RecordEvent event) {
        return record.record(event);
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
                Optional<String> error = validate.compileError(codeclab.codec.seeds.ReferenceCodecs.asCandidate(name));
                if (error.isPresent()) {
                    throw new IllegalStateException("priming: reference codec " + name + " does not compile: " + error.get());
                }
            }
        }
        if (stage == StageListener.Stage.EXECUTE) {
            checkClips();
        }
        Json.read(Json.write(new RecordEvent("prime", "0", "E", "code/x", null, null, new Validation(true, "OK", null),
                new Execution("OK", "results/x", null), null)), RecordEvent.class);
    }

    /**
     * Loads the dev and held-out clips and checks the held-out rules before anything is recorded: an unknown set, an
     * undecodable clip, a generated or overlapping held-out clip fails here in one line naming the clip and the fix.
     */
    public void checkClips() {
        clips.clips(config.clipSet());
        config.holdout().ifPresent(h -> clips.holdoutClips(h, config.clipSet()));
    }

    /** Experiments the monitor and tests look at, newest first. */
    public List<Experiment> newest(String runId, int n) {
        return store.newest(runId, n);
    }
}
