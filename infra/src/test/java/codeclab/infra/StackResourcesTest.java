package codeclab.infra;

import static org.assertj.core.api.Assertions.assertThat;

import codeclab.infra.Functions.Stage;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Capture;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/** The stack's resources and their properties, on one shared synth. */
class StackResourcesTest {
  private final Synth synth = Synth.defaults();
  private final Template t = synth.template;

  private String logicalId(software.constructs.IConstruct c) {
    return synth.stack.getLogicalId((software.amazon.awscdk.CfnElement) c.getNode().getDefaultChild());
  }

  @Test
  void experimentsTableIsKeyedForNewestFirstQueriesWithSparseRatioAndOutcomeIndexes() {
    t.hasResource("AWS::DynamoDB::Table", Map.of(
        "DeletionPolicy", "Retain",
        "Properties", Map.of(
            "KeySchema", List.of(Map.of("AttributeName", "runId", "KeyType", "HASH"),
                Map.of("AttributeName", "experimentId", "KeyType", "RANGE")),
            "BillingMode", "PAY_PER_REQUEST",
            "DeletionProtectionEnabled", true,
            "PointInTimeRecoverySpecification", Map.of("PointInTimeRecoveryEnabled", true),
            "AttributeDefinitions", Match.arrayWith(List.of(
                Map.of("AttributeName", "score", "AttributeType", "N"),
                Map.of("AttributeName", "ratio", "AttributeType", "N"),
                Map.of("AttributeName", "runOutcome", "AttributeType", "S"))),
            "GlobalSecondaryIndexes", List.of(
                Map.of("IndexName", "byScore", "Projection", Map.of("ProjectionType", "ALL"),
                    "KeySchema", List.of(Map.of("AttributeName", "runId", "KeyType", "HASH"),
                        Map.of("AttributeName", "score", "KeyType", "RANGE"))),
                Map.of("IndexName", "byRatio", "Projection", Map.of("ProjectionType", "ALL"),
                    "KeySchema", List.of(Map.of("AttributeName", "runId", "KeyType", "HASH"),
                        Map.of("AttributeName", "ratio", "KeyType", "RANGE"))),
                Map.of("IndexName", "byOutcome", "Projection", Map.of("ProjectionType", "ALL"),
                    "KeySchema", List.of(Map.of("AttributeName", "runOutcome", "KeyType", "HASH"),
                        Map.of("AttributeName", "experimentId", "KeyType", "RANGE")))))));
  }

  @Test
  void runsTableIsKeyedByRunIdOnDemandWithPitr() {
    t.hasResourceProperties("AWS::DynamoDB::Table", Map.of(
        "KeySchema", List.of(Map.of("AttributeName", "runId", "KeyType", "HASH")),
        "BillingMode", "PAY_PER_REQUEST",
        "PointInTimeRecoverySpecification", Map.of("PointInTimeRecoveryEnabled", true)));
    t.resourceCountIs("AWS::DynamoDB::Table", 2);
  }

  @Test
  void bucketIsEncryptedPrivateVersionedTlsOnlyWithLifecycleRules() {
    t.hasResource("AWS::S3::Bucket", Map.of("DeletionPolicy", "Retain", "Properties", Map.of(
        "BucketEncryption", Map.of("ServerSideEncryptionConfiguration",
            List.of(Map.of("ServerSideEncryptionByDefault", Map.of("SSEAlgorithm", "AES256")))),
        "PublicAccessBlockConfiguration", Map.of("BlockPublicAcls", true, "BlockPublicPolicy", true,
            "IgnorePublicAcls", true, "RestrictPublicBuckets", true),
        "VersioningConfiguration", Map.of("Status", "Enabled"),
        "LifecycleConfiguration", Map.of("Rules", Match.arrayWith(List.of(
            Match.objectLike(Map.of("AbortIncompleteMultipartUpload", Map.of("DaysAfterInitiation", 1))),
            Match.objectLike(Map.of("NoncurrentVersionExpiration", Map.of("NoncurrentDays", 30))),
            Match.objectLike(Map.of("Prefix", "archives/", "Transitions",
                List.of(Map.of("StorageClass", "STANDARD_IA", "TransitionInDays", 30))))))))));
    t.hasResourceProperties("AWS::S3::BucketPolicy", Map.of("PolicyDocument", Map.of("Statement",
        Match.arrayWith(List.of(Match.objectLike(Map.of("Effect", "Deny", "Action", "s3:*",
            "Condition", Map.of("Bool", Map.of("aws:SecureTransport", "false")))))))));
  }

