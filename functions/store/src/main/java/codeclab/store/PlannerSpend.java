package codeclab.store;

/**
 * A run's planner money and tokens, kept on the run item by every model call (not only by recorded experiments, so a
 * plan that crashed after paying is still counted).
 *
 * @param spentUsd     settled cost of the calls
 * @param committedUsd spent plus reservations of calls in flight (a crash between reserve and settle leaves its
 *                     reservation here: the budget errs on the safe side)
 * @param inputTokens  billed prompt tokens
 * @param outputTokens billed answer tokens
 * @param calls        model calls settled
 */
public record PlannerSpend(double spentUsd, double committedUsd, long inputTokens, long outputTokens, long calls) {

    public static final PlannerSpend NONE = new PlannerSpend(0, 0, 0, 0, 0);
}
