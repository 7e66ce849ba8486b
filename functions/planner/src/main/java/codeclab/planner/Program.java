package codeclab.planner;

import codeclab.core.Evaluation;
import codeclab.core.Experiment;
import codeclab.core.OutcomeKind;

import java.util.Comparator;
import java.util.Objects;

/**
 * One earlier experiment as a planner sees it: the stored record and, when it completed, its full
 * evaluation (RD points per clip). The source is loaded on demand through {@link History#source}.
 *
 * @param experiment the stored record
 * @param evaluation its measurements, or null when it did not complete
 */
public record Program(Experiment experiment, Evaluation evaluation) {

    /** Ranks programs best first: lower BD-rate, then lower bitrate at target; unknown values last. */
    public static final Comparator<Program> BEST_FIRST = Comparator
            .comparing(Program::bdRatePercent, Comparator.nullsLast(Comparator.<Double>naturalOrder()))
            .thenComparing(Program::bitrateAtTargetKbps, Comparator.nullsLast(Comparator.<Double>naturalOrder()))
            .thenComparing(Program::id);

    public Program {
        Objects.requireNonNull(experiment, "experiment");
    }

    public String id() {
        return experiment.experimentId();
    }

    public String parentId() {
        return experiment.parentId();
    }

    public OutcomeKind outcome() {
        return experiment.outcome();
    }

    public String message() {
        return experiment.message();
    }

    /** Completed and measured: the only programs a planner may use as parents. */
    public boolean usable() {
        return experiment.outcome() == OutcomeKind.OK && experiment.completed();
    }

    /** Failed or invalid with an outcome class. */
    public boolean failed() {
        return experiment.outcome() != null && experiment.outcome() != OutcomeKind.OK;
    }

    public Double bdRatePercent() {
        return evaluation != null ? evaluation.bdRatePercent() : experiment.bdRatePercent();
    }

    public Double bitrateAtTargetKbps() {
        return evaluation != null ? evaluation.bitrateAtTargetKbps() : experiment.bitrateAtTargetKbps();
    }
}