  @Test
  void dataSurvivesDestroyOnlyWhenRetainDataIsSet() {
    Template disposable = Synth.with(LabConfig.builder().retainData(false)).template;
    disposable.allResources("AWS::DynamoDB::Table", Map.of("DeletionPolicy", "Delete",
        "Properties", Match.objectLike(Map.of("DeletionProtectionEnabled", false))));
    disposable.allResources("AWS::S3::Bucket", Map.of("DeletionPolicy", "Delete"));
  }

  @Test
  void everyFunctionIsJava21OnArm64WithSnapStartItsHandlerAndSizing() {
    for (Stage s : Stage.values()) {
      t.hasResourceProperties("AWS::Lambda::Function", Map.of(
          "Handler", "codeclab.handlers." + s.handlerClass + "::handleRequest",
          "Runtime", "java21",
          "Architectures", List.of("arm64"),
          "SnapStart", Map.of("ApplyOn", "PublishedVersions"),
          "MemorySize", s.memoryMb,
          "Timeout", s.timeoutSeconds,
          "LoggingConfig", Map.of("LogGroup", Map.of("Ref", Match.stringLikeRegexp("Functions" + s.title() + "Logs.*"))),
          "Environment", Map.of("Variables", Match.objectLike(Map.of(
              "POWERTOOLS_SERVICE_NAME", s.id(), "POWERTOOLS_METRICS_NAMESPACE", "CodecLab",
              "CODEC_LAB_BUCKET", Map.of("Ref", logicalId(synth.stack.artifacts().bucket())),
              "CODEC_LAB_TARGET_PSNR", "38", "CODEC_LAB_CLIP_SET", "dev")))));
    }
    // Ours, plus the providers of two deploy-time custom resources (S3's prefix list, the default SG's lockdown).
    t.resourceCountIs("AWS::Lambda::Function", 7);
    // Our log groups (the custom-resource provider's belongs to CDK).
    t.findResources("AWS::Logs::LogGroup").forEach((id, lg) -> {
      if (!id.startsWith("AWS679f")) assertThat(lg.get("Properties").toString()).as(id).contains("RetentionInDays=30");
    });
  }

  @Test
  void storeFunctionsGetTablesPlannerAndBudgetWhileSandboxedFunctionsGetNoTableNames() {
    for (Stage s : List.of(Stage.PLAN, Stage.RECORD, Stage.MONITOR)) {
      t.hasResourceProperties("AWS::Lambda::Function", Map.of("Handler", s.handler(),
          "Environment", Map.of("Variables", Match.objectLike(Map.of(
              "CODEC_LAB_EXPERIMENTS_TABLE", Map.of("Ref", logicalId(synth.stack.store().experiments())),
              "CODEC_LAB_RUNS_TABLE", Map.of("Ref", logicalId(synth.stack.store().runs())),
              "CODEC_LAB_PLANNER", "evolutionary", "CODEC_LAB_MODEL", "", "CODEC_LAB_BUDGET_USD", "20",
              "JAVA_TOOL_OPTIONS", "-XX:+TieredCompilation -XX:TieredStopAtLevel=1")))));
    }
    for (Stage s : List.of(Stage.VALIDATE, Stage.EXECUTE)) {
      Capture env = new Capture();
      t.hasResourceProperties("AWS::Lambda::Function", Map.of("Handler", s.handler(),
          "Environment", Map.of("Variables", env)));
      assertThat(env.asObject()).doesNotContainKeys("CODEC_LAB_EXPERIMENTS_TABLE", "CODEC_LAB_RUNS_TABLE");
      assertThat((String) env.asObject().get("JAVA_TOOL_OPTIONS")).contains("-Dorg.bytedeco.javacpp.cachedir=/tmp/javacpp");
    }
  }

  /** https://<the distribution's domain>/ as CloudFormation renders it. */
  private Map<String, Object> siteUrl() {
    return Map.of("Fn::Join", List.of("", List.of("https://",
        Map.of("Fn::GetAtt", List.of(logicalId(synth.stack.site().distribution()), "DomainName")), "/")));
  }

  @Test
  void monitorKnowsTopicScheduleRuleAndSiteUrl() {
    t.hasResourceProperties("AWS::Lambda::Function", Map.of("Handler", Stage.MONITOR.handler(),
        "Environment", Map.of("Variables", Match.objectLike(Map.of(
            "CODEC_LAB_TOPIC_ARN", Map.of("Ref", logicalId(synth.stack.monitoring().topic())),
            "CODEC_LAB_SCHEDULE_RULE", Map.of("Ref", logicalId(synth.stack.schedules().generationRule())),
            "CODEC_LAB_SITE_URL", siteUrl())))));
  }

