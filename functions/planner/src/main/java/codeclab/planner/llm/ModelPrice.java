package codeclab.planner.llm;

import java.util.Locale;

/**
 * USD per million input and output tokens, the unit providers list prices in.
 *
 * @param source where the price comes from (the default table with its date, a prices file, --price), for messages
 */
public record ModelPrice(double inputPerMillion, double outputPerMillion, String source) {

    public ModelPrice {
        if (!(inputPerMillion >= 0) || !(outputPerMillion >= 0) || Double.isInfinite(inputPerMillion) || Double.isInfinite(outputPerMillion)) {
            throw new IllegalArgumentException("prices must be finite and >= 0 USD per million tokens, got "
                    + inputPerMillion + "/" + outputPerMillion);
        }
        source = source == null ? "given" : source;
    }

    public ModelPrice(double inputPerMillion, double outputPerMillion) {
        this(inputPerMillion, outputPerMillion, null);
    }

    public double usd(long inputTokens, long outputTokens) {
        return inputTokens / 1e6 * inputPerMillion + outputTokens / 1e6 * outputPerMillion;
    }

    /** Parses "IN,OUT" (USD per million input and output tokens), e.g. "2,8" for gpt-4.1. */
    public static ModelPrice parse(String text, String source) {
        String[] parts = text == null ? new String[0] : text.strip().split("\\s*[,/]\\s*");
        if (parts.length != 2) {
            throw new IllegalArgumentException("price '" + text + "' must be IN,OUT in USD per million tokens, e.g. 2,8");
        }
        try {
            return new ModelPrice(Double.parseDouble(parts[0]), Double.parseDouble(parts[1]), source);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("price '" + text + "' must be two numbers IN,OUT in USD per million tokens, e.g. 2,8");
        }
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "$%s in / $%s out per million tokens (%s)", plain(inputPerMillion),
                plain(outputPerMillion), source);
    }

    private static String plain(double v) {
        return java.math.BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }
}
