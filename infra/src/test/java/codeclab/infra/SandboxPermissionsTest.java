package codeclab.infra;

import static org.assertj.core.api.Assertions.assertThat;

import codeclab.infra.Functions.Stage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awscdk.CfnElement;
import software.amazon.awscdk.assertions.Template;

/**
 * What each function's role may do: the code-running ones their logs, handed objects and results, nothing else;
 * the others exactly the S3 prefixes, model and secret they use.
 */
class SandboxPermissionsTest {
  private final Synth synth = Synth.defaults();
  private final Template t = synth.template;

  private String id(software.constructs.IConstruct c) {
    return synth.stack.getLogicalId((CfnElement) c.getNode().getDefaultChild());
  }

  /** Every statement of every policy attached to the stage's role. */
  private List<Map<String, Object>> statements(Stage stage) {
    return statements(synth, stage);
  }

  private static List<String> actions(Map<String, Object> statement) {
    Object a = statement.get("Action");
    return a instanceof List<?> l ? l.stream().map(Object::toString).toList() : List.of(a.toString());
  }

  @ParameterizedTest
  @EnumSource(value = Stage.class, names = {"VALIDATE", "EXECUTE"})
  void roleHasNoManagedOrInlinePoliciesBeyondTheListedStatements(Stage stage) {
    Map<String, Object> role = t.findResources("AWS::IAM::Role").get(id(synth.stack.functions().role(stage)));
    @SuppressWarnings("unchecked") Map<String, Object> props = (Map<String, Object>) role.get("Properties");
    assertThat(props).doesNotContainKeys("ManagedPolicyArns", "Policies", "PermissionsBoundary");
    assertThat(props.get("AssumeRolePolicyDocument").toString()).contains("lambda.amazonaws.com");
  }

  @ParameterizedTest
  @EnumSource(value = Stage.class, names = {"VALIDATE", "EXECUTE"})
  void allowsExactlyLogsHandedObjectsResultsAndLambdasEniManagement(Stage stage) {
    List<Map<String, Object>> all = statements(stage);
    List<String> allowed = all.stream().filter(s -> "Allow".equals(s.get("Effect")))
        .flatMap(s -> actions(s).stream()).sorted().toList();
    List<String> s3 = stage == Stage.VALIDATE ? List.of("s3:GetObject")
        : List.of("s3:GetObject", "s3:ListBucket", "s3:PutObject");
    List<String> expected = new ArrayList<>(List.of(
        "ec2:AssignPrivateIpAddresses", "ec2:CreateNetworkInterface", "ec2:DeleteNetworkInterface",
        "ec2:DescribeNetworkInterfaces", "ec2:DescribeSubnets", "ec2:UnassignPrivateIpAddresses",
        "logs:CreateLogStream", "logs:PutLogEvents"));
    expected.addAll(s3);
    assertThat(allowed).containsExactlyElementsOf(expected.stream().sorted().toList());
    assertThat(all.toString()).doesNotContain("dynamodb", "sns:", "states:", "events:", "bedrock", "s3:*",
        "s3:DeleteObject", "kms:", "xray:");
  }

  @ParameterizedTest
  @EnumSource(value = Stage.class, names = {"VALIDATE", "EXECUTE"})
  void everyS3GrantHoldsOnlyThroughTheSandboxVpcsEndpoint(Stage stage) {
    String endpoint = "{Ref=" + id(synth.stack.functions().s3Endpoint()) + "}";
    for (Map<String, Object> s : statements(stage)) {
      if (actions(s).stream().anyMatch(a -> a.startsWith("s3:"))) {
        assertThat(s.get("Condition").toString()).as(s.toString()).contains("StringEquals={aws:SourceVpce=" + endpoint + "}");
      }
    }
  }

  private static String join(String arn, String suffix) {
    return "{Fn::Join=[, [" + arn + ", " + suffix + "]]}";
  }

  @ParameterizedTest
  @EnumSource(value = Stage.class, names = {"VALIDATE", "EXECUTE"})
  void logsGoOnlyToTheFunctionsOwnLogGroup(Stage stage) {
    String logGroup = synth.stack.getLogicalId((CfnElement) synth.stack.functions().function(stage)
        .getLogGroup().getNode().getDefaultChild());
    for (Map<String, Object> s : statements(stage)) {
      if (actions(s).stream().anyMatch(a -> a.startsWith("logs:"))) {
        assertThat(s.get("Resource")).isEqualTo(Map.of("Fn::GetAtt", List.of(logGroup, "Arn")));
      }
    }
  }

