package codeclab.monitor.source;

import codeclab.core.Experiment;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What the monitor reads from the store. Designed so one hourly run costs O(new items), never O(history):
 * <ul>
 *   <li>{@link #aggregates} is one item read (the run item's atomic counters);</li>
 *   <li>{@link #experimentsSince} pages through <em>final</em> experiments after a cursor, in (finishedAt,
 *       experimentId) order &mdash; on DynamoDB a Query on a sparse index keyed by run and
 *       {@code finishedAt#experimentId}, which only final items carry; final items never change, so the
 *       monitor sees each exactly once;</li>
 *   <li>{@link #inFlight} lists the non-final experiments (bounded by the loop's concurrency; a sparse
 *       index that the record stage removes on the final write);</li>
 *   <li>{@link #artifactInventory} is optional and may be expensive; the monitor only asks for it in the
 *       morning digest.</li>
 * </ul>
 * Implementations must set {@code finishedAt} when the final status is written (the record stage is the only
 * writer), so nothing can appear behind a cursor already passed.
 */
public interface MonitorSource {

    /** The run's counters, or empty when the run does not exist. */
    Optional<RunAggregates> aggregates(String runId);

    /**
     * Final experiments of the run strictly after {@code after}, oldest first, at most {@code limit}.
     * The monitor calls again with the last one's cursor until fewer than {@code limit} come back.
     */
    List<Experiment> experimentsSince(String runId, Cursor after, int limit);

    /** Experiments of the run not yet in a final status. */
    List<Experiment> inFlight(String runId);

    /** The run's stored artifact keys and the keys its experiments reference; empty when not supported. */
    default Optional<ArtifactInventory> artifactInventory(String runId) {
        return Optional.empty();
    }

    /**
     * @param stored     keys present in the artifact store for the run
     * @param referenced keys some experiment of the run points at (source and evaluation hashes)
     */
    record ArtifactInventory(Set<String> stored, Set<String> referenced) {
        public ArtifactInventory {
            stored = Set.copyOf(stored);
            referenced = Set.copyOf(referenced);
        }
    }
}
