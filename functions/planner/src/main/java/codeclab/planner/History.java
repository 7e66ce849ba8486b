package codeclab.planner;

import java.util.List;
import java.util.Optional;

/**
 * Read access to one run's experiments, the only thing a planner knows about the past.
 * The store implements it over DynamoDB and the artifact store; {@link InMemoryHistory} serves tests
 * and benchmarks. Lists are never null.
 */
public interface History {

    /** Completed programs, best first ({@link Program#BEST_FIRST}), at most {@code limit}. */
    List<Program> best(int limit);

    /** The newest experiments of any outcome, newest first, at most {@code limit}. */
    List<Program> recent(int limit);

    /** The newest failed or invalid experiments (outcome not OK), newest first, at most {@code limit}. */
    List<Program> failures(int limit);

    /** One experiment by id. */
    Optional<Program> program(String experimentId);

    /** The Java source of an experiment, when it had one. */
    Optional<String> source(String experimentId);

    /** Number of experiments in the run so far. */
    int size();

    /** Planner money already spent in the run, in USD. */
    double spentUsd();
}