  @Test
  void monitorActionsAreOffByDefaultAndSwitchedOnByContext() {
    t.hasResourceProperties("AWS::Lambda::Function", Map.of("Handler", Stage.MONITOR.handler(),
        "Environment", Map.of("Variables", Match.objectLike(Map.of(
            "CODEC_LAB_AUTO_PAUSE", "false", "CODEC_LAB_PLANNER_HINTS", "false")))));
    Template on = Template.fromStack(Synth.with(LabConfig.builder().autoPause(true).feedPlanner(true)).stack);
    on.hasResourceProperties("AWS::Lambda::Function", Map.of("Handler", Stage.MONITOR.handler(),
        "Environment", Map.of("Variables", Match.objectLike(Map.of(
            "CODEC_LAB_AUTO_PAUSE", "true", "CODEC_LAB_PLANNER_HINTS", "true")))));
  }

  @Test
  void recordAndMonitorGetTheSiteUrlTheOthersDoNot() {
    for (Stage s : Stage.values()) {
      Capture env = new Capture();
      t.hasResourceProperties("AWS::Lambda::Function", Map.of("Handler", s.handler(),
          "Environment", Map.of("Variables", env)));
      if (s == Stage.RECORD || s == Stage.MONITOR) {
        assertThat(env.asObject().get("CODEC_LAB_SITE_URL")).as(s.id()).isEqualTo(siteUrl());
      } else {
        assertThat(env.asObject()).as(s.id()).doesNotContainKey("CODEC_LAB_SITE_URL");
      }
    }
  }

  @Test
  void planGetsTheLlmEndpointSecretAndSeedWhenConfigured() {
    Synth openai = Synth.openai();
    openai.template.hasResourceProperties("AWS::Lambda::Function", Map.of("Handler", Stage.PLAN.handler(),
        "Environment", Map.of("Variables", Match.objectLike(Map.of(
            "CODEC_LAB_PLANNER", "openai", "CODEC_LAB_MODEL", "gpt-4.1", "CODEC_LAB_LLM_URL", "https://api.openai.com/v1",
            "CODEC_LAB_LLM_SECRET_ID", "codec-lab/openai", "CODEC_LAB_SEED", "42", "CODEC_LAB_BUDGET_USD", "7.5")))));
    for (Stage s : Stage.values()) {
      Capture env = new Capture();
      openai.template.hasResourceProperties("AWS::Lambda::Function", Map.of("Handler", s.handler(),
          "Environment", Map.of("Variables", env)));
      if (s != Stage.PLAN) {
        assertThat(env.asObject()).as(s.id()).doesNotContainKeys("CODEC_LAB_LLM_SECRET_ID", "CODEC_LAB_SEED");
      }
      // The shared handler wiring parses the planner choice at init: every store-side function needs the URL.
      if (!s.sandboxed()) assertThat(env.asObject().get("CODEC_LAB_LLM_URL")).as(s.id()).isEqualTo("https://api.openai.com/v1");
    }
    t.hasResourceProperties("AWS::Lambda::Function", Map.of("Handler", Stage.PLAN.handler(),
        "Environment", Map.of("Variables", Match.objectLike(Map.of("CODEC_LAB_SEED", "1", "CODEC_LAB_LLM_URL", "")))));
    Capture env = new Capture();
    t.hasResourceProperties("AWS::Lambda::Function", Map.of("Handler", Stage.PLAN.handler(),
        "Environment", Map.of("Variables", env)));
    assertThat(env.asObject()).doesNotContainKey("CODEC_LAB_LLM_SECRET_ID");
  }

  @Test
  void eachFunctionHasAPublishedVersionAndALiveAliasOnIt() {
    t.resourceCountIs("AWS::Lambda::Version", 5);
    for (Stage s : Stage.values()) {
      String fn = logicalId(synth.stack.functions().function(s));
      Capture version = new Capture();
      t.hasResourceProperties("AWS::Lambda::Alias", Map.of("Name", "live",
          "FunctionName", Map.of("Ref", fn), "FunctionVersion", Map.of("Fn::GetAtt", List.of(version, "Version"))));
      t.hasResourceProperties("AWS::Lambda::Version", Map.of("FunctionName", Map.of("Ref", fn)));
      assertThat(t.findResources("AWS::Lambda::Version").get(version.asString())).isNotNull();
    }
  }

