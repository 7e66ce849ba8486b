package codeclab.planner.llm;

import java.time.Duration;

/**
 * Settings of the LLM planner. {@link #defaults()} are sensible for a hosted model.
 *
 * @param budgetUsd       run budget; planning stops with PLANNER_ERROR "budget spent" once the run's spend reaches it
 * @param price           price per 1k tokens of the model
 * @param maxAttempts     attempts per model call on throttling / 5xx / timeout (1 = no retry)
 * @param baseBackoff     first backoff; doubles per attempt, with full jitter
 * @param maxBackoff      cap of one backoff
 * @param topPrograms     best programs shown in summary besides the parent
 * @param diversePrograms other programs shown for diversity
 * @param failuresShown   recent failures shown with their errors
 * @param exploreRate     probability of taking a parent other than the best
 */
public record LlmConfig(double budgetUsd, ModelPrice price, int maxAttempts, Duration baseBackoff, Duration maxBackoff,
                        int topPrograms, int diversePrograms, int failuresShown, double exploreRate) {

    public LlmConfig {
        if (!(budgetUsd >= 0) || maxAttempts < 1 || topPrograms < 0 || diversePrograms < 0 || failuresShown < 0) {
            throw new IllegalArgumentException("invalid LLM planner config: budget >= 0, attempts >= 1, counts >= 0");
        }
    }

    public static LlmConfig defaults(String modelId) {
        return new LlmConfig(20.0, ModelPrice.defaultFor(modelId), 5, Duration.ofSeconds(2), Duration.ofSeconds(60),
                3, 2, 3, 0.3);
    }

    public LlmConfig withBudgetUsd(double usd) {
        return new LlmConfig(usd, price, maxAttempts, baseBackoff, maxBackoff, topPrograms, diversePrograms, failuresShown, exploreRate);
    }

    public LlmConfig withPrice(ModelPrice p) {
        return new LlmConfig(budgetUsd, p, maxAttempts, baseBackoff, maxBackoff, topPrograms, diversePrograms, failuresShown, exploreRate);
    }

    public LlmConfig withBackoff(int attempts, Duration base, Duration max) {
        return new LlmConfig(budgetUsd, price, attempts, base, max, topPrograms, diversePrograms, failuresShown, exploreRate);
    }
}
