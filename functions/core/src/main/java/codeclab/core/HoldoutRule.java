package codeclab.core;

/**
 * When a run's best-so-far is confirmed on the held-out clips (which the planner never sees): the candidate's
 * bitrate ratio to x264 on the held-out clips must be at most {@link #TOLERANCE} times its ratio on the dev clips.
 * A codec tuned to the dev clips' content rather than to video in general loses that margin and is not promoted.
 * The margin is relative because the two sets differ in difficulty for x264 as much as for the candidate.
 */
public final class HoldoutRule {

    /** Held-out ratio / dev ratio allowed for promotion. */
    public static final double TOLERANCE = 1.25;

    private HoldoutRule() {
    }

    /** True when {@code holdoutRatio} confirms {@code devRatio}; both are bitrate ratios to x264 (lower is better). */
    public static boolean confirms(double devRatio, double holdoutRatio) {
        return holdoutRatio <= TOLERANCE * devRatio;
    }
}
