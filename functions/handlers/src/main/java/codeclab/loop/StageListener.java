package codeclab.loop;

import java.time.Duration;

/**
 * Hears how long each step of an experiment took, with its outcome: the Lambda handlers turn this into
 * CloudWatch metrics, {@code codec-lab run --timings} into a per-stage breakdown. Called on the thread that ran
 * the step; implementations must be thread-safe (slots of a generation run concurrently) and must not throw.
 */
@FunctionalInterface
public interface StageListener {

    /** The steps of one experiment; BASELINE is the x264 curve of one clip, a part of EXECUTE. */
    enum Stage { PLAN, VALIDATE, EXECUTE, BASELINE, RECORD }

    /**
     * @param experimentId null for BASELINE (shared by every experiment of the clip)
     * @param outcome      PLAN: the planner's failure class or OK; VALIDATE/EXECUTE: the outcome class;
     *                     RECORD: the final outcome class; BASELINE: HIT (cached) or MISS (x264 ran)
     * @param replay       RECORD only: the record was a retry of one already counted
     */
    record Timing(Stage stage, String runId, String experimentId, Duration elapsed, String outcome, boolean replay) {

        public double seconds() {
            return elapsed.toNanos() / 1e9;
        }
    }

    void stageDone(Timing timing);

    StageListener NONE = t -> { };
}
