package codeclab.loop;

import java.time.Duration;
import java.util.Objects;

/** Tells the {@link StageListener} how long a step took, measured from a {@link System#nanoTime()} start. */
record StageTimer(StageListener listener) {

    StageTimer {
        Objects.requireNonNull(listener, "listener");
    }

    void done(StageListener.Stage stage, String runId, String experimentId, long startNanos, String outcome, boolean replay) {
        listener.stageDone(new StageListener.Timing(stage, runId, experimentId,
                Duration.ofNanos(System.nanoTime() - startNanos), outcome, replay));
    }
}
