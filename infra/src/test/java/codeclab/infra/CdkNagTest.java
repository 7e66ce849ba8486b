package codeclab.infra;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.cdklabs.cdknag.AwsSolutionsChecks;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Aspects;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Annotations;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.cxapi.CloudAssembly;
import software.amazon.awscdk.services.s3.Bucket;

/** cdk-nag AwsSolutions on the stack (applied in {@link Synth}); every suppression carries a reason. */
class CdkNagTest {
  private final Synth synth = Synth.defaults();

  @Test
  void stackHasNoUnsuppressedAwsSolutionsErrorsOrWarnings() {
    Annotations a = Annotations.fromStack(synth.stack);
    assertThat(a.findError("*", Match.stringLikeRegexp("AwsSolutions-.*"))).isEmpty();
    assertThat(a.findWarning("*", Match.stringLikeRegexp("AwsSolutions-.*"))).isEmpty();
    assertThat(a.findError("*", Match.anyValue())).isEmpty();
  }

  @Test
  void theChecksActuallyRunAndWouldFlagAnUnhardenedBucket() {
    App app = new App();
    Aspects.of(app).add(new AwsSolutionsChecks());
    Stack stack = new Stack(app, "Control");
    new Bucket(stack, "Plain");
    Annotations a = Annotations.fromStack(stack);
    assertThat(a.findError("*", Match.stringLikeRegexp("AwsSolutions-S1.*"))).isNotEmpty();
    assertThat(a.findError("*", Match.stringLikeRegexp("AwsSolutions-S10.*"))).isNotEmpty();
  }

  @Test
  @SuppressWarnings("unchecked")
  void everySuppressionIsJustifiedInWords() {
    Template t = synth.template;
    int suppressions = 0;
    for (Map<String, Object> resource : t.toJSON().get("Resources") instanceof Map<?, ?> m
        ? ((Map<String, Map<String, Object>>) m).values() : List.<Map<String, Object>>of()) {
      Object metadata = resource.get("Metadata");
      if (!(metadata instanceof Map<?, ?> md) || !(md.get("cdk_nag") instanceof Map<?, ?> nag)) continue;
      for (Map<String, Object> rule : (List<Map<String, Object>>) nag.get("rules_to_suppress")) {
        suppressions++;
        assertThat(rule.get("id").toString()).startsWith("AwsSolutions-");
        assertThat(rule.get("reason").toString()).as("reason for " + rule.get("id")).hasSizeGreaterThan(40);
      }
    }
    assertThat(suppressions).isPositive();
  }

  @Test
  @SuppressWarnings("unchecked")
  void everySuppressionIsOfAFindingThatActuallyFires() {
    // Synth runs the checks with logIgnores: each suppressed finding leaves an info annotation.
    String fired = Annotations.fromStack(synth.stack).findInfo("*", Match.stringLikeRegexp(".*was triggered but suppressed.*"))
        .stream().map(m -> m.getId() + " " + m.getEntry().getData()).toList().toString();
    Map<String, Map<String, Object>> resources = (Map<String, Map<String, Object>>) synth.template.toJSON().get("Resources");
    Map<String, String> paths = new java.util.HashMap<>();
    for (software.constructs.IConstruct c : synth.stack.getNode().findAll()) {
      if (c instanceof software.amazon.awscdk.CfnElement e) paths.put(synth.stack.getLogicalId(e), c.getNode().getPath());
    }
    int checked = 0;
    for (Map.Entry<String, Map<String, Object>> entry : resources.entrySet()) {
      if (!(entry.getValue().get("Metadata") instanceof Map<?, ?> md) || !(md.get("cdk_nag") instanceof Map<?, ?> nag)) continue;
      String path = paths.get(entry.getKey());
      for (Map<String, Object> rule : (List<Map<String, Object>>) nag.get("rules_to_suppress")) {
        assertThat(fired).as(path + " suppresses " + rule.get("id"))
            // Suppressions on a role apply to its children (the DefaultPolicy): match under the construct.
            .containsPattern("/" + java.util.regex.Pattern.quote(path.replaceFirst("/Resource$", "")) + "[/ ][^,]*"
                + rule.get("id") + " was triggered");
        checked++;
      }
    }
    assertThat(checked).isPositive();
  }

  @Test
  @SuppressWarnings("unchecked")
  void theSiteSuppressesOnlyGeoWafAndDefaultCertificateFindingsAndLogsAccess() {
    Map<String, Object> dist = synth.template.findResources("AWS::CloudFront::Distribution").values().iterator().next();
    List<Map<String, Object>> rules = (List<Map<String, Object>>) ((Map<String, Object>) ((Map<String, Object>)
        dist.get("Metadata")).get("cdk_nag")).get("rules_to_suppress");
    assertThat(rules.stream().map(r -> r.get("id").toString()))
        .containsExactlyInAnyOrder("AwsSolutions-CFR1", "AwsSolutions-CFR2", "AwsSolutions-CFR4");
  }

  @Test
  void cloudFormationSchemaValidationFoundNothing() throws Exception {
    CloudAssembly assembly = synth.app.synth();
    Path report = Path.of(assembly.getDirectory(), "validation-report.json");
    if (Files.exists(report)) {
      assertThat(Files.readString(report)).doesNotContain("\"ruleName\"");
    }
  }
}
