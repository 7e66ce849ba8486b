package codeclab.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awscdk.App;
import software.amazon.awscdk.StackProps;

class LabConfigTest {
  @Test
  void contextFromCdkJsonAndFromTheCommandLineParseAlike() {
    Path root = Path.of("/repo");
    Map<String, Object> json = Map.of("budgetUsd", 35, "scheduleEnabled", false, "targetPsnrY", 40.5,
        "generationSchedule", "rate(1 hour)", "alertEmail", " a@b.c ");
    Map<String, Object> cli = Map.of("budgetUsd", "35", "scheduleEnabled", "false", "targetPsnrY", "40.5",
        "generationSchedule", "rate(1 hour)", "alertEmail", "a@b.c");
    LabConfig a = LabConfig.fromContext(json::get, root);
    LabConfig b = LabConfig.fromContext(cli::get, root);
    assertThat(a).isEqualTo(b);
    assertThat(a.budgetUsd()).isEqualTo(35);
    assertThat(a.scheduleEnabled()).isFalse();
    assertThat(a.alertEmail()).isEqualTo("a@b.c");
    assertThat(a.handlersJar()).isEqualTo(Path.of("/repo/functions/handlers/target/handlers.jar"));
    assertThat(a.layerZip()).isEqualTo(Path.of("/repo/layers/javacv/target/javacv-layer.zip"));
  }

  @Test
  void defaultsMatchCdkJson() {
    LabConfig c = LabConfig.fromContext(k -> null, Path.of("/r"));
    assertThat(c.generationSchedule()).isEqualTo("rate(10 minutes)");
    assertThat(c.planner()).isEqualTo("evolutionary");
    assertThat(c.generationSize()).isEqualTo(4);
    assertThat(c.retainData()).isTrue();
    assertThat(c.maxLiteralDataBytes()).isEqualTo(16384);
    assertThat(LabConfig.fromContext(java.util.Map.<String, Object>of("maxLiteralDataBytes", "4096")::get, Path.of("/r"))
        .maxLiteralDataBytes()).isEqualTo(4096);
  }

  @Test
  @SuppressWarnings("unchecked")
  void theContextInCdkJsonIsExactlyTheDefaults() throws Exception {
    Map<String, Object> cdkJson = new com.fasterxml.jackson.databind.ObjectMapper()
        .readValue(java.nio.file.Files.readString(Path.of("../cdk.json")), Map.class);
    Map<String, Object> context = (Map<String, Object>) cdkJson.get("context");
    assertThat(LabConfig.fromContext(context::get, Path.of("/r"))).isEqualTo(LabConfig.fromContext(k -> null, Path.of("/r")));
    assertThat(context).containsKeys("llmUrl", "llmSecretId", "seed", "plannerModel");
  }

  @Test
  void badValuesSayWhatIsWrong() {
    assertThatThrownBy(() -> LabConfig.builder().generationSchedule("every 5 minutes").build())
        .hasMessageContaining("generationSchedule").hasMessageContaining("rate(10 minutes)");
    assertThatThrownBy(() -> LabConfig.builder().planner("gpt").build()).hasMessageContaining("evolutionary, bedrock or openai");
    assertThatThrownBy(() -> LabConfig.fromContext(Map.<String, Object>of("scheduleEnabled", "yes")::get, Path.of("/")))
        .hasMessageContaining("scheduleEnabled must be true or false");
    assertThatThrownBy(() -> LabConfig.fromContext(Map.<String, Object>of("budgetUsd", "lots")::get, Path.of("/")))
        .hasMessageContaining("budgetUsd must be a number");
  }

  @Test
  void plannerSettingsFromContext() {
    Map<String, Object> ctx = Map.of("planner", "openai", "plannerModel", "gpt-4.1", "llmUrl", "https://api.openai.com/v1",
        "llmSecretId", "codec-lab/openai", "seed", "42");
    LabConfig c = LabConfig.fromContext(ctx::get, Path.of("/r"));
    assertThat(c.llmUrl()).isEqualTo("https://api.openai.com/v1");
    assertThat(c.llmSecretId()).isEqualTo("codec-lab/openai");
    assertThat(c.seed()).isEqualTo(42);
    assertThat(LabConfig.fromContext(k -> null, Path.of("/r")).seed()).isEqualTo(1);
    assertThat(c.toBuilder().build()).isEqualTo(c);
  }

  @Test
  void llmPlannersSayWhatTheyAreMissing() {
    assertThatThrownBy(() -> LabConfig.builder().planner("bedrock").build()).hasMessageContaining("-c plannerModel=");
    assertThatThrownBy(() -> LabConfig.builder().planner("openai").plannerModel("gpt-4.1").build())
        .hasMessageContaining("-c llmUrl=");
    assertThatThrownBy(() -> LabConfig.builder().llmUrl("api.openai.com").build()).hasMessageContaining("http(s) URL");
    assertThatThrownBy(() -> LabConfig.builder().llmSecretId("my secret").build()).hasMessageContaining("secret name");
    assertThatThrownBy(() -> LabConfig.fromContext(Map.<String, Object>of("seed", "1.5")::get, Path.of("/")))
        .hasMessageContaining("seed must be a whole number");
  }

  @Test
  void synthWithoutTheHandlersJarSaysToBuildFirst(@TempDir Path dir) throws Exception {
    LabConfig c = LabConfig.builder().handlersJar(dir.resolve("missing.jar"))
        .layerZip(Definitions.placeholderZip(dir.resolve("layer.zip"))).build();
    assertThatThrownBy(() -> new CodecLabStack(new App(), "X", StackProps.builder().build(), c))
        .hasMessageContaining("build first: .ci/mvn -DskipTests package").hasMessageContaining("missing.jar");
  }
}