  @Test
  void javacvLayerIsForJava21OnArm64AndOnlyOnTheFunctionsThatDecodeVideo() {
    t.hasResourceProperties("AWS::Lambda::LayerVersion", Map.of(
        "CompatibleRuntimes", List.of("java21"), "CompatibleArchitectures", List.of("arm64")));
    String layer = logicalId(synth.stack.functions().javacvLayer());
    for (Stage s : Stage.values()) {
      Map<String, Map<String, Object>> fns = t.findResources("AWS::Lambda::Function",
          Map.of("Properties", Map.of("Handler", s.handler())));
      Object layers = ((Map<?, ?>) fns.values().iterator().next().get("Properties")).get("Layers");
      if (s.sandboxed()) {
        assertThat(layers).isEqualTo(List.of(Map.of("Ref", layer)));
      } else {
        assertThat(layers).isNull();
      }
    }
  }

  @Test
  @SuppressWarnings("unchecked")
  void sandboxedFunctionsRunInIsolatedSubnetsWhoseOnlyRouteOutIsAnS3EndpointForTheBucket() {
    t.resourceCountIs("AWS::EC2::NatGateway", 0);
    t.resourceCountIs("AWS::EC2::InternetGateway", 0);
    t.resourceCountIs("AWS::EC2::Route", 0);
    t.allResourcesProperties("AWS::EC2::Subnet", Map.of("MapPublicIpOnLaunch", false));
    t.hasResourceProperties("AWS::EC2::VPCEndpoint", Map.of("VpcEndpointType", "Gateway",
        "ServiceName", Match.objectLike(Map.of("Fn::Join", Match.arrayWith(List.of(
            Match.arrayWith(List.of(".s3")))))),
        "PolicyDocument", Map.of("Statement", List.of(Map.of("Effect", "Allow", "Principal", "*",
            "Action", List.of("s3:GetObject", "s3:PutObject"),
            "Resource", Map.of("Fn::Join", List.of("", List.of(
                Map.of("Fn::GetAtt", List.of(logicalId(synth.stack.artifacts().bucket()), "Arn")), "/*")))),
            Map.of("Effect", "Allow", "Principal", "*", "Action", "s3:ListBucket",
                "Resource", Map.of("Fn::GetAtt", List.of(logicalId(synth.stack.artifacts().bucket()), "Arn")))))));
    // HTTPS to S3's prefix list only (looked up at deploy time), never 0.0.0.0/0.
    assertThat(t.toJSON().toString()).doesNotContain("CidrIp=0.0.0.0/0");
    Capture prefixList = new Capture();
    Capture group = new Capture();
    t.hasResourceProperties("AWS::EC2::SecurityGroupEgress", Map.of("IpProtocol", "tcp", "FromPort", 443, "ToPort", 443,
        "DestinationPrefixListId", prefixList, "GroupId", group));
    assertThat(prefixList.asObject().toString()).contains("PrefixLists.0.PrefixListId");
    assertThat(group.asObject().toString()).contains("FunctionsSandboxSecurityGroup");
    t.resourceCountIs("AWS::EC2::SecurityGroupEgress", 1);
    Capture lookup = new Capture();
    t.hasResourceProperties("Custom::AWS", Map.of("Create", lookup));
    assertThat(lookup.asObject().toString()).contains("describeManagedPrefixLists", "prefix-list-name");
    t.hasResourceProperties("AWS::EC2::FlowLog", Map.of("TrafficType", "REJECT", "ResourceType", "VPC"));
    for (Stage s : Stage.values()) {
      Map<String, Map<String, Object>> fns = t.findResources("AWS::Lambda::Function",
          Map.of("Properties", Map.of("Handler", s.handler())));
      Map<?, ?> props = (Map<?, ?>) fns.values().iterator().next().get("Properties");
      assertThat(props.containsKey("VpcConfig")).as(s + " in the VPC").isEqualTo(s.sandboxed());
      assertThat(props.containsKey("TracingConfig")).as(s + " traced").isEqualTo(!s.sandboxed());
    }
  }

  @Test
  void stateMachineIsStandardWithLoggingAllAndXRay() {
    Capture logGroup = new Capture();
    t.hasResourceProperties("AWS::StepFunctions::StateMachine", Map.of(
        "StateMachineType", "STANDARD",
        "TracingConfiguration", Map.of("Enabled", true),
        "LoggingConfiguration", Map.of("Level", "ALL", "IncludeExecutionData", true,
            "Destinations", List.of(Map.of("CloudWatchLogsLogGroup", Map.of("LogGroupArn",
                Map.of("Fn::GetAtt", List.of(logGroup, "Arn"))))))));
    assertThat(t.findResources("AWS::Logs::LogGroup")).containsKey(logGroup.asString());
  }