  @ParameterizedTest
  @EnumSource(value = Stage.class, names = {"VALIDATE", "EXECUTE"})
  void eniActionsAreDeniedToCodeRunningInsideTheFunction(Stage stage) {
    List<Map<String, Object>> denies = statements(stage).stream().filter(s -> "Deny".equals(s.get("Effect"))).toList();
    assertThat(denies).hasSize(1);
    assertThat(actions(denies.get(0))).contains("ec2:CreateNetworkInterface", "ec2:DeleteNetworkInterface");
    assertThat(denies.get(0).get("Condition").toString()).contains("ArnLike", "lambda:SourceFunctionArn", ":function:*");
  }

  @Test
  void storeFunctionsReachTheTablesButTheSandboxedOnesCannot() {
    assertThat(statements(Stage.RECORD).toString()).contains("dynamodb:PutItem", "dynamodb:UpdateItem");
    assertThat(statements(Stage.PLAN).toString()).contains("dynamodb:Query", "s3:PutObject");
    assertThat(statements(Stage.MONITOR).toString()).contains("sns:Publish", "dynamodb:Query").doesNotContain("events:");
    String experiments = id(synth.stack.store().experiments());
    List<Map<String, Object>> onExperiments = statements(Stage.MONITOR).stream()
        .filter(s -> s.get("Resource").toString().contains(experiments)).toList();
    // The stuck-experiment sweep records TIMED_OUT with a conditional UpdateItem; nothing else writes.
    assertThat(onExperiments.stream().flatMap(s -> actions(s).stream()))
        .contains("dynamodb:Query", "dynamodb:UpdateItem").doesNotContain("dynamodb:PutItem", "dynamodb:DeleteItem");
    for (Stage s : List.of(Stage.PLAN, Stage.RECORD, Stage.MONITOR)) {
      assertThat(statements(s).toString()).as(s.id()).doesNotContain("dynamodb:BatchWriteItem", "dynamodb:DeleteItem",
          "dynamodb:GetRecords", "dynamodb:GetShardIterator", "dynamodb:DescribeStream",
          "dynamodb:ListStreams", "dynamodb:ConditionCheckItem", "states:");
    }
    // Only the monitor lists runs (the run list page); plan and record read their run by key.
    assertThat(statements(Stage.PLAN).toString()).doesNotContain("dynamodb:Scan");
    assertThat(statements(Stage.RECORD).toString()).doesNotContain("dynamodb:Scan");
  }

  @Test
  void theMonitorMayPauseTheLoopOnlyWhenAutoPauseIsOn() {
    assertThat(statements(Stage.MONITOR).toString()).doesNotContain("events:");
    Synth on = Synth.with(LabConfig.builder().autoPause(true));
    List<Map<String, Object>> events = statements(on, Stage.MONITOR).stream()
        .filter(s -> s.toString().contains("events:")).toList();
    assertThat(events).singleElement().satisfies(s -> {
      assertThat(actions(s)).containsExactly("events:DisableRule");
      assertThat(s.get("Resource").toString()).contains(id(on.stack.schedules().generationRule()));
    });
  }

