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

/** What the functions that run candidate code may do: their logs, handed objects, results; nothing else. */
class SandboxPermissionsTest {
  private final Synth synth = Synth.defaults();
  private final Template t = synth.template;

  private String id(software.constructs.IConstruct c) {
    return synth.stack.getLogicalId((CfnElement) c.getNode().getDefaultChild());
  }

  /** Every statement of every policy attached to the stage's role. */
  @SuppressWarnings("unchecked")
  private List<Map<String, Object>> statements(Stage stage) {
    String role = id(synth.stack.functions().role(stage));
    List<Map<String, Object>> out = new ArrayList<>();
    for (Map<String, Object> policy : t.findResources("AWS::IAM::Policy").values()) {
      Map<String, Object> props = (Map<String, Object>) policy.get("Properties");
      if (((List<Object>) props.get("Roles")).contains(Map.of("Ref", role))) {
        out.addAll((List<Map<String, Object>>) ((Map<String, Object>) props.get("PolicyDocument")).get("Statement"));
      }
    }
    return out;
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
    assertThat(allowed).containsExactly(
        "ec2:AssignPrivateIpAddresses", "ec2:CreateNetworkInterface", "ec2:DeleteNetworkInterface",
        "ec2:DescribeNetworkInterfaces", "ec2:DescribeSubnets", "ec2:UnassignPrivateIpAddresses",
        "logs:CreateLogStream", "logs:PutLogEvents", "s3:GetObject", "s3:PutObject");
    assertThat(all.toString()).doesNotContain("dynamodb", "sns:", "states:", "events:", "bedrock", "s3:*",
        "s3:DeleteObject", "s3:List", "kms:", "xray:");
  }

  @ParameterizedTest
  @EnumSource(value = Stage.class, names = {"VALIDATE", "EXECUTE"})
  void readsOnlyCodeClipsAndBaselinesAndWritesOnlyResults(Stage stage) {
    String bucketArn = "{Fn::GetAtt=[" + id(synth.stack.artifacts().bucket()) + ", Arn]}";
    for (Map<String, Object> s : statements(stage)) {
      if (actions(s).contains("s3:GetObject")) {
        assertThat(s.get("Resource").toString())
            .isEqualTo("[" + join(bucketArn, "/code/*") + ", " + join(bucketArn, "/clips/*") + ", "
                + join(bucketArn, "/baselines/*") + "]");
      }
      if (actions(s).contains("s3:PutObject")) {
        assertThat(actions(s)).containsExactly("s3:PutObject");
        assertThat(s.get("Resource").toString()).isEqualTo(join(bucketArn, "/results/*"));
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
    assertThat(statements(Stage.MONITOR).toString()).contains("sns:Publish", "events:DisableRule", "dynamodb:Query");
    String experiments = id(synth.stack.store().experiments());
    List<Map<String, Object>> onExperiments = statements(Stage.MONITOR).stream()
        .filter(s -> s.get("Resource").toString().contains(experiments)).toList();
    assertThat(onExperiments).isNotEmpty();
    assertThat(onExperiments.stream().flatMap(s -> actions(s).stream()))
        .contains("dynamodb:Query").doesNotContain("dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem");
  }

  @Test
  void bedrockIsGrantedToThePlannerOnlyWhenTheBedrockPlannerIsConfigured() {
    assertThat(statements(Stage.PLAN).toString()).doesNotContain("bedrock");
    Synth bedrock = Synth.with(LabConfig.builder().planner("bedrock").plannerModel("anthropic.claude"));
    String roleId = bedrock.stack.getLogicalId((CfnElement) bedrock.stack.functions().role(Stage.PLAN).getNode().getDefaultChild());
    assertThat(bedrock.template.findResources("AWS::IAM::Policy").values().stream()
        .filter(p -> p.toString().contains(roleId)).toList().toString()).contains("bedrock:InvokeModel");
  }
}
