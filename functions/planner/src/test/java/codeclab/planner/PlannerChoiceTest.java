package codeclab.planner;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PlannerChoiceTest {

    @Test
    void anOpenAiPlannerNeedsNoAwsRegionUnlessItsKeyIsASecret() {
        Planner p = new PlannerChoice(PlannerChoice.Kind.OPENAI, "gpt-4.1", "http://127.0.0.1:9/v1", null, 1).create(Map.of());
        assertThat(p.id()).isEqualTo("openai:gpt-4.1/" + codeclab.planner.llm.LlmPlanner.VERSION);
    }

    @Test
    void missingModelOrUrlAndUnknownKindsSayWhatToPass() {
        assertThatThrownBy(() -> new PlannerChoice(PlannerChoice.Kind.BEDROCK, null, null, null, 1)).hasMessageContaining("--model");
        assertThatThrownBy(() -> new PlannerChoice(PlannerChoice.Kind.OPENAI, "gpt-4.1", null, null, 1)).hasMessageContaining("--llm-url");
        assertThatThrownBy(() -> PlannerChoice.kind("gpt")).hasMessageContaining("evolutionary, bedrock or openai");
        assertThat(PlannerChoice.kind("Evolutionary")).isEqualTo(PlannerChoice.Kind.EVOLUTIONARY);
    }
}
