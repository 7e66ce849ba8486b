package codeclab.loop;

import codeclab.core.Evaluation;
import codeclab.core.Experiment;
import codeclab.core.OutcomeKind;
import codeclab.planner.History;
import codeclab.planner.Program;
import codeclab.store.ArtifactStore;
import codeclab.store.ExperimentStore;

import java.util.List;
import java.util.Optional;

/**
 * A run's history for the planners, read from the experiment store (Queries only) and the artifact store. It shows
 * dev-clip results only: experiments lose their held-out numbers.
 */
final class StoreHistory implements History {

    private final ExperimentStore store;
    private final ArtifactStore artifacts;
    private final String runId;

    StoreHistory(ExperimentStore store, ArtifactStore artifacts, String runId) {
        this.store = store;
        this.artifacts = artifacts;
        this.runId = runId;
    }

    /**
     * Best score first (the byScore index: completed experiments with a BD-rate); when there are fewer than
     * {@code limit}, completed experiments without a BD-rate follow, newest first (null ranks after every measured
     * one, but a completed experiment is still history).
     */
    @Override
    public List<Program> best(int limit) {
        List<Experiment> best = new java.util.ArrayList<>(store.best(runId, limit));
        if (best.size() < limit) {
            store.newest(runId, Math.max(limit * 4, 20)).stream()
                    .filter(e -> e.completed() && e.bdRatePercent() == null)
                    .limit(limit - best.size()).forEach(best::add);
        }
        return best.stream().map(this::program).toList();
    }

    @Override
    public List<Program> recent(int limit) {
        return store.newest(runId, limit).stream().map(this::program).toList();
    }

    @Override
    public List<Program> failures(int limit) {
        return store.newest(runId, Math.max(limit * 4, 20)).stream()
                .filter(e -> e.outcome() != null && e.outcome() != OutcomeKind.OK)
                .limit(limit).map(this::program).toList();
    }

    @Override
    public Optional<Program> program(String experimentId) {
        try {
            return Optional.of(program(store.get(runId, experimentId)));
        } catch (codeclab.store.NotFoundException e) {
            return Optional.empty();
        }
    }

    @Override
    public Optional<String> source(String experimentId) {
        return program(experimentId).map(Program::experiment).map(Experiment::sourceHash).map(artifacts::getString);
    }

    @Override
    public int size() {
        return (int) store.getRun(runId).finished();
    }

    @Override
    public double spentUsd() {
        return store.getRun(runId).costUsdSum();
    }

    /** The dev evaluation only: held-out numbers never reach a planner (they would stop being held out). */
    private Program program(Experiment e) {
        Evaluation evaluation = e.evaluationHash() == null ? null : Json.read(artifacts.getString(e.evaluationHash()), Evaluation.class);
        return new Program(e.withoutHoldout(), evaluation);
    }
}
