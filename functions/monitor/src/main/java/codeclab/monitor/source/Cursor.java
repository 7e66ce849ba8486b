package codeclab.monitor.source;

import java.time.Instant;
import java.util.Comparator;
import java.util.Objects;

/**
 * Position in a run's stream of <em>finished</em> experiments, ordered by (finishedAt, experimentId).
 * Final experiments never change, so everything after the cursor is exactly what the monitor has not seen.
 *
 * @param finishedAt   finish time of the last experiment seen
 * @param experimentId its id (breaks ties between experiments finished in the same instant)
 */
public record Cursor(Instant finishedAt, String experimentId) implements Comparable<Cursor> {

    /** Before every experiment. */
    public static final Cursor START = new Cursor(Instant.EPOCH, "");

    private static final Comparator<Cursor> ORDER =
            Comparator.comparing(Cursor::finishedAt).thenComparing(Cursor::experimentId);

    public Cursor {
        Objects.requireNonNull(finishedAt, "finishedAt");
        Objects.requireNonNull(experimentId, "experimentId");
    }

    @Override
    public int compareTo(Cursor o) {
        return ORDER.compare(this, o);
    }
}
