package codeclab.loop;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The small JSON documents the state machine passes between the handlers (see docs/STATE-MACHINE.md).
 * Pointers only: artifact keys and ids, never code or frames.
 */
public final class Events {

    private Events() {
    }

    /** Input of plan: one slot of a generation. */
    public record PlanEvent(String runId, String slot) {
    }

    /**
     * Output of plan, and the state every later step sees. When the planner produced no code,
     * {@code sourceKey} is null and {@code planOutcome}/{@code planMessage} say why. {@code promoteBelow} is the
     * run's best BD-rate (PSNR-Y, percent) when planned (null: no best yet): execute evaluates on the held-out clips
     * only a candidate whose dev BD-rate is below it, since only such a one can become the new best (it only falls).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Planned(String runId, String experimentId, String sourceKey, String planOutcome, String planMessage,
                          Double promoteBelow) {

        /** The planOutcome of a slot that planned nothing (the run is paused): Record writes nothing for it. */
        public static final String SKIPPED = "SKIPPED";

        /** A slot that planned nothing, with why. */
        public static Planned skipped(String runId, String why) {
            return new Planned(runId, null, null, SKIPPED, why, null);
        }

        public Planned(String runId, String experimentId, String sourceKey, String planOutcome, String planMessage) {
            this(runId, experimentId, sourceKey, planOutcome, planMessage, null);
        }
    }

    /** Output of validate (under {@code $.validation}). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Validation(boolean valid, String outcome, String message) {
    }

    /**
     * Output of execute (under {@code $.execution}). {@code holdoutKey} points at the evaluation on the held-out
     * clips when the candidate was one for the run's best; when that evaluation failed, the outcome stays OK (the
     * dev numbers stand) and {@code message} says why.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Execution(String outcome, String evaluationKey, String message, String holdoutKey) {

        public Execution(String outcome, String evaluationKey, String message) {
            this(outcome, evaluationKey, message, null);
        }
    }

    /** What a Catch puts under {@code $.error}. */
    public record TaskError(@JsonProperty("Error") String error, @JsonProperty("Cause") String cause) {
    }

    /**
     * Input of record: the whole state of one slot. Any part may be missing, depending on where it failed.
     * {@code executionId} and {@code startedAt} (the Step Functions execution and its start) come with the slot and
     * survive only when Plan failed, which is when record needs them: to derive the experiment id it creates.
     */
    public record RecordEvent(String runId, String slot, String experimentId, String sourceKey, String planOutcome,
                              String planMessage, Validation validation, Execution execution, TaskError error,
                              String executionId, String startedAt) {

        public RecordEvent(String runId, String slot, String experimentId, String sourceKey, String planOutcome,
                           String planMessage, Validation validation, Execution execution, TaskError error) {
            this(runId, slot, experimentId, sourceKey, planOutcome, planMessage, validation, execution, error, null, null);
        }
    }

    /** Output of record; a skipped slot has no experiment id (and status SKIPPED). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Recorded(String runId, String experimentId, String status, boolean replay) {
    }
}
