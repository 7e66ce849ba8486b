package codeclab.infra;

import java.nio.file.Path;
import software.amazon.awscdk.App;
import software.amazon.awscdk.StackProps;

/**
 * The CDK app (cdk.json: {@code java -cp infra/target/infra.jar codeclab.infra.CodecLabApp}, run from the
 * repo root). Stack name from context {@code stackName} (default CodecLab). The stack is
 * environment-agnostic (account and region come from the deploy credentials), so synth needs no lookups.
 */
public final class CodecLabApp {
  private CodecLabApp() {}

  public static void main(String[] args) {
    App app = new App();
    LabConfig config = LabConfig.fromContext(app.getNode()::tryGetContext, Path.of("").toAbsolutePath());
    Object name = app.getNode().tryGetContext("stackName");
    StackProps.Builder props = StackProps.builder()
        .description("codec-lab: autonomous research loop for video compression");
    new CodecLabStack(app, name == null ? "CodecLab" : name.toString(), props.build(), config);
    app.synth();
  }
}
