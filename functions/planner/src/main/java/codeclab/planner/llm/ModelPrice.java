package codeclab.planner.llm;

import java.util.Locale;

/**
 * USD per 1000 input and output tokens. Defaults are list prices at the time of writing, rounded up;
 * unknown models get a conservative (expensive) default so the budget errs on the safe side.
 */
public record ModelPrice(double inputPer1k, double outputPer1k) {

    public static final ModelPrice CONSERVATIVE = new ModelPrice(0.015, 0.075);

    public ModelPrice {
        if (!(inputPer1k >= 0) || !(outputPer1k >= 0)) {
            throw new IllegalArgumentException("prices must be non-negative");
        }
    }

    public double usd(long inputTokens, long outputTokens) {
        return inputTokens / 1000.0 * inputPer1k + outputTokens / 1000.0 * outputPer1k;
    }

    /** A default price for a Bedrock or OpenAI model id. */
    public static ModelPrice defaultFor(String modelId) {
        String m = modelId.toLowerCase(Locale.ROOT);
        if (m.contains("opus")) return new ModelPrice(0.015, 0.075);
        if (m.contains("sonnet")) return new ModelPrice(0.003, 0.015);
        if (m.contains("haiku")) return new ModelPrice(0.001, 0.005);
        if (m.contains("nova-micro")) return new ModelPrice(0.000035, 0.00014);
        if (m.contains("nova-lite")) return new ModelPrice(0.00006, 0.00024);
        if (m.contains("nova-pro")) return new ModelPrice(0.0008, 0.0032);
        if (m.contains("gpt-4o-mini")) return new ModelPrice(0.00015, 0.0006);
        if (m.contains("gpt-4o")) return new ModelPrice(0.0025, 0.01);
        if (m.contains("llama") || m.contains("mistral") || m.contains("qwen")) return new ModelPrice(0.001, 0.002);
        return CONSERVATIVE;
    }
}
