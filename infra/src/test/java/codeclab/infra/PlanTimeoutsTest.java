package codeclab.infra;

import static org.assertj.core.api.Assertions.assertThat;

import codeclab.infra.Functions.Stage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.assertions.Capture;
import software.amazon.awscdk.assertions.Template;

/**
 * The Plan function's times fit together (one call < the plan < the function < the task's backstop), and the LLM
 * planner's price and output settings reach the functions from CDK context.
 */
class PlanTimeoutsTest {

  @Test
  void theLlmTimesNestInsideThePlanFunctionAndItsTask() {
    assertThat(Functions.LLM_CALL_TIMEOUT_S * 3).as("a first answer and two follow-ups").isLessThanOrEqualTo(Functions.PLAN_TIMEOUT_S);
    assertThat(Functions.PLAN_TIMEOUT_S + 60).isLessThanOrEqualTo(Stage.PLAN.timeoutSeconds);
    Capture env = new Capture();
    Synth.defaults().template.hasResourceProperties("AWS::Lambda::Function", Map.of("Handler", Stage.PLAN.handler(),
        "Timeout", Stage.PLAN.timeoutSeconds, "Environment", Map.of("Variables", env)));
    assertThat(env.asObject()).containsEntry("CODEC_LAB_PLAN_TIMEOUT_S", Integer.toString(Functions.PLAN_TIMEOUT_S))
        .containsEntry("CODEC_LAB_LLM_CALL_TIMEOUT_S", Integer.toString(Functions.LLM_CALL_TIMEOUT_S));
  }

  @Test
  void llmPriceAndOutputSettingsComeFromContext() throws Exception {
    Path dir = Files.createTempDirectory("codec-lab-infra-llm");
    LabConfig config = LabConfig.builder().alertEmail("ops@example.com").planner("openai").plannerModel("my-model")
        .llmUrl("https://llm.example/v1")
        .handlersJar(Definitions.placeholderZip(dir.resolve("handlers.jar")))
        .layerZip(Definitions.placeholderZip(dir.resolve("javacv-layer.zip"))).build();
    App app = App.Builder.create().outdir(dir.resolve("cdk.out").toString())
        .context(Map.of("llmPrice", "0.5,1.5", "maxTokens", "16000", "temperature", "none", "reasoningEffort", "high")).build();
    Template t = Template.fromStack(new CodecLabStack(app, "CodecLab", StackProps.builder().build(), config));
    for (Stage s : new Stage[] {Stage.PLAN, Stage.RECORD, Stage.MONITOR}) {
      Capture env = new Capture();
      t.hasResourceProperties("AWS::Lambda::Function", Map.of("Handler", s.handler(), "Environment", Map.of("Variables", env)));
      assertThat(env.asObject()).as(s.id()).containsEntry("CODEC_LAB_LLM_PRICE", "0.5,1.5").containsEntry("CODEC_LAB_MAX_TOKENS", "16000")
          .containsEntry("CODEC_LAB_TEMPERATURE", "none").containsEntry("CODEC_LAB_REASONING_EFFORT", "high");
    }
  }
}
