package codeclab.planner;

import codeclab.core.Evaluation;
import codeclab.core.Experiment;
import codeclab.core.OutcomeKind;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/** A {@link History} held in memory, in insertion order (oldest first). For tests and benchmarks. */
public final class InMemoryHistory implements History {

    private final Map<String, Program> programs = new LinkedHashMap<>();
    private final Map<String, String> sources = new LinkedHashMap<>();

    /** Adds (or replaces) an experiment with its evaluation (nullable) and source (nullable). */
    public synchronized InMemoryHistory add(Experiment experiment, Evaluation evaluation, String source) {
        Program p = new Program(experiment, evaluation);
        programs.remove(p.id());
        programs.put(p.id(), p);
        if (source != null) {
            sources.put(p.id(), source);
        }
        return this;
    }

    @Override
    public synchronized List<Program> best(int limit) {
        return programs.values().stream().filter(Program::usable).sorted(Program.BEST_FIRST).limit(limit).toList();
    }

    @Override
    public synchronized List<Program> recent(int limit) {
        return newestFirst().stream().limit(limit).toList();
    }

    @Override
    public synchronized List<Program> failures(int limit) {
        return newestFirst().stream().filter(Program::failed).limit(limit).toList();
    }

    @Override
    public synchronized List<Program> latestFailurePerKind() {
        Set<OutcomeKind> seen = EnumSet.noneOf(OutcomeKind.class);
        return newestFirst().stream().filter(Program::failed).filter(p -> seen.add(p.outcome())).toList();
    }

    @Override
    public synchronized List<Program> children(String parentId, int limit) {
        return newestFirst().stream().filter(p -> Objects.equals(parentId, p.parentId())).limit(limit).toList();
    }

    @Override
    public synchronized Optional<Program> withFingerprint(String fingerprint) {
        return programs.values().stream().filter(p -> p.outcome() != OutcomeKind.DUPLICATE)
                .filter(p -> fingerprint.equals(p.experiment().sourceFingerprint())
                        || p.experiment().sourceFingerprint() == null && sources.containsKey(p.id())
                        && fingerprint.equals(SourceFingerprint.of(sources.get(p.id()))))
                .findFirst();
    }

    private List<Program> newestFirst() {
        return new ArrayList<>(programs.values()).reversed();
    }

    @Override
    public synchronized Optional<Program> program(String experimentId) {
        return Optional.ofNullable(programs.get(experimentId));
    }

    @Override
    public synchronized Optional<String> source(String experimentId) {
        return Optional.ofNullable(sources.get(experimentId));
    }

    @Override
    public synchronized int size() {
        return programs.size();
    }

    @Override
    public synchronized double spentUsd() {
        return programs.values().stream().mapToDouble(p -> p.experiment().costUsd()).sum();
    }
}
