package codeclab.cli;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.PrintStream;
import java.util.Locale;

/** The planner's trace (the {@code planner/} artifact of an experiment) as text: calls, usage, answers, decisions. */
final class PlannerTraceText {

    private PlannerTraceText() {
    }

    static void print(JsonNode trace, PrintStream out) {
        out.println();
        out.println("planner trace (" + trace.path("planner").asText() + " via " + trace.path("endpoint").asText() + ")");
        int n = 0;
        for (JsonNode call : trace.path("calls")) {
            n++;
            out.printf(Locale.ROOT, "  call %d: %s, attempt %d, %d messages, %d chars sent; reserved $%.4f, billed $%.4f, %d in / %d out tokens%s, %d ms%s%n",
                    n, call.path("purpose").asText(), call.path("attempt").asInt(), call.path("messages").asInt(),
                    call.path("requestChars").asLong(), call.path("reservedUsd").asDouble(), call.path("usd").asDouble(),
                    call.path("inputTokens").asLong(), call.path("outputTokens").asLong(),
                    call.path("usageReported").asBoolean() ? "" : " (estimated: no usage reported)", call.path("millis").asLong(),
                    call.path("stopReason").isTextual() ? ", stop " + call.path("stopReason").asText() : "");
            if (call.path("error").isTextual()) {
                out.println("    error: " + call.path("error").asText());
            }
            if (call.path("answer").isTextual()) {
                out.println("    answer:");
                out.println(call.path("answer").asText().strip().indent(6).stripTrailing());
            }
        }
        out.println("  decisions:");
        trace.path("decisions").forEach(d -> out.println("    - " + d.asText()));
    }
}
