package codeclab.planner;

import java.util.List;
import java.util.Optional;

/**
 * Read access to one run's experiments, the only thing a planner knows about the past.
 * The loop implements it over the experiment and artifact stores; {@link InMemoryHistory} serves tests
 * and benchmarks. Lists are never null.
 */
public interface History {

    /**
     * Completed programs (status COMPLETED, whether or not they reach the target quality), best first by the
     * experiment score ({@link Program#BEST_FIRST}: BD-rate, unmeasured last), at most {@code limit}.
     */
    List<Program> best(int limit);

    /** The newest experiments of any outcome, newest first, at most {@code limit}. */
    List<Program> recent(int limit);

    /** The newest failed or invalid experiments (outcome not OK), newest first, at most {@code limit}. */
    List<Program> failures(int limit);

    /**
     * One lesson per failure class: the newest experiment of each outcome other than OK, newest first. Unlike
     * {@link #failures}, a burst of one kind (say endpoint errors) cannot push the others out.
     */
    List<Program> latestFailurePerKind();

    /** Experiments planned from {@code parentId} (its children, whatever their outcome), newest first, at most {@code limit}. */
    List<Program> children(String parentId, int limit);

    /**
     * The first experiment of the run whose source has {@code fingerprint} ({@link SourceFingerprint}), not counting
     * experiments recorded as duplicates themselves.
     */
    Optional<Program> withFingerprint(String fingerprint);

    /** One experiment by id. */
    Optional<Program> program(String experimentId);

    /** The Java source of an experiment, when it had one. */
    Optional<String> source(String experimentId);

    /** Number of experiments in the run so far. */
    int size();

    /** Planner money already spent in the run, in USD. */
    double spentUsd();
}
