package codeclab.infra;

import static org.assertj.core.api.Assertions.assertThat;

import codeclab.infra.Functions.Stage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awscdk.App;
import software.amazon.awscdk.assertions.Annotations;
import software.amazon.awscdk.assertions.Capture;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.services.s3.Bucket;

/** What the CDK app itself does: cdk-nag at synth, the cdk.json feature flags, tags, one metrics space per stack. */
class AppTest {
  @TempDir Path dir;

  private LabConfig.Builder config(String layerContent) throws Exception {
    Path layer = dir.resolve("layer-" + layerContent.hashCode() + ".zip");
    Files.write(layer, ("layer " + layerContent).getBytes());
    return LabConfig.builder().handlersJar(Definitions.placeholderZip(dir.resolve("handlers.jar"))).layerZip(layer);
  }

  private App app() {
    return App.Builder.create().outdir(dir.resolve("cdk.out-" + System.nanoTime()).toString())
        .context(CdkJson.featureFlags()).build();
  }

  @Test
  void theAppRunsCdkNagSoAnUnsuppressedFindingIsAnErrorAtSynth() throws Exception {
    App app = app();
    CodecLabStack stack = CodecLabApp.build(app, "Nagged", config("a").build(), false);
    new Bucket(stack, "Unhardened");
    // Synth itself fails (as `cdk synth` and `cdk deploy` do), naming the finding in its validation report.
    Throwable failure = org.assertj.core.api.Assertions.catchThrowable(app::synth);
    assertThat(failure).hasMessageContaining("Validation failed");
    String report = Files.readString(Path.of(failure.getMessage().replaceAll("(?s).*found in: (\\S+validation-report\\.json).*", "$1")));
    assertThat(report).contains("AwsSolutions-S1", "Nagged/Unhardened");
    // The stack as built has none.
    App clean = app();
    CodecLabStack ok = CodecLabApp.build(clean, "Clean", config("a").build(), false);
    assertThat(Annotations.fromStack(ok).findError("*", Match.anyValue())).isEmpty();
  }

  @Test
  void aChangedLayerAloneIsANewFunctionVersion() throws Exception {
    assertThat(CdkJson.featureFlags()).containsEntry("@aws-cdk/aws-lambda:recognizeLayerVersion", true);
    List<String> versions = new java.util.ArrayList<>();
    for (String layer : List.of("javacv 1", "javacv 2")) {
      CodecLabStack stack = CodecLabApp.build(app(), "Layered", config(layer).build(), false);
      String fn = stack.getLogicalId((software.amazon.awscdk.CfnElement) stack.functions().function(Stage.EXECUTE)
          .getNode().getDefaultChild());
      Map<String, Map<String, Object>> all = Template.fromStack(stack).findResources("AWS::Lambda::Version",
          Map.of("Properties", Map.of("FunctionName", Map.of("Ref", fn))));
      versions.add(all.keySet().iterator().next());
    }
    assertThat(versions.get(1)).as("the execute function's version after only the layer changed").isNotEqualTo(versions.get(0));
  }

  @Test
  void twoStacksInOneAccountNeverShareMetricsAndEveryResourceCarriesTheCostTag() throws Exception {
    App app = app();
    CodecLabStack labA = CodecLabApp.build(app, "LabA", config("a").build(), false);
    CodecLabStack labB = CodecLabApp.build(app, "LabB", config("a").build(), false);
    Template a = Template.fromStack(labA);
    Template b = Template.fromStack(labB);
    for (var pair : List.of(Map.entry("LabA", a), Map.entry("LabB", b))) {
      Template t = pair.getValue();
      Capture env = new Capture();
      t.hasResourceProperties("AWS::Lambda::Function", Map.of("Handler", Stage.MONITOR.handler(),
          "Environment", Map.of("Variables", env)));
      assertThat(((Map<?, ?>) env.asObject()).get(Functions.ENV_METRICS_SERVICE)).isEqualTo(pair.getKey());
      String alarm = t.toJSON().toString();
      assertThat(alarm).contains("{Name=Service, Value=" + pair.getKey() + "}")
          .doesNotContain("{Name=Service, Value=" + Monitoring.SERVICE + "}");
      t.hasResourceProperties("AWS::DynamoDB::Table", Map.of("Tags", Match.arrayWith(List.of(
          Map.of("Key", Monitoring.COST_TAG, "Value", pair.getKey())))));
      t.hasResourceProperties("AWS::Lambda::Function", Map.of("Tags", Match.arrayWith(List.of(
          Map.of("Key", Monitoring.COST_TAG, "Value", pair.getKey())))));
    }
  }
}
