package codeclab.planner;

import codeclab.core.Evaluation;
import codeclab.core.Experiment;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

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
        List<Program> all = new ArrayList<>(programs.values());
        return all.reversed().stream().limit(limit).toList();
    }

    @Override
    public synchronized List<Program> failures(int limit) {
        List<Program> all = new ArrayList<>(programs.values());
        return all.reversed().stream().filter(Program::failed).limit(limit).toList();
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
