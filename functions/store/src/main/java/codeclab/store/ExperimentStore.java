package codeclab.store;

import codeclab.core.Experiment;
import codeclab.core.ExperimentStatus;
import codeclab.core.OutcomeKind;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Experiments and runs. Every write is conditional: an experiment is created once ({@link #plan}), moves forward from
 * the status the caller expects ({@link #transition}), and is recorded once in a final status ({@link #finish}),
 * which also updates the run's counters exactly once however often it is retried. Lists are key-range reads in
 * experiment-id (creation) order unless stated; nothing reads a whole table.
 */
public interface ExperimentStore {

    /** Creates the run; fails with {@link IllegalStateException} if it exists. */
    RunSummary createRun(String runId, Instant startedAt);

    /** Creates the run unless it exists; returns it either way. */
    RunSummary ensureRun(String runId, Instant startedAt);

    /** @throws NotFoundException when the run does not exist */
    RunSummary getRun(String runId);

    /** All runs (the runs table is small: one item per run). */
    List<RunSummary> listRuns();

    /** Pauses or resumes the loop of a run; resuming clears the pause reason. */
    void setPaused(String runId, boolean paused);

    /**
     * Pauses a running run with the reason (the loop pausing itself, e.g. when the LLM budget is spent).
     *
     * @return true when this call paused it, false when it was paused already (nothing written)
     * @throws NotFoundException when the run does not exist
     */
    boolean pause(String runId, String reason);

    /**
     * Reserves {@code usd} of planner money when the run's spent plus reserved money plus {@code usd} stays within
     * {@code limitUsd} (one conditional write: parallel plans cannot overspend together).
     *
     * @return false, reserving nothing, when it does not fit
     */
    boolean reserveSpend(String runId, double usd, double limitUsd);

    /** Replaces a reservation by what the call cost and adds its tokens to the run's {@link PlannerSpend}. */
    void settleSpend(String runId, double reservedUsd, double actualUsd, long inputTokens, long outputTokens);

    /** Notes for the planner's next prompts (the monitor's FIX_CODE reasons); an empty list clears them. */
    void setPlannerHints(String runId, java.util.List<String> hints);

    /** Stores the monitor's state (opaque JSON) on the run item. */
    void saveMonitorState(String runId, String json);

    /**
     * Stores the monitor's state only if the stored state version is {@code previousVersion} (0: no versioned state
     * yet), then sets it to {@code version}. Two overlapping monitor runs cannot both save.
     *
     * @return false when another writer saved first (nothing written)
     * @throws NotFoundException when the run does not exist
     */
    boolean saveMonitorState(String runId, String json, long previousVersion, long version);

    /** The current run (the default when a command gets no run id), or empty when none was set. */
    java.util.Optional<String> currentRun();

    /** The run a loop or command uses when none is named: the current-run pointer, else this one. */
    String DEFAULT_RUN = "run-1";

    /** The word that asks for the current run (the stack's schedule sends it, so fresh-start needs no redeploy). */
    String CURRENT = "current";

    /** {@code requested} itself, or the current run when it is null, blank or {@value #CURRENT}. */
    default String resolveRun(String requested) {
        return requested == null || requested.isBlank() || CURRENT.equalsIgnoreCase(requested.strip())
                ? currentRun().orElse(DEFAULT_RUN) : requested;
    }

    /** Makes {@code runId} the current run (a pointer item; the run need not exist yet). */
    void setCurrentRun(String runId);

    /**
     * Stores a new experiment in status PLANNED (a planner failure is planned, then {@link #finish}ed).
     *
     * @throws IllegalStateException when the id exists in the run, {@link NotFoundException} when the run does not
     */
    void plan(Experiment experiment);

    /**
     * Moves an experiment forward between non-final statuses, from {@code expected} only, setting {@code fields}
     * (allowed: sourceHash, evaluationHash, message, hypothesis, parentId, planner as String; costUsd, bdRatePercent,
     * bitrateAtTargetKbps, baselineBitrateAtTargetKbps as Number; a null value removes the attribute).
     * Final statuses go through {@link #finish}.
     *
     * @throws ConcurrentTransitionException when the experiment is not in {@code expected}
     * @throws NotFoundException             when it does not exist
     */
    Experiment transition(String runId, String experimentId, ExperimentStatus expected, ExperimentStatus next,
                          Map<String, Object> fields);

    /**
     * Records an experiment's final status (from any non-final status) and counts it in the run's aggregates,
     * exactly once. Retrying with the same {@code idempotencyKey} (e.g. execution id + state name) returns the stored
     * experiment with {@code replay = true}; a different key on an already final experiment throws.
     *
     * @throws ConcurrentTransitionException when it is final already under another key
     * @throws NotFoundException             when the experiment or run does not exist
     */
    RecordResult finish(String runId, String experimentId, FinalResult result, String idempotencyKey);

    /** @throws NotFoundException when it does not exist */
    Experiment get(String runId, String experimentId);

    /** The {@code n} most recently created experiments, newest first. */
    List<Experiment> newest(String runId, int n);

    /** The {@code n} completed experiments with the lowest ratio to x264, best first. */
    List<Experiment> best(String runId, int n);

    /** Experiments recorded with {@code outcome} created after {@code afterExperimentId} (null: all), oldest first. */
    List<Experiment> failuresSince(String runId, OutcomeKind outcome, String afterExperimentId);

    /** Experiments created after {@code afterExperimentId} (null: all), oldest first. */
    List<Experiment> since(String runId, String afterExperimentId);

    /** Every experiment of the run, oldest first. */
    default List<Experiment> all(String runId) {
        return since(runId, null);
    }

    /** Experiments still in a non-final status that were created more than {@code olderThan} before {@code now}. */
    List<Experiment> stuck(String runId, Duration olderThan, Instant now);

    /**
     * Records every {@link #stuck} experiment as TIMED_OUT (outcome TIMEOUT) and returns those this call recorded;
     * one that finishes concurrently keeps its own result.
     */
    List<Experiment> markTimedOut(String runId, Duration olderThan, Instant now);

    /** Deletes the run item and all of its experiments; returns how many experiments were deleted. */
    int deleteRun(String runId);

    /** Writes the run item and its experiments as JSON Lines (DynamoDB JSON, one item per line). */
    void exportRun(String runId, Writer out) throws IOException;

    /** Restores items written by {@link #exportRun}; refuses to overwrite an existing item. Returns the item count. */
    int importRun(Reader in) throws IOException;
}
