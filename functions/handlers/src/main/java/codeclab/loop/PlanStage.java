package codeclab.loop;

import codeclab.core.Experiment;
import codeclab.core.ExperimentStatus;
import codeclab.core.OutcomeKind;
import codeclab.loop.Events.Planned;
import codeclab.planner.Candidate;
import codeclab.planner.PlanRequest;
import codeclab.planner.Planner;
import codeclab.store.ArtifactStore;
import codeclab.store.ExperimentIds;
import codeclab.store.ExperimentStore;
import codeclab.store.RunSummary;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Step 1, plan: asks the planner for a candidate, stores its source by hash and the experiment as PLANNED. A planner
 * failure is planned too (without source), so that record can close it with its reason.
 */
final class PlanStage {

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

    Planned plan(String requestedRun, String slot) {
        LoopService.requireId("runId", requestedRun);
        // "current" (what the stack's schedule sends) follows the current-run pointer that fresh-start moves.
        String runId = store.resolveRun(requestedRun);
        long start = System.nanoTime();
        Instant now = clock.instant();
        store.ensureRun(runId, now);
        // Experiments left non-final by a crash or a lost execution are closed before new work starts.
        store.markTimedOut(runId, config.deadline(), now);
        StoreHistory history = new StoreHistory(store, artifacts, runId);
        RunSummary run = store.getRun(runId);
        int index = (int) run.finished() * 64 + parseSlot(slot);
        List<String> hints = new ArrayList<>(config.plannerHints());
        hints.addAll(run.plannerHints());
        Candidate c;
        try {
            c = planner.plan(new PlanRequest(runId, config.seed(), index, history, hints, validate::compileError));
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
