package codeclab.planner;

import java.util.List;

/**
 * Everything an LLM plan did, kept as an artifact beside the experiment: every model call with a summary of what was
 * sent, the raw answer, the usage and what it cost, and the planner's decisions. The first answer's hypothesis stays
 * beside the final one when a repair changed it.
 *
 * @param planner            planner id
 * @param endpoint           where the calls went
 * @param prompt             the first user message in full (the system prompt is fixed per planner version: its size is
 *                           in each call)
 * @param calls              model calls in order, failed attempts included
 * @param decisions          the decision log
 * @param originalHypothesis the first hypothesis the model gave, or null
 * @param hypothesis         the hypothesis of the source handed over, or null
 */
public record PlannerTrace(String planner, String endpoint, String prompt, List<Call> calls, List<String> decisions,
                           String originalHypothesis, String hypothesis) {

    public PlannerTrace {
        calls = List.copyOf(calls);
        decisions = List.copyOf(decisions);
    }

    /**
     * One model call.
     *
     * @param purpose       why it was made ("first answer", "repair: sandbox violation", "continue after truncation"...)
     * @param attempt       attempt number of this request (retries of throttling, 5xx, timeouts, malformed bodies)
     * @param messages      conversation turns sent
     * @param requestChars  characters sent (system + turns)
     * @param lastMessage   the last user turn, clipped
     * @param reservedUsd   what the budget reserved before the call (worst case)
     * @param inputTokens   billed prompt tokens (estimated when the endpoint reported none)
     * @param outputTokens  billed answer tokens (estimated when none reported)
     * @param usageReported false when the endpoint sent no usage
     * @param usd           the call's cost
     * @param stopReason    why generation stopped, or null
     * @param millis        wall time of the call
     * @param answer        the raw answer, or null when the call failed
     * @param error         the failure, or null
     */
    public record Call(String purpose, int attempt, int messages, long requestChars, String lastMessage, double reservedUsd,
                       long inputTokens, long outputTokens, boolean usageReported, double usd, String stopReason,
                       long millis, String answer, String error) {
    }
}
