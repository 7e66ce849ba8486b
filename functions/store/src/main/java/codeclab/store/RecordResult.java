package codeclab.store;

import codeclab.core.Experiment;

/**
 * The answer of {@link ExperimentStore#finish}.
 *
 * @param experiment the experiment as stored after the call
 * @param replay     true when this exact record (same idempotency key) had already been applied: nothing was counted
 */
public record RecordResult(Experiment experiment, boolean replay) {
}