  /** Every S3 grant of the role's policies as "action on resource", resources relative to the artifact bucket. */
  private static List<String> s3Grants(Synth synth, Stage stage) {
    String bucket = synth.stack.getLogicalId((CfnElement) synth.stack.artifacts().bucket().getNode().getDefaultChild());
    String arn = "{Fn::GetAtt=[" + bucket + ", Arn]}";
    List<String> out = new ArrayList<>();
    for (Map<String, Object> s : statements(synth, stage)) {
      for (String action : actions(s)) {
        if (!action.startsWith("s3:")) continue;
        assertThat(s.get("Effect")).isEqualTo("Allow");
        Object r = s.get("Resource");
        for (Object res : r instanceof List<?> l ? l : List.of(r)) {
          String text = res.toString().replace("{Fn::Join=[, [" + arn + ", ", "").replace("]]}", "");
          out.add(action + " " + (text.equals(arn) ? "bucket" : text));
        }
      }
    }
    return out.stream().sorted().toList();
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> statements(Synth synth, Stage stage) {
    String role = synth.stack.getLogicalId((CfnElement) synth.stack.functions().role(stage).getNode().getDefaultChild());
    List<Map<String, Object>> out = new ArrayList<>();
    for (Map<String, Object> policy : synth.template.findResources("AWS::IAM::Policy").values()) {
      Map<String, Object> props = (Map<String, Object>) policy.get("Properties");
      if (((List<Object>) props.get("Roles")).contains(Map.of("Ref", role))) {
        out.addAll((List<Map<String, Object>>) ((Map<String, Object>) props.get("PolicyDocument")).get("Statement"));
      }
    }
    return out;
  }

  @Test
  void recordReadsCodeAndResultsAndTheMonitorAlsoListsAndReadsArchivesBothWriteOnlyTheSite() {
    assertThat(s3Grants(synth, Stage.RECORD)).containsExactly(
        "s3:GetObject /code/*", "s3:GetObject /results/*", "s3:PutObject /site/*");
    assertThat(s3Grants(synth, Stage.MONITOR)).containsExactly(
        "s3:GetObject /archives/*", "s3:GetObject /code/*", "s3:GetObject /results/*", "s3:ListBucket bucket",
        "s3:PutObject /site/*");
    assertThat(statements(Stage.MONITOR).toString()).contains("s3:prefix=[archives/, archives/*]");
  }

  @Test
  void planReadsHistoryAndWritesOnlyCodeAndAnswers() {
    assertThat(s3Grants(synth, Stage.PLAN)).containsExactly(
        "s3:GetObject /baselines/*", "s3:GetObject /code/*", "s3:GetObject /results/*",
        "s3:PutObject /answers/*", "s3:PutObject /code/*");
  }

  @ParameterizedTest
  @EnumSource(value = Stage.class, names = {"VALIDATE", "EXECUTE"})
  void sandboxedFunctionsCannotTouchTheSite(Stage stage) {
    assertThat(s3Grants(synth, stage)).containsExactlyElementsOf(stage == Stage.VALIDATE ? List.of("s3:GetObject /code/*")
        : List.of("s3:GetObject /baselines/*", "s3:GetObject /clips/*", "s3:GetObject /code/*", "s3:ListBucket bucket",
            "s3:PutObject /baselines/*", "s3:PutObject /results/*"));
    assertThat(statements(stage).toString()).doesNotContain("site", "secretsmanager");
  }

  @Test
  void bedrockIsGrantedToThePlannerOnlyWhenTheBedrockPlannerIsConfigured() {
    for (Stage s : Stage.values()) assertThat(statements(s).toString()).doesNotContain("bedrock");
    Synth bedrock = Synth.with(LabConfig.builder().planner("bedrock").plannerModel("anthropic.claude-3-5-sonnet-20240620-v1:0"));
    List<Map<String, Object>> invoke = statements(bedrock, Stage.PLAN).stream()
        .filter(s -> s.toString().contains("bedrock")).toList();
    assertThat(invoke).hasSize(1);
    assertThat(actions(invoke.get(0))).containsExactly("bedrock:InvokeModel");
    assertThat(invoke.get(0).get("Resource")).isEqualTo(Map.of("Fn::Join", List.of("", List.of(
        "arn:", Map.of("Ref", "AWS::Partition"), ":bedrock:", Map.of("Ref", "AWS::Region"),
        "::foundation-model/anthropic.claude-3-5-sonnet-20240620-v1:0"))));
    for (Stage s : List.of(Stage.VALIDATE, Stage.EXECUTE, Stage.RECORD, Stage.MONITOR)) {
      assertThat(statements(bedrock, s).toString()).as(s.id()).doesNotContain("bedrock");
    }
  }

  @Test
  void aCrossRegionInferenceProfileAlsoReachesItsModelInTheRegionsItRoutesTo() {
    software.amazon.awscdk.Stack stack = synth.stack;
    List<String> arns = Functions.bedrockResources(stack, "eu.anthropic.claude-sonnet-4-20250514-v1:0").stream()
        .map(a -> stack.resolve(a).toString()).toList();
    assertThat(arns).hasSize(2);
    assertThat(arns.get(0)).contains(":bedrock:", "AWS::Region", "AWS::AccountId",
        ":inference-profile/eu.anthropic.claude-sonnet-4-20250514-v1:0");
    assertThat(arns.get(1)).contains(":bedrock:*::foundation-model/anthropic.claude-sonnet-4-20250514-v1:0");
    assertThat(Functions.bedrockResources(stack, "arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/x"))
        .containsExactly("arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/x");
  }

  @Test
  void theLlmSecretIsReadableByThePlannerOnlyAndOnlyThatSecret() {
    for (Stage s : Stage.values()) assertThat(statements(s).toString()).doesNotContain("secretsmanager");
    Synth openai = Synth.openai();
    List<Map<String, Object>> secret = statements(openai, Stage.PLAN).stream()
        .filter(s -> s.toString().contains("secretsmanager")).toList();
    assertThat(secret).hasSize(1);
    assertThat(actions(secret.get(0))).containsExactly("secretsmanager:GetSecretValue");
    assertThat(secret.get(0).get("Resource")).isEqualTo(Map.of("Fn::Join", List.of("", List.of(
        "arn:", Map.of("Ref", "AWS::Partition"), ":secretsmanager:", Map.of("Ref", "AWS::Region"), ":",
        Map.of("Ref", "AWS::AccountId"), ":secret:codec-lab/openai-??????"))));
    for (Stage s : List.of(Stage.VALIDATE, Stage.EXECUTE, Stage.RECORD, Stage.MONITOR)) {
      assertThat(statements(openai, s).toString()).as(s.id()).doesNotContain("secretsmanager", "bedrock");
    }
    String arn = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:codec-lab/openai-AbCdEf";
    assertThat(Functions.secretArn(synth.stack, arn)).isEqualTo(arn);
  }
}
