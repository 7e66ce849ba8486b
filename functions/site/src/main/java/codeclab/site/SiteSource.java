package codeclab.site;

import codeclab.core.Evaluation;
import codeclab.core.Experiment;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What the site reads: a plain, read-only view of the store (experiments and runs) and the artifact store
 * (sources and evaluations by content hash). The local store and the AWS store each implement it; tests use
 * an in-memory one.
 */
public interface SiteSource {

    /** A run as the run list shows it. */
    record Run(String runId, Instant startedAt) {
    }

    /** Every live (not purged) run, newest first. */
    List<Run> runs();

    /** The experiments of a run, newest first (empty for an unknown run). */
    List<Experiment> experimentsNewestFirst(String runId);

    /** The Java source stored under {@code hash}, or empty when it is missing. */
    Optional<String> source(String hash);

    /** The evaluation stored under {@code hash}, or empty when it is missing. */
    Optional<Evaluation> evaluation(String hash);

    /** Purged runs, newest first. */
    List<ArchivePage.ArchivedRun> archivedRuns();
}