  @Test
  void stateMachineMayInvokeOnlyTheFourPipelineAliases() {
    Capture statements = new Capture();
    String roleId = logicalId(synth.stack.pipeline().stateMachine().getRole());
    t.hasResourceProperties("AWS::IAM::Policy", Map.of("Roles", List.of(Map.of("Ref", roleId)),
        "PolicyDocument", Map.of("Statement", statements)));
    List<Object> invokes = statements.asArray().stream()
        .filter(s -> "lambda:InvokeFunction".equals(((Map<?, ?>) s).get("Action"))).toList();
    String json = invokes.toString();
    for (Stage s : List.of(Stage.PLAN, Stage.VALIDATE, Stage.EXECUTE, Stage.RECORD)) {
      assertThat(json).contains(logicalId(synth.stack.functions().alias(s)));
    }
    assertThat(json).doesNotContain(logicalId(synth.stack.functions().alias(Stage.MONITOR)));
  }

  @Test
  void generationRuleStartsTheStateMachineWithRunIdAndSlotsAtTheConfiguredRate() {
    Capture input = new Capture();
    t.hasResourceProperties("AWS::Events::Rule", Map.of(
        "ScheduleExpression", "rate(10 minutes)", "State", "ENABLED",
        "Targets", List.of(Match.objectLike(Map.of(
            "Arn", Map.of("Ref", logicalId(synth.stack.pipeline().stateMachine())), "Input", input)))));
    assertThat(input.asString()).isEqualTo("{\"runId\":\"current\",\"slots\":[0,1,2,3]}");
  }

  @Test
  void scheduleRateSizeAndPauseComeFromConfig() {
    Synth paused = Synth.with(LabConfig.builder().generationSchedule("rate(30 minutes)").scheduleEnabled(false)
        .runId("night-2").generationSize(2).maxConcurrency(2));
    paused.template.hasResourceProperties("AWS::Events::Rule", Map.of(
        "ScheduleExpression", "rate(30 minutes)", "State", "DISABLED",
        "Targets", List.of(Match.objectLike(Map.of("Input", "{\"runId\":\"night-2\",\"slots\":[0,1]}")))));
    assertThat(Definitions.stateMachineDefinition(paused.stack)).contains("\"MaxConcurrency\" : 2");
  }

  @Test
  void monitorRuleInvokesTheMonitorAliasHourly() {
    t.hasResourceProperties("AWS::Events::Rule", Map.of(
        "ScheduleExpression", "rate(1 hour)", "State", "ENABLED",
        "Targets", List.of(Match.objectLike(Map.of(
            "Arn", Map.of("Ref", logicalId(synth.stack.functions().alias(Stage.MONITOR))))))));
    t.hasResourceProperties("AWS::Lambda::Permission", Map.of("Action", "lambda:InvokeFunction",
        "Principal", "events.amazonaws.com",
        "FunctionName", Map.of("Ref", logicalId(synth.stack.functions().alias(Stage.MONITOR)))));
  }

  @Test
  void alertsGoToAnEmailSubscriptionFromContext() {
    t.hasResourceProperties("AWS::SNS::Subscription", Map.of("Protocol", "email", "Endpoint", "ops@example.com",
        "TopicArn", Map.of("Ref", logicalId(synth.stack.monitoring().topic()))));
    Template noEmail = Synth.with(LabConfig.builder()).template;
    noEmail.resourceCountIs("AWS::SNS::Subscription", 0);
    noEmail.resourceCountIs("AWS::SNS::Topic", 1);
  }

  @Test
  @SuppressWarnings("unchecked")
  void noCompletedExperimentAlarmsOnlyWhenGenerationsRanWithoutACompletionAndNotifiesTheTopic() {
    String topic = logicalId(synth.stack.monitoring().topic());
    Capture metrics = new Capture();
    t.hasResourceProperties("AWS::CloudWatch::Alarm", Map.ofEntries(
        Map.entry("Metrics", metrics), Map.entry("EvaluationPeriods", 2), Map.entry("DatapointsToAlarm", 2),
        Map.entry("ComparisonOperator", "GreaterThanOrEqualToThreshold"), Map.entry("Threshold", 1),
        Map.entry("TreatMissingData", "notBreaching"),
        Map.entry("AlarmActions", List.of(Map.of("Ref", topic))), Map.entry("OKActions", List.of(Map.of("Ref", topic)))));
    String all = metrics.asArray().toString();
    // The monitor's EMF metric on this stack's dimension, and the state machine's started executions.
    assertThat(all).contains("CompletedExperiments", "{Name=Service, Value=CodecLab}", "ExecutionsStarted",
        "IF(FILL(started, 0) > 0 AND FILL(completed, 0) < 1, 1, 0)");
  }

