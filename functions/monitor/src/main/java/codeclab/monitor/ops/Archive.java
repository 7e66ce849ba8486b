package codeclab.monitor.ops;

import java.time.Instant;

/**
 * One archived (purged) run: the manifest stored next to the archive as {@code <archive without .jsonl>.json}.
 *
 * @param archive     name of the JSON Lines archive in the artifact store, {@code archives/<runId>-<stamp>.jsonl}
 * @param runId       the run it holds
 * @param archivedAt  when it was written
 * @param experiments experiment items in it
 * @param artifacts   artifact-index lines in it (distinct keys the run's experiments reference)
 * @param lines       all lines: 1 run item + experiments + artifacts
 * @param bytes       archive size
 * @param sha256      hex SHA-256 of the archive bytes
 */
public record Archive(String archive, String runId, Instant archivedAt, int experiments, int artifacts, int lines,
                     long bytes, String sha256) {
}
