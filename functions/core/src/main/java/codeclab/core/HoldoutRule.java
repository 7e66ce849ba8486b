package codeclab.core;

/**
 * When a run's best-so-far is confirmed on the held-out clips (which the planner never sees): its BD-rate there must
 * exist and its rate factor {@code 1 + BD-rate / 100} (the share of x264's bits it needs) must be at most
 * {@link #TOLERANCE} times its rate factor on the dev clips. A codec tuned to the dev clips' content rather than to
 * video in general loses that margin and is not promoted. The margin is relative because the two sets differ in
 * difficulty for x264 as much as for the candidate. Example: dev -10 % (factor 0.90) is confirmed by any held-out
 * BD-rate up to +12.5 % (factor 1.125).
 */
public final class HoldoutRule {

    /** Held-out rate factor / dev rate factor allowed for promotion. */
    public static final double TOLERANCE = 1.25;

    private HoldoutRule() {
    }

    /** True when the held-out BD-rate confirms the dev BD-rate; both in percent vs x264 on PSNR-Y (lower is better). */
    public static boolean confirms(double devBdRatePercent, double holdoutBdRatePercent) {
        return 1 + holdoutBdRatePercent / 100 <= TOLERANCE * (1 + devBdRatePercent / 100);
    }

    /** The worst held-out BD-rate (percent) that still confirms {@code devBdRatePercent}. */
    public static double limit(double devBdRatePercent) {
        return (TOLERANCE * (1 + devBdRatePercent / 100) - 1) * 100;
    }
}
