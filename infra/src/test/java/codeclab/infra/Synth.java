package codeclab.infra;

import io.github.cdklabs.cdknag.AwsSolutionsChecks;
import io.github.cdklabs.cdknag.NagPackProps;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Aspects;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.assertions.Template;

/** One synthesized stack (placeholder code, cdk-nag AwsSolutions applied), shared by the test classes. */
public final class Synth {
  private static Synth defaults;

  public final LabConfig config;
  public final App app;
  public final CodecLabStack stack;
  public final Template template;

  private Synth(LabConfig.Builder config) {
    try {
      Path dir = Files.createTempDirectory("codec-lab-infra-test");
      this.config = config.handlersJar(Definitions.placeholderZip(dir.resolve("handlers.jar")))
          .layerZip(Definitions.placeholderZip(dir.resolve("javacv-layer.zip"))).build();
      // The context of cdk.json (feature flags): tests synthesize what `cdk synth` does.
      app = App.Builder.create().outdir(dir.resolve("cdk.out").toString()).context(CdkJson.featureFlags()).build();
      stack = CodecLabApp.build(app, "CodecLab", this.config, true);
      template = Template.fromStack(stack);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The default config plus an alert email, synthesized once per JVM. */
  public static synchronized Synth defaults() {
    if (defaults == null) defaults = new Synth(LabConfig.builder().alertEmail("ops@example.com"));
    return defaults;
  }

  private static Synth openai;

  /** An openai planner with an endpoint, a secret name and a seed, synthesized once per JVM. */
  static synchronized Synth openai() {
    if (openai == null) openai = new Synth(LabConfig.builder().planner("openai").plannerModel("gpt-4.1")
        .llmUrl("https://api.openai.com/v1").llmSecretId("codec-lab/openai").seed(42).budgetUsd(7.5));
    return openai;
  }

  static Synth with(LabConfig.Builder config) {
    return new Synth(config);
  }
}