  @Test
  void failedAndTimedOutExecutionsAndMonitorErrorsAlarmToTheTopic() {
    String topic = logicalId(synth.stack.monitoring().topic());
    String sm = logicalId(synth.stack.pipeline().stateMachine());
    for (String metric : List.of("ExecutionsFailed", "ExecutionsTimedOut")) {
      t.hasResourceProperties("AWS::CloudWatch::Alarm", Map.of(
          "Namespace", "AWS/States", "MetricName", metric,
          "Dimensions", List.of(Map.of("Name", "StateMachineArn", "Value", Map.of("Ref", sm))),
          "Statistic", "Sum", "Period", 3600, "ComparisonOperator", "GreaterThanOrEqualToThreshold", "Threshold", 1,
          "AlarmActions", List.of(Map.of("Ref", topic))));
    }
    t.hasResourceProperties("AWS::CloudWatch::Alarm", Map.of("Namespace", "AWS/Lambda", "MetricName", "Errors",
        "Dimensions", List.of(Map.of("Name", "FunctionName",
            "Value", Map.of("Ref", logicalId(synth.stack.functions().function(Stage.MONITOR))))),
        "AlarmActions", List.of(Map.of("Ref", topic))));
    t.resourceCountIs("AWS::CloudWatch::Alarm", 5);
  }

  @Test
  @SuppressWarnings("unchecked")
  void dashboardGraphsEveryMonitorMetricOnTheEmfDimensionAndLinksTheSite() {
    Capture body = new Capture();
    t.hasResourceProperties("AWS::CloudWatch::Dashboard", Map.of("DashboardName", "CodecLab", "DashboardBody", body));
    List<Object> parts = (List<Object>) ((List<Object>) body.asObject().get("Fn::Join")).get(1);
    StringBuilder json = new StringBuilder();
    for (Object p : parts) json.append(p instanceof String str ? str : "<token>");
    for (String metric : List.of("CompletedExperiments", "BestBitrateRatio", "AverageBitrateRatio", "UniqueBitrates",
        "TimeoutRate", "ValidationFailureRate", "TrendSlope")) {
      assertThat(json).as(metric).contains("[\"CodecLab\",\"" + metric + "\",\"Service\",\"CodecLab\"");
    }
    assertThat(json).doesNotContain("\"Service\",\"monitor\"").contains("ExecutionsFailed", "Duration", "alarms");
    // The text widget's markdown link: "...(https://" then the distribution's domain, then "/)".
    Object domain = Map.of("Fn::GetAtt", List.of(logicalId(synth.stack.site().distribution()), "DomainName"));
    int link = -1;
    for (int i = 1; i + 1 < parts.size(); i++) {
      if (parts.get(i - 1) instanceof String before && before.endsWith("[Open the dashboard and blog](https://")
          && domain.equals(parts.get(i)) && parts.get(i + 1).toString().startsWith("/)")) link = i;
    }
    assertThat(link).as("markdown link to the site in the dashboard body").isPositive();
    assertThat(json).contains("\"type\":\"text\"");
  }

  @Test
  void outputsNameEverythingTheCliReads() {
    Map<String, Map<String, Object>> outputs = t.findOutputs("*");
    assertThat(outputs.keySet()).containsExactlyInAnyOrder("ExperimentsTableName", "RunsTableName", "BucketName",
        "StateMachineArn", "TopicArn", "GenerationRuleName", "DashboardName", "SiteUrl");
    t.hasOutput("SiteUrl", Map.of("Value", siteUrl()));
    t.hasOutput("StateMachineArn", Map.of("Value", Map.of("Ref", logicalId(synth.stack.pipeline().stateMachine()))));
    t.hasOutput("BucketName", Map.of("Value", Map.of("Ref", logicalId(synth.stack.artifacts().bucket()))));
    t.hasOutput("GenerationRuleName", Map.of("Value", Map.of("Ref", logicalId(synth.stack.schedules().generationRule()))));
  }
}
