package codeclab.planner.llm;

import java.util.Locale;
import java.util.Set;

/**
 * What a model call asks for besides the conversation.
 *
 * @param maxTokens       output token limit of one answer (reasoning tokens included for reasoning models); also the
 *                        worst case the budget reserves for
 * @param temperature     sampling temperature, or null to send none (reasoning models reject one)
 * @param reasoningEffort OpenAI-compatible {@code reasoning_effort} (low, medium, high), or null; when set the request
 *                        uses {@code max_completion_tokens} and no temperature, as o-series and gpt-5 models require
 * @param thinkingBudget  Bedrock (Anthropic models) extended-thinking budget in tokens, or null; must be below
 *                        {@code maxTokens}; thinking models take no temperature
 */
public record ChatOptions(int maxTokens, Double temperature, String reasoningEffort, Integer thinkingBudget) {

    static final Set<String> EFFORTS = Set.of("minimal", "low", "medium", "high");

    public ChatOptions {
        if (maxTokens < 256 || maxTokens > 200_000) {
            throw new IllegalArgumentException("max tokens must be 256..200000, got " + maxTokens + " (--max-tokens)");
        }
        if (temperature != null && !(temperature >= 0 && temperature <= 2)) {
            throw new IllegalArgumentException("temperature must be 0..2 or 'none', got " + temperature + " (--temperature)");
        }
        if (reasoningEffort != null) {
            reasoningEffort = reasoningEffort.strip().toLowerCase(Locale.ROOT);
            if (!EFFORTS.contains(reasoningEffort)) {
                throw new IllegalArgumentException("reasoning effort must be one of " + EFFORTS + ", got '" + reasoningEffort
                        + "' (--reasoning-effort)");
            }
            if (temperature != null) {
                throw new IllegalArgumentException("reasoning models take no temperature: use --temperature none with --reasoning-effort");
            }
        }
        if (thinkingBudget != null) {
            if (thinkingBudget < 1024 || thinkingBudget >= maxTokens) {
                throw new IllegalArgumentException("thinking budget must be >= 1024 and below max tokens (" + maxTokens
                        + "), got " + thinkingBudget + " (--thinking-budget, --max-tokens)");
            }
            if (temperature != null) {
                throw new IllegalArgumentException("extended thinking takes no temperature: use --temperature none with --thinking-budget");
            }
        }
    }

    /** 8192 output tokens at temperature 0.7: a plain chat model writing one codec file. */
    public static ChatOptions defaults() {
        return new ChatOptions(8192, 0.7, null, null);
    }

    /** Parses a temperature as users type it: a number, or "none"/"" for none. */
    public static Double temperature(String text) {
        if (text == null || text.isBlank() || text.strip().equalsIgnoreCase("none")) {
            return null;
        }
        try {
            return Double.parseDouble(text.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("temperature '" + text + "' is not a number or 'none'");
        }
    }
}
