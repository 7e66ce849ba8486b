package codeclab.site;

import codeclab.core.Experiment;
import codeclab.site.svg.Html;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.Locale;

/** A post's account of the LLM planner's work: the hypothesis it first gave, each model call, and the trace's link. */
final class PlannerSection {

    private static final ObjectMapper JSON = new ObjectMapper();

    private PlannerSection() {
    }

    static void render(StringBuilder b, Experiment e, String traceJson) {
        JsonNode t;
        try {
            t = JSON.readTree(traceJson);
        } catch (java.io.IOException | RuntimeException notJson) {
            b.append("<p class=\"warn\">The planner trace ").append(Html.esc(e.plannerLog())).append(" is not readable JSON.</p>\n");
            return;
        }
        b.append("<h2>Planner</h2>\n");
        String original = t.path("originalHypothesis").asText(null);
        if (original != null && !original.equals(e.hypothesis())) {
            b.append("<p><strong>First hypothesis</strong> (before the repair): ").append(Html.esc(original)).append("</p>\n");
        }
        b.append("<table><caption>Model calls (" + Html.esc(t.path("planner").asText()) + ")</caption><thead><tr>")
                .append("<th>#</th><th>purpose</th><th>attempt</th><th>tokens in / out</th><th>USD</th><th>stop</th><th>error</th></tr></thead><tbody>\n");
        int n = 0;
        for (JsonNode c : t.path("calls")) {
            b.append("<tr><td>").append(++n).append("</td><td>").append(Html.esc(c.path("purpose").asText())).append("</td><td>")
                    .append(c.path("attempt").asInt()).append("</td><td>").append(c.path("inputTokens").asLong()).append(" / ")
                    .append(c.path("outputTokens").asLong()).append(c.path("usageReported").asBoolean() ? "" : " (estimated)")
                    .append("</td><td>").append(String.format(Locale.ROOT, "%.4f", c.path("usd").asDouble())).append("</td><td>")
                    .append(Html.esc(c.path("stopReason").asText(""))).append("</td><td>").append(Html.esc(c.path("error").asText("")))
                    .append("</td></tr>\n");
        }
        b.append("</tbody></table>\n");
        b.append("<p><a class=\"raw\" href=\"").append(Html.esc(e.experimentId())).append(".planner.json\">Planner trace (JSON)</a>: ")
                .append("the prompt, every call's request summary, raw answer and usage, and the decisions.</p>\n");
    }
}
