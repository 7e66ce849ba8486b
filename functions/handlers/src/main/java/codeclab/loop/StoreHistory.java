package codeclab.loop;

import codeclab.core.Evaluation;
import codeclab.core.Experiment;
import codeclab.core.ExperimentStatus;
import codeclab.core.OutcomeKind;
import codeclab.planner.History;
import codeclab.planner.Program;
import codeclab.store.ArtifactStore;
import codeclab.store.ExperimentStore;
import codeclab.store.RunSummary;

import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A run's history for the planners, read from the experiment store (Queries only) and the artifact store. It shows
 * dev-clip results only: experiments lose their held-out numbers. The run's experiments are read once per plan (one
 * Query of the run's partition; items are small) and ranked here by the experiment score, so every completed experiment
 * counts whether or not it reached the target quality; evaluations and sources are read only for what is shown.
 */
final class StoreHistory implements History {

    /** {@link Program#BEST_FIRST} on the stored record: BD-rate, then bitrate at target, unknown last, then id. */
    private static final Comparator<Experiment> SCORE = Comparator
            .comparing(Experiment::bdRatePercent, Comparator.nullsLast(Comparator.<Double>naturalOrder()))
            .thenComparing(Experiment::bitrateAtTargetKbps, Comparator.nullsLast(Comparator.<Double>naturalOrder()))
            .thenComparing(Experiment::experimentId);

    private final ExperimentStore store;
    private final ArtifactStore artifacts;
    private final String runId;
    private List<Experiment> all;

    StoreHistory(ExperimentStore store, ArtifactStore artifacts, String runId) {
        this.store = store;
        this.artifacts = artifacts;
        this.runId = runId;
    }

    /** Every experiment of the run, oldest first, read once. */
    private synchronized List<Experiment> all() {
        if (all == null) {
            all = store.all(runId).stream().map(Experiment::withoutHoldout).toList();
        }
        return all;
    }

    private List<Experiment> newestFirst() {
        return all().reversed();
    }

    @Override
    public List<Program> best(int limit) {
        return all().stream().filter(e -> e.status() == ExperimentStatus.COMPLETED && e.outcome() == OutcomeKind.OK)
                .sorted(SCORE).limit(limit).map(this::withEvaluation).toList();
    }

    @Override
    public List<Program> recent(int limit) {
        return store.newest(runId, limit).stream().map(this::withEvaluation).toList();
    }

    @Override
    public List<Program> failures(int limit) {
        return store.newest(runId, Math.max(limit * 4, 20)).stream()
                .filter(e -> e.outcome() != null && e.outcome() != OutcomeKind.OK)
                .limit(limit).map(this::withEvaluation).toList();
    }

    @Override
    public List<Program> latestFailurePerKind() {
        Set<OutcomeKind> seen = EnumSet.noneOf(OutcomeKind.class);
        return newestFirst().stream().filter(e -> e.outcome() != null && e.outcome() != OutcomeKind.OK)
                .filter(e -> seen.add(e.outcome())).map(StoreHistory::record).toList();
    }

    @Override
    public List<Program> children(String parentId, int limit) {
        return newestFirst().stream().filter(e -> Objects.equals(parentId, e.parentId())).limit(limit)
                .map(StoreHistory::record).toList();
    }

    @Override
    public Optional<Program> withFingerprint(String fingerprint) {
        return all().stream().filter(e -> fingerprint.equals(e.sourceFingerprint()) && e.outcome() != OutcomeKind.DUPLICATE)
                .findFirst().map(StoreHistory::record);
    }

    @Override
    public Optional<Program> program(String experimentId) {
        try {
            return Optional.of(withEvaluation(store.get(runId, experimentId).withoutHoldout()));
        } catch (codeclab.store.NotFoundException e) {
            return Optional.empty();
        }
    }

    @Override
    public Optional<String> source(String experimentId) {
        Optional<Experiment> known = all().stream().filter(e -> e.experimentId().equals(experimentId)).findFirst();
        Optional<Experiment> e = known.isPresent() ? known : program(experimentId).map(Program::experiment);
        return e.map(Experiment::sourceHash).map(artifacts::getString);
    }

    @Override
    public int size() {
        return (int) store.getRun(runId).finished();
    }

    @Override
    public double spentUsd() {
        RunSummary run = store.getRun(runId);
        return Math.max(run.plannerSpend().spentUsd(), run.costUsdSum());
    }

    /** The record alone (lists in summary: children, lessons, duplicates). */
    private static Program record(Experiment e) {
        return new Program(e, null);
    }

    /** The dev evaluation only: held-out numbers never reach a planner (they would stop being held out). */
    private Program withEvaluation(Experiment e) {
        Evaluation evaluation = e.evaluationHash() == null ? null : Json.read(artifacts.getString(e.evaluationHash()), Evaluation.class);
        return new Program(e.withoutHoldout(), evaluation);
    }
}
