package codeclab.planner.llm;

import java.time.Duration;
import java.util.Objects;

/**
 * Settings of the LLM planner. The three times fit together: one call waits at most {@code callTimeout}, a failed
 * call is retried up to {@code maxAttempts} times, and the whole plan (every call, backoff and follow-up) ends by
 * {@code planTimeout} with a PLANNER_ERROR naming the endpoint; the Plan step's own limit must exceed
 * {@code planTimeout} by the time the loop needs around it (history, compile check, store writes): see DEPLOY.md.
 *
 * @param budgetUsd       run budget: no call starts unless its worst-case cost still fits under it
 * @param price           what the model costs
 * @param maxAttempts     attempts per model call on throttling / 5xx / timeout / malformed body (1 = no retry)
 * @param baseBackoff     first backoff; doubles per attempt, with jitter; a longer Retry-After wins
 * @param maxBackoff      cap of one backoff
 * @param callTimeout     limit of one model call, body included
 * @param planTimeout     limit of one whole plan
 * @param followUps       follow-up calls per plan (diff fallback, repair, truncation, duplicate)
 * @param topPrograms     best programs shown in summary besides the parent
 * @param diversePrograms other programs shown for diversity
 * @param childrenShown   children of the parent shown (tried already)
 * @param exploreRate     probability of taking a parent other than the best
 */
public record LlmConfig(double budgetUsd, ModelPrice price, int maxAttempts, Duration baseBackoff, Duration maxBackoff,
                        Duration callTimeout, Duration planTimeout, int followUps,
                        int topPrograms, int diversePrograms, int childrenShown, double exploreRate) {

    public LlmConfig {
        Objects.requireNonNull(price, "price");
        if (!(budgetUsd >= 0) || maxAttempts < 1 || followUps < 0 || topPrograms < 0 || diversePrograms < 0 || childrenShown < 0) {
            throw new IllegalArgumentException("invalid LLM planner config: budget >= 0, attempts >= 1, counts >= 0");
        }
        if (callTimeout.compareTo(Duration.ofSeconds(1)) < 0 || planTimeout.compareTo(callTimeout) < 0) {
            throw new IllegalArgumentException("the plan timeout (" + planTimeout.toSeconds() + " s, --plan-timeout) must be at"
                    + " least one call timeout (" + callTimeout.toSeconds() + " s, --llm-call-timeout)");
        }
    }

    /** $20, 4 attempts, 2 s..60 s backoff, 180 s per call, 540 s per plan (a 600 s Plan Lambda), 2 follow-ups. */
    public static LlmConfig defaults(ModelPrice price) {
        return new LlmConfig(20.0, price, 4, Duration.ofSeconds(2), Duration.ofSeconds(60), Duration.ofSeconds(180),
                Duration.ofSeconds(540), 2, 3, 2, 4, 0.3);
    }

    public LlmConfig withBudgetUsd(double usd) {
        return new LlmConfig(usd, price, maxAttempts, baseBackoff, maxBackoff, callTimeout, planTimeout, followUps,
                topPrograms, diversePrograms, childrenShown, exploreRate);
    }

    public LlmConfig withPrice(ModelPrice p) {
        return new LlmConfig(budgetUsd, p, maxAttempts, baseBackoff, maxBackoff, callTimeout, planTimeout, followUps,
                topPrograms, diversePrograms, childrenShown, exploreRate);
    }

    public LlmConfig withBackoff(int attempts, Duration base, Duration max) {
        return new LlmConfig(budgetUsd, price, attempts, base, max, callTimeout, planTimeout, followUps,
                topPrograms, diversePrograms, childrenShown, exploreRate);
    }

    public LlmConfig withTimeouts(Duration call, Duration plan) {
        return new LlmConfig(budgetUsd, price, maxAttempts, baseBackoff, maxBackoff, call, plan, followUps,
                topPrograms, diversePrograms, childrenShown, exploreRate);
    }

    public LlmConfig withFollowUps(int n) {
        return new LlmConfig(budgetUsd, price, maxAttempts, baseBackoff, maxBackoff, callTimeout, planTimeout, n,
                topPrograms, diversePrograms, childrenShown, exploreRate);
    }
}
