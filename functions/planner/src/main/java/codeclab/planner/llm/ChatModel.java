package codeclab.planner.llm;

import java.util.List;

/**
 * One chat model endpoint (Bedrock Converse, an OpenAI-compatible server). Implementations make exactly
 * one request per call, without retrying: {@link LlmPlanner} owns retries, budget and repair.
 */
public interface ChatModel {

    /** The model id sent to the endpoint, used for pricing and in messages. */
    String modelId();

    /** Where calls go (a URL or "Bedrock <region>"), named in every error. */
    String endpoint();

    /** What each call asks for (output limit, temperature, reasoning). */
    ChatOptions options();

    /**
     * Sends the conversation and returns the model's answer, or fails within {@code timeout}.
     *
     * @throws LlmException with a one-line message naming the endpoint and what to fix
     */
    ChatReply complete(String system, List<ChatMessage> messages, java.time.Duration timeout) throws LlmException;

    /** One turn of the conversation. */
    record ChatMessage(Role role, String text) {
        public static ChatMessage user(String text) {
            return new ChatMessage(Role.USER, text);
        }

        public static ChatMessage assistant(String text) {
            return new ChatMessage(Role.ASSISTANT, text);
        }
    }

    enum Role { USER, ASSISTANT }

    /**
     * The model's answer.
     *
     * @param text         the answer text (empty when the model said nothing)
     * @param inputTokens  prompt tokens the endpoint billed
     * @param outputTokens answer tokens the endpoint billed
     * @param stopReason   why generation stopped ("end_turn", "max_tokens", "stop", "length"...), or null
     * @param usageReported false when the endpoint sent no token usage (the counts are then 0 and the planner
     *                      bills an estimate, with a warning)
     */
    record ChatReply(String text, long inputTokens, long outputTokens, String stopReason, boolean usageReported) {
        public ChatReply {
            text = text == null ? "" : text;
        }

        public ChatReply(String text, long inputTokens, long outputTokens, String stopReason) {
            this(text, inputTokens, outputTokens, stopReason, true);
        }

        /** True when the endpoint cut the answer at its token limit. */
        public boolean truncated() {
            return "max_tokens".equals(stopReason) || "length".equals(stopReason);
        }
    }
}
