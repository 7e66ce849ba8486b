package codeclab.planner.llm;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * The LLM planner's user settings, as CLI options and the Plan Lambda's environment name them.
 *
 * @param options     output limit, temperature, reasoning ({@code --max-tokens --temperature --reasoning-effort
 *                    --thinking-budget}; env CODEC_LAB_MAX_TOKENS, CODEC_LAB_TEMPERATURE, CODEC_LAB_REASONING_EFFORT,
 *                    CODEC_LAB_THINKING_BUDGET)
 * @param price       "IN,OUT" USD per million tokens for the model, or null ({@code --price}; CODEC_LAB_LLM_PRICE)
 * @param pricesFile  a price table in front of the defaults, or null ({@code --prices}; CODEC_LAB_LLM_PRICES_FILE)
 * @param callTimeout limit of one model call ({@code --llm-call-timeout}; CODEC_LAB_LLM_CALL_TIMEOUT_S)
 * @param planTimeout limit of one whole plan ({@code --plan-timeout}; CODEC_LAB_PLAN_TIMEOUT_S)
 * @param attempts    attempts per call ({@code --llm-attempts}; CODEC_LAB_LLM_ATTEMPTS)
 */
public record LlmSettings(ChatOptions options, String price, Path pricesFile, Duration callTimeout, Duration planTimeout,
                          int attempts) {

    public LlmSettings {
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(callTimeout, "callTimeout");
        Objects.requireNonNull(planTimeout, "planTimeout");
        if (attempts < 1 || attempts > 10) {
            throw new IllegalArgumentException("attempts per call must be 1..10, got " + attempts + " (--llm-attempts)");
        }
    }

    public static LlmSettings defaults() {
        LlmConfig d = LlmConfig.defaults(new ModelPrice(0, 0));
        return new LlmSettings(ChatOptions.defaults(), null, null, d.callTimeout(), d.planTimeout(), d.maxAttempts());
    }

    /** The settings the Lambda environment gives (unset variables keep the defaults). */
    public static LlmSettings fromEnvironment(Map<String, String> env) {
        LlmSettings d = defaults();
        ChatOptions o = d.options();
        ChatOptions options = new ChatOptions(
                (int) number(env, "CODEC_LAB_MAX_TOKENS", o.maxTokens()),
                env.containsKey("CODEC_LAB_TEMPERATURE") ? ChatOptions.temperature(env.get("CODEC_LAB_TEMPERATURE")) : o.temperature(),
                blankToNull(env.get("CODEC_LAB_REASONING_EFFORT")),
                env.containsKey("CODEC_LAB_THINKING_BUDGET") && !env.get("CODEC_LAB_THINKING_BUDGET").isBlank()
                        ? (int) number(env, "CODEC_LAB_THINKING_BUDGET", 0) : null);
        String file = blankToNull(env.get("CODEC_LAB_LLM_PRICES_FILE"));
        return new LlmSettings(options, blankToNull(env.get("CODEC_LAB_LLM_PRICE")), file == null ? null : Path.of(file),
                Duration.ofSeconds((long) number(env, "CODEC_LAB_LLM_CALL_TIMEOUT_S", d.callTimeout().toSeconds())),
                Duration.ofSeconds((long) number(env, "CODEC_LAB_PLAN_TIMEOUT_S", d.planTimeout().toSeconds())),
                (int) number(env, "CODEC_LAB_LLM_ATTEMPTS", d.attempts()));
    }

    /** The model's price: {@link #price}, else the prices file, else the default table; an unknown model is refused. */
    public ModelPrice priceFor(String modelId) {
        if (price != null) {
            return ModelPrice.parse(price, "given with --price / CODEC_LAB_LLM_PRICE");
        }
        return (pricesFile == null ? PriceTable.defaults() : PriceTable.withFile(pricesFile)).require(modelId);
    }

    /** The planner config for {@code modelId} with this run's budget. */
    public LlmConfig config(String modelId, double budgetUsd) {
        LlmConfig d = LlmConfig.defaults(priceFor(modelId));
        return d.withBudgetUsd(budgetUsd).withTimeouts(callTimeout, planTimeout)
                .withBackoff(attempts, d.baseBackoff(), d.maxBackoff());
    }

    private static double number(Map<String, String> env, String name, double fallback) {
        String v = env.get(name);
        if (v == null || v.isBlank()) {
            return fallback;
        }
        try {
            return Double.parseDouble(v.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("environment variable " + name + "='" + v + "' is not a number");
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
