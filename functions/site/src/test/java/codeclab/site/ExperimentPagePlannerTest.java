package codeclab.site;

import codeclab.core.Experiment;
import codeclab.core.ExperimentStatus;
import codeclab.core.OutcomeKind;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** The post of an LLM-planned experiment shows its tokens and cost, the first hypothesis beside the repaired one, and links the trace. */
class ExperimentPagePlannerTest {

    private static final Instant T = Instant.parse("2026-12-01T00:00:00Z");

    static final String TRACE = """
            {"planner":"openai:gpt-4.1/2","endpoint":"http://127.0.0.1:9/v1/chat/completions","prompt":"...",
             "calls":[{"purpose":"first answer","attempt":1,"messages":1,"requestChars":9000,"lastMessage":"...","reservedUsd":0.03,
                       "inputTokens":2100,"outputTokens":800,"usageReported":true,"usd":0.0106,"stopReason":"stop","millis":900,
                       "answer":"HYPOTHESIS: use threads","error":null},
                      {"purpose":"repair: sandbox violation","attempt":1,"messages":3,"requestChars":12000,"lastMessage":"...","reservedUsd":0.04,
                       "inputTokens":3000,"outputTokens":400,"usageReported":false,"usd":0.0092,"stopReason":"stop","millis":700,
                       "answer":"HYPOTHESIS: no threads","error":null}],
             "decisions":["parent e0"],"originalHypothesis":"use threads","hypothesis":"no threads"}
            """;

    @Test
    void tokensCostFirstHypothesisAndTheTraceLinkAreShown() {
        Experiment e = new Experiment("r", "e1", ExperimentStatus.COMPLETED, OutcomeKind.OK, null, "openai:gpt-4.1/2", null,
                "no threads", null, null, T, T, -1.0, 80.0, 100.0, 0.0198, null, null, null, 5100, 1200, "planner/abc", "f");
        String html = ExperimentPage.render(new ExperimentPage.Input(e, "class C {}", null, null, null, null, null, TRACE));
        HtmlCheck.wellFormed(html);

        assertThat(html).contains("$0.0198 · 5,100 in / 1,200 out tokens")
                .contains("First hypothesis</strong> (before the repair): use threads")
                .contains("repair: sandbox violation").contains("3000 / 400 (estimated)")
                .contains("href=\"e1.planner.json\"");
    }

    @Test
    void anExperimentWithoutATraceHasNoPlannerSection() {
        Experiment e = new Experiment("r", "e1", ExperimentStatus.COMPLETED, OutcomeKind.OK, null, "evolutionary/1", null,
                "h", null, null, T, T, -1.0, 80.0, 100.0, 0, null, null);
        String html = ExperimentPage.render(new ExperimentPage.Input(e, "class C {}", null, null, null, null, null));
        assertThat(html).doesNotContain("<h2>Planner</h2>").doesNotContain("tokens");
    }
}
