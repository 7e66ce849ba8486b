package codeclab.loop;

import codeclab.core.Experiment;
import codeclab.core.ExperimentStatus;
import codeclab.core.OutcomeKind;
import codeclab.loop.Events.Planned;
import codeclab.planner.Candidate;
import codeclab.planner.PlanRequest;
import codeclab.planner.Planner;
import codeclab.planner.Program;
import codeclab.planner.SourceFingerprint;
import codeclab.store.ArtifactStore;
import codeclab.store.ExperimentIds;
import codeclab.store.ExperimentStore;
import codeclab.store.RunSummary;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Step 1, plan: asks the planner for a candidate, stores its source by hash and the experiment as PLANNED. A planner
 * failure is planned too (without source), so that record can close it with its reason.
 */
final class PlanStage {

    private static final System.Logger LOG = System.getLogger(PlanStage.class.getName());

    private final ExperimentStore store;
    private final ArtifactStore artifacts;
    private final Planner planner;
    private final ValidateStage validate;
    private final LoopConfig config;
    private final Clock clock;
    private final StageTimer timer;

    PlanStage(ExperimentStore store, ArtifactStore artifacts, Planner planner, ValidateStage validate, LoopConfig config,
              Clock clock, StageTimer timer) {
        this.store = store;
        this.artifacts = artifacts;
        this.planner = planner;
        this.validate = validate;
        this.config = config;
        this.clock = clock;
        this.timer = timer;
    }

    /**
     * A paused run plans nothing: the slot is skipped, not recorded. When the planner's budget refuses a call, the run
     * pauses itself: the first slot to hit it records one PLANNER_ERROR saying so, and slots that spent nothing are
     * skipped. A source with the fingerprint of an earlier experiment of the run is planned as DUPLICATE, without a
     * source key for validate: it is not evaluated again.
     */
    Planned plan(String requestedRun, String slot, Instant deadline) {
        LoopService.requireId("runId", requestedRun);
        // "current" (what the stack's schedule sends) follows the current-run pointer that fresh-start moves.
        String runId = store.resolveRun(requestedRun);
        long start = System.nanoTime();
        Instant now = clock.instant();
        store.ensureRun(runId, now);
        // Experiments left non-final by a crash or a lost execution are closed before new work starts.
        store.markTimedOut(runId, config.deadline(), now);
        RunSummary run = store.getRun(runId);
        if (run.paused()) {
            timer.done(StageListener.Stage.PLAN, runId, null, start, Planned.SKIPPED, false);
            return Planned.skipped(runId, "the run is paused" + (run.pauseReason() == null ? "" : ": " + run.pauseReason()));
        }
        StoreHistory history = new StoreHistory(store, artifacts, runId);
        StoreLedger ledger = new StoreLedger(store, runId);
        int index = (int) run.finished() * 64 + parseSlot(slot);
        List<String> hints = new ArrayList<>(config.plannerHints());
        hints.addAll(run.plannerHints());
        Candidate c;
        try {
            c = planner.plan(new PlanRequest(runId, config.seed(), index, history, hints, validate::check, ledger, deadline));
        } catch (RuntimeException e) {
            // Planners report expected trouble as a failed candidate; a bug in one still becomes a recorded experiment
            // here, with its id, rather than a Lambda error that reaches Record without one.
            c = Candidate.failed(OutcomeKind.PLANNER_ERROR, "the planner failed: " + e, null, null, planner.id(), null, List.of());
        }
        if (ledger.refused()) {
            String why = c.isFailure() ? c.message() : "the LLM budget is spent";
            boolean first = store.pause(runId, why);
            // The alert: an ERROR line in the plan log; the monitor sees the run paused with this reason.
            LOG.log(System.Logger.Level.ERROR, "run " + runId + (first ? " paused itself: " : " is paused: ") + why);
            if (!first && c.isFailure() && c.cost().usd() == 0) {
                timer.done(StageListener.Stage.PLAN, runId, null, start, Planned.SKIPPED, false);
                return Planned.skipped(runId, why);
            }
        }
        String sourceKey = c.source() == null ? null : artifacts.putString("code", c.source());
        String fingerprint = c.source() == null ? null : SourceFingerprint.of(c.source());
        String message = c.message();
        if (c.rawAnswer() != null) {
            message = message + " (raw answer: " + artifacts.putString("answers", c.rawAnswer()) + ")";
        }
        String outcome = c.outcome() == null ? null : c.outcome().name();
        Optional<Program> original = fingerprint == null ? Optional.empty() : history.withFingerprint(fingerprint);
        if (original.isPresent()) {
            Program o = original.get();
            outcome = OutcomeKind.DUPLICATE.name();
            message = "duplicate of experiment " + o.id() + " (the same source once comments and layout are ignored; "
                    + (o.outcome() == null ? "still in flight" : "recorded " + o.outcome()) + "): not evaluated again";
        }
        String plannerLog = c.trace() == null ? null : artifacts.putString("planner", Json.write(c.trace()));
        String id = ExperimentIds.next(now);
        store.plan(new Experiment(runId, id, ExperimentStatus.PLANNED, null, null, c.planner(), c.parentId(),
                c.hypothesis(), sourceKey, null, now, null, null, null, null, c.cost().usd(), null, null, null,
                c.cost().inputTokens(), c.cost().outputTokens(), plannerLog, fingerprint));
        // A duplicate keeps its source on the record but hands validate none.
        Planned planned = new Planned(runId, id, original.isPresent() ? null : sourceKey, outcome, message, run.bestBdRate());
        timer.done(StageListener.Stage.PLAN, runId, id, start,
                Objects.requireNonNullElse(planned.planOutcome(), OutcomeKind.OK.name()), false);
        return planned;
    }

    private static int parseSlot(String slot) {
        try {
            return slot == null ? 0 : Math.floorMod(Integer.parseInt(slot.strip()), 64);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("slot '" + slot + "' is not a number");
        }
    }
}
