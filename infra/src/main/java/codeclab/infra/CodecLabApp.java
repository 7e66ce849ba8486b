package codeclab.infra;

import io.github.cdklabs.cdknag.AwsSolutionsChecks;
import io.github.cdklabs.cdknag.NagPackProps;
import java.nio.file.Path;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Aspects;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.Tags;

/**
 * The CDK app (cdk.json: {@code java -cp infra/target/infra.jar codeclab.infra.CodecLabApp}, run from the
 * repo root). Stack name from context {@code stackName} (default CodecLab). The stack is
 * environment-agnostic (account and region come from the deploy credentials), so synth needs no lookups.
 *
 * <p>cdk-nag's AwsSolutions checks run as an Aspect of the app: an unsuppressed finding is an error annotation,
 * which makes {@code cdk synth} and {@code cdk deploy} fail. Every resource carries the cost-allocation tag
 * {@value Monitoring#COST_TAG} = stack name (the AWS Budget filters on it) and {@code project = codec-lab}.
 */
public final class CodecLabApp {
  private CodecLabApp() {}

  public static void main(String[] args) {
    App app = new App();
    LabConfig config = LabConfig.fromContext(app.getNode()::tryGetContext, Path.of("").toAbsolutePath());
    Object name = app.getNode().tryGetContext("stackName");
    build(app, name == null ? "CodecLab" : name.toString(), config, false);
    app.synth();
  }

  /**
   * The stack with its tags, and cdk-nag applied to the whole app.
   *
   * @param logIgnores also annotate each suppressed finding (tests check that every suppression still fires)
   */
  public static CodecLabStack build(App app, String stackName, LabConfig config, boolean logIgnores) {
    Aspects.of(app).add(new AwsSolutionsChecks(NagPackProps.builder().verbose(true).logIgnores(logIgnores).build()));
    CodecLabStack stack = new CodecLabStack(app, stackName, StackProps.builder()
        .description("codec-lab: autonomous research loop for video compression").build(), config);
    tag(stack);
    return stack;
  }

  static void tag(Stack stack) {
    Tags.of(stack).add(Monitoring.COST_TAG, stack.getStackName());
    Tags.of(stack).add("project", "codec-lab");
  }
}
