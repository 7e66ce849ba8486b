package codeclab.infra.replay;

import static codeclab.infra.replay.TemplateResolver.ACCOUNT;
import static codeclab.infra.replay.TemplateResolver.REGION;
import static org.assertj.core.api.Assertions.assertThat;

import codeclab.core.ExperimentStatus;
import codeclab.core.OutcomeKind;
import codeclab.infra.Functions.Stage;
import codeclab.infra.Site;
import codeclab.infra.Synth;
import codeclab.infra.replay.CallRecorder.Call;
import codeclab.infra.replay.Simulations.Answer;
import codeclab.infra.replay.Simulations.Request;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * IAM by replay: every AWS call the handlers make while the loop and the monitor run end to end ({@link IamReplay}),
 * plus what the Lambda runtime and the AWS services wired by the stack do on its behalf (CloudWatch alarms and
 * Budgets publishing to the topic, CloudFront reading the site, EventBridge starting the state machine, invoking the
 * monitor and dead-lettering, Step Functions invoking the functions), evaluated against the synthesized template's
 * identity, resource and VPC endpoint policies with {@code @cloud-copilot/iam-simulate}. Fails on any request AWS
 * would deny, and on any action a role is granted that no request uses.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IamReplayTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private Synth synth;
  private IamReplay replay;
  private TemplateResolver t;
  private List<Call> calls;
  private List<Answer> answers;
  private final Map<String, String> roleNames = new LinkedHashMap<>();

  @BeforeAll
  void replay() throws Exception {
    synth = Synth.defaults();
    replay = new IamReplay(synth.stack, synth.template.toJSON());
    t = replay.template;
    calls = CallRecorder.calls();
    Simulations sims = new Simulations();
    for (Stage s : Stage.values()) roleNames.put(replay.roleIds.get(s), s.id());
    addFunctionCalls(sims);
    addRuntimeCalls(sims);
    addServiceCalls(sims);
    answers = sims.evaluate(replay.work);
    // The evaluated requests, for reading when a check fails (and as a record of what the stack's roles do).
    List<Map<String, Object>> report = new ArrayList<>();
    for (Answer a : answers) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("result", a.result());
      row.put("principal", a.request().principal());
      row.put("action", a.request().action());
      row.put("resource", a.request().resource());
      row.put("context", a.request().context());
      row.put("allowedBy", a.allowedBy());
      row.put("detail", a.detail());
      report.add(row);
    }
    java.nio.file.Files.createDirectories(java.nio.file.Path.of("target"));
    JSON.writerWithDefaultPrettyPrinter().writeValue(java.nio.file.Path.of("target", "iam-replay.json").toFile(), report);
  }

  @AfterAll
  void close() {
    if (replay != null) replay.close();
  }

  // ------------------------------------------------------------------ the assertions

  @Test
  void theReplayRanEveryPathWithoutFailing() {
    assertThat(CallRecorder.unattributed()).as("calls outside any function").isEmpty();
    assertThat(replay.generationErrors).isEmpty();
    Set<String> functions = new TreeSet<>();
    calls.forEach(c -> functions.add(c.function()));
    assertThat(functions).containsExactlyInAnyOrder("plan", "validate", "execute", "record", "monitor");
    assertThat(calls).allSatisfy(c -> assertThat(c.scheme()).as(c.toString()).isEqualTo("https"));
  }

  @Test
  void awsWouldAllowEveryRequest() {
    List<String> denied = answers.stream().filter(a -> !a.allowed())
        .map(a -> a.result() + ": " + a.request().principal() + " " + a.request().action() + " " + a.request().resource()
            + " " + a.request().context() + " (" + a.detail() + ")").toList();
    assertThat(denied).as("requests AWS would deny").isEmpty();
  }

  @Test
  void everyGrantedActionIsUsedByARecordedRequest() {
    List<String> unused = new ArrayList<>();
    for (Map.Entry<String, List<Map<String, Object>>> role : checkedRoles().entrySet()) {
      List<Map<String, Object>> statements = role.getValue();
      for (int i = 0; i < statements.size(); i++) {
        Map<String, Object> s = statements.get(i);
        if (!"Allow".equals(s.get("Effect"))) continue;
        String policy = role.getKey() + "#" + i;
        for (String action : strings(s.get("Action"))) {
          boolean used = answers.stream().anyMatch(a -> a.allowed() && a.allowedBy().contains(policy)
              && matches(action, a.request().action()));
          if (!used) unused.add(roleNames.getOrDefault(role.getKey(), role.getKey()) + ": " + action + " on " + s.get("Resource"));
        }
      }
    }
    // plan's GetItem on Experiments serves the LLM planner's parent lookup (StoreHistory.program) and the stuck sweep's
    // conflict path (a record that finished the experiment first); the replay runs the evolutionary planner, which
    // reads its history with Queries only, and no such race.
    unused.removeIf(u -> u.startsWith("plan: dynamodb:GetItem on [") && u.contains("table/StoreExperiments"));
    assertThat(unused).as("granted, never used").isEmpty();
  }

  @Test
  void theMonitorsStuckSweepWritesTheExperimentAndTheMonitorReachesItsMetricsAndSite() {
    assertThat(calls).anySatisfy(c -> {
      assertThat(c.function()).isEqualTo("monitor");
      assertThat(c.operation()).isEqualTo("UpdateItem");
      assertThat(c.fields().get("TableName")).isEqualTo(replay.experimentsTable);
    });
    assertThat(((Number) replay.monitorResult.get("timedOut")).intValue()).isEqualTo(1);
    assertThat(replay.monitorResult.get("site").toString()).startsWith("wrote");
  }

  @Test
  void recordAfterAFailedPlanCreatesOneExperimentEvenWhenRetried() {
    assertThat(replay.planFailureRecords).as("Record attempts without an experiment id").isEqualTo(2);
    var experiments = CallRecorder.asOperator(() -> replay.operatorStore.all(replay.operatorStore.resolveRun("current")));
    assertThat(experiments.stream().filter(e -> e.outcome() == OutcomeKind.INTERNAL_ERROR)).hasSize(1);
  }

  @Test
  void lambdasOwnTimeoutIsRecordedAsATimeoutNotAnInternalError() {
    var experiments = CallRecorder.asOperator(() -> replay.operatorStore.all(replay.operatorStore.resolveRun("current")));
    assertThat(experiments).anySatisfy(e -> {
      assertThat(e.status()).isEqualTo(ExperimentStatus.TIMED_OUT);
      assertThat(e.outcome()).isEqualTo(OutcomeKind.TIMEOUT);
      assertThat(e.message()).contains("Sandbox.Timedout");
    });
  }

  @Test
  void executeReadsItsClipSetFromTheBucketAndSharesX264BaselinesThroughIt() {
    assertThat(calls).anySatisfy(c -> {
      assertThat(c.function()).isEqualTo("execute");
      assertThat(c.operation()).isEqualTo("GetObject");
      assertThat(c.fields().get("Key")).startsWith("clips/replay/");
    });
    assertThat(calls).anySatisfy(c -> {
      assertThat(c.function()).isEqualTo("execute");
      assertThat(c.operation()).isEqualTo("PutObject");
      assertThat(c.fields().get("Key")).startsWith("baselines/");
    });
  }

  @Test
  @SuppressWarnings("unchecked")
  void cloudFrontShowsTheSitesNotFoundPageForMissingPages() {
    assertThat(replay.siteKeys).contains("site/" + Site.NOT_FOUND_PAGE, "site/index.html", "site/blog/index.html");
    String dist = t.ofType("AWS::CloudFront::Distribution").get(0);
    Map<String, Object> config = (Map<String, Object>) t.properties(dist).get("DistributionConfig");
    List<Map<String, Object>> errors = (List<Map<String, Object>>) config.get("CustomErrorResponses");
    assertThat(errors).extracting(e -> e.get("ErrorCode")).contains(403, 404);
    assertThat(errors).allSatisfy(e -> assertThat(e.get("ResponsePagePath")).isEqualTo("/" + Site.NOT_FOUND_PAGE));
    // CloudFront may read a missing page (S3 then answers 403 without ListBucket, which becomes the 404 page).
    assertThat(answers).anySatisfy(a -> {
      assertThat(a.request().principal()).isEqualTo("cloudfront.amazonaws.com");
      assertThat(a.request().resource()).endsWith("/site/no-such-page.html");
      assertThat(a.allowed()).isTrue();
    });
  }

  @Test
  void cloudWatchAlarmsAndBudgetsMayPublishToTheTopic() {
    assertThat(answers.stream().filter(a -> a.request().principal().equals("cloudwatch.amazonaws.com")))
        .hasSizeGreaterThanOrEqualTo(5).allSatisfy(a -> assertThat(a.allowed()).isTrue());
    assertThat(answers.stream().filter(a -> a.request().principal().equals("budgets.amazonaws.com")))
        .isNotEmpty().allSatisfy(a -> assertThat(a.allowed()).isTrue());
  }

  @Test
  void whatTheRolesMustNotDoIsDenied() throws Exception {
    Simulations bad = new Simulations();
    String execute = replay.roleIds.get(Stage.EXECUTE);
    String key = "arn:aws:s3:::" + replay.bucket + "/code/" + "0".repeat(64);
    // Credentials taken out of the sandboxed function: the same read from outside the VPC endpoint.
    bad.add(new Request("stolen", execute, Simulations.roleArn(t, execute), "s3:GetObject", key,
        Map.of("aws:SecureTransport", "true"), identity(execute), bucketPolicy(replay.bucket), null));
    bad.add(new Request("sandbox-site", execute, Simulations.roleArn(t, execute), "s3:PutObject",
        "arn:aws:s3:::" + replay.bucket + "/site/index.html", Map.of("aws:SecureTransport", "true", "aws:SourceVpce", endpointId()),
        identity(execute), bucketPolicy(replay.bucket), endpointPolicy()));
    String monitor = replay.roleIds.get(Stage.MONITOR);
    bad.add(new Request("monitor-put", monitor, Simulations.roleArn(t, monitor), "dynamodb:PutItem",
        "arn:aws:dynamodb:" + REGION + ":" + ACCOUNT + ":table/" + replay.experimentsTable, Map.of("aws:SecureTransport", "true"),
        identity(monitor), null, null));
    bad.add(new Request("monitor-list-code", monitor, Simulations.roleArn(t, monitor), "s3:ListBucket",
        "arn:aws:s3:::" + replay.bucket, Map.of("aws:SecureTransport", "true", "s3:prefix", "code/"), identity(monitor),
        bucketPolicy(replay.bucket), null));
    String record = replay.roleIds.get(Stage.RECORD);
    bad.add(new Request("record-scan", record, Simulations.roleArn(t, record), "dynamodb:Scan",
        "arn:aws:dynamodb:" + REGION + ":" + ACCOUNT + ":table/" + replay.runsTable, Map.of("aws:SecureTransport", "true"),
        identity(record), null, null));
    Map<String, Object> plain = new HashMap<>(Map.of("aws:SecureTransport", "false"));
    String plan = replay.roleIds.get(Stage.PLAN);
    bad.add(new Request("plain-http", plan, Simulations.roleArn(t, plan), "s3:GetObject", key, plain, identity(plan),
        bucketPolicy(replay.bucket), null));
    bad.add(new Request("someone-else-publishes", null, "events.amazonaws.com", "sns:Publish",
        t.ref(t.ofType("AWS::SNS::Topic").get(0)), Map.of("aws:SecureTransport", "true", "aws:SourceAccount", ACCOUNT),
        List.of(), topicPolicy(t.ref(t.ofType("AWS::SNS::Topic").get(0))), null));
    List<Answer> answers = bad.evaluate(replay.work);
    assertThat(answers).allSatisfy(a -> assertThat(a.result()).as(a.request().id()).endsWith("Denied"));
  }

  // ------------------------------------------------------------------ requests

  private void addFunctionCalls(Simulations sims) {
    String endpoint = endpointId();
    Map<String, Object> endpointPolicy = endpointPolicy();
    Map<String, Object> bucketPolicy = bucketPolicy(replay.bucket);
    int n = 0;
    for (Call c : calls) {
      Stage stage = Stage.valueOf(c.function().toUpperCase(java.util.Locale.ROOT));
      String roleId = replay.roleIds.get(stage);
      Map<String, Object> ctx = new LinkedHashMap<>();
      ctx.put("aws:SecureTransport", "https".equals(c.scheme()) ? "true" : "false");
      boolean vpc = stage.sandboxed();
      if (vpc) ctx.put("aws:SourceVpce", endpoint);
      String principal = Simulations.roleArn(t, roleId);
      List<Map<String, Object>> identity = identity(roleId);
      String id = c.function() + "-" + (n++) + "-" + c.operation();
      switch (c.service()) {
        case "S3" -> {
          String b = c.fields().get("Bucket");
          String action;
          String resource = "arn:aws:s3:::" + b + "/" + c.fields().get("Key");
          switch (c.operation()) {
            case "GetObject", "HeadObject" -> action = "s3:GetObject";
            case "PutObject" -> action = "s3:PutObject";
            case "DeleteObject" -> action = "s3:DeleteObject";
            case "ListObjectsV2", "ListObjects" -> {
              action = "s3:ListBucket";
              resource = "arn:aws:s3:::" + b;
              if (c.fields().containsKey("Prefix")) ctx.put("s3:prefix", c.fields().get("Prefix"));
            }
            default -> throw new AssertionError("replay: no IAM mapping for S3 " + c.operation());
          }
          sims.add(new Request(id, roleId, principal, action, resource, ctx, identity, bucketPolicy, vpc ? endpointPolicy : null));
        }
        case "DynamoDb" -> {
          String tables = c.fields().getOrDefault("TableName", c.fields().get("RequestItems"));
          for (String table : tables.split(",")) {
            String resource = "arn:aws:dynamodb:" + REGION + ":" + ACCOUNT + ":table/" + table
                + (c.fields().containsKey("IndexName") ? "/index/" + c.fields().get("IndexName") : "");
            sims.add(new Request(id + "-" + table, roleId, principal, "dynamodb:" + c.operation(), resource, ctx, identity, null, null));
          }
        }
        case "Sns" -> sims.add(new Request(id, roleId, principal, "sns:" + c.operation(), c.fields().get("TopicArn"), ctx,
            identity, topicPolicy(c.fields().get("TopicArn")), null));
        case "EventBridge" -> sims.add(new Request(id, roleId, principal, "events:" + c.operation(),
            "arn:aws:events:" + REGION + ":" + ACCOUNT + ":rule/" + c.fields().get("Name"), ctx, identity, null, null));
        default -> throw new AssertionError("replay: no IAM mapping for service " + c.service());
      }
    }
  }

  /** What the Lambda service does with each function's role: its logs, its VPC network interfaces, its traces. */
  @SuppressWarnings("unchecked")
  private void addRuntimeCalls(Simulations sims) {
    for (Stage s : Stage.values()) {
      String roleId = replay.roleIds.get(s);
      String principal = Simulations.roleArn(t, roleId);
      Map<String, Object> props = t.properties(replay.functionIds.get(s));
      String logGroup = ((Map<String, Object>) props.get("LoggingConfig")).get("LogGroup").toString();
      String stream = "arn:aws:logs:" + REGION + ":" + ACCOUNT + ":log-group:" + logGroup + ":log-stream:2026/12/02/[$LATEST]0";
      for (String action : List.of("logs:CreateLogStream", "logs:PutLogEvents")) {
        sims.add(new Request("runtime-" + s.id() + "-" + action, roleId, principal, action, stream,
            Map.of("aws:SecureTransport", "true"), identity(roleId), null, null));
      }
      if (props.containsKey("VpcConfig")) {
        for (String action : List.of("ec2:CreateNetworkInterface", "ec2:DescribeNetworkInterfaces", "ec2:DescribeSubnets",
            "ec2:DeleteNetworkInterface", "ec2:AssignPrivateIpAddresses", "ec2:UnassignPrivateIpAddresses")) {
          sims.add(new Request("runtime-" + s.id() + "-" + action, roleId, principal, action, "*",
              Map.of("aws:SecureTransport", "true"), identity(roleId), null, null));
        }
      }
      if (props.get("TracingConfig") instanceof Map<?, ?> tc && "Active".equals(tc.get("Mode"))) {
        for (String action : List.of("xray:PutTraceSegments", "xray:PutTelemetryRecords")) {
          sims.add(new Request("runtime-" + s.id() + "-" + action, roleId, principal, action, "*",
              Map.of("aws:SecureTransport", "true"), identity(roleId), null, null));
        }
      }
    }
  }

  /** The AWS services the stack wires together, acting as their service principals or through their roles. */
  @SuppressWarnings("unchecked")
  private void addServiceCalls(Simulations sims) throws Exception {
    Map<String, Object> secure = Map.of("aws:SecureTransport", "true", "aws:SourceAccount", ACCOUNT);
    // CloudWatch alarms and AWS Budgets notify the topic.
    for (String alarm : t.ofType("AWS::CloudWatch::Alarm")) {
      Map<String, Object> p = t.properties(alarm);
      Set<String> topics = new LinkedHashSet<>();
      for (String key : List.of("AlarmActions", "OKActions")) {
        if (p.get(key) instanceof List<?> l) l.forEach(x -> topics.add(x.toString()));
      }
      for (String topic : topics) {
        Map<String, Object> ctx = new HashMap<>(secure);
        ctx.put("aws:SourceArn", t.alarmArn(alarm));
        sims.add(new Request("cloudwatch-" + alarm, null, "cloudwatch.amazonaws.com", "sns:Publish", topic, ctx, List.of(),
            topicPolicy(topic), null));
      }
    }
    for (String budget : t.ofType("AWS::Budgets::Budget")) {
      for (Map<String, Object> n : (List<Map<String, Object>>) t.properties(budget).get("NotificationsWithSubscribers")) {
        for (Map<String, Object> sub : (List<Map<String, Object>>) n.get("Subscribers")) {
          Map<String, Object> ctx = new HashMap<>(secure);
          ctx.put("aws:SourceArn", "arn:aws:budgets::" + ACCOUNT + ":budget/" + budget);
          sims.add(new Request("budgets-" + sims.requests().size(), null, "budgets.amazonaws.com", "sns:Publish",
              sub.get("Address").toString(), ctx, List.of(), topicPolicy(sub.get("Address").toString()), null));
        }
      }
    }
    // CloudFront (Origin Access Control) reads every page the replay wrote, and a page that does not exist.
    String dist = t.ofType("AWS::CloudFront::Distribution").get(0);
    Map<String, Object> cfCtx = new HashMap<>(secure);
    cfCtx.put("aws:SourceArn", "arn:aws:cloudfront::" + ACCOUNT + ":distribution/" + t.name(dist));
    List<String> pages = new ArrayList<>(replay.siteKeys);
    pages.add("site/no-such-page.html");
    for (String key : pages) {
      sims.add(new Request("cloudfront-" + key, null, "cloudfront.amazonaws.com", "s3:GetObject",
          "arn:aws:s3:::" + replay.bucket + "/" + key, cfCtx, List.of(), bucketPolicy(replay.bucket), null));
    }
    // EventBridge: start the state machine (through the rule's role), invoke the monitor, dead-letter to the queue.
    for (String rule : t.ofType("AWS::Events::Rule")) {
      String ruleArn = t.getAtt(rule, "Arn");
      for (Map<String, Object> target : (List<Map<String, Object>>) t.properties(rule).get("Targets")) {
        String arn = target.get("Arn").toString();
        Map<String, Object> ctx = new HashMap<>(secure);
        ctx.put("aws:SourceArn", ruleArn);
        if (target.get("RoleArn") != null) {
          String roleId = roleIdOfArn(target.get("RoleArn").toString());
          roleNames.put(roleId, "events role");
          sims.add(new Request("events-start-" + rule, roleId, Simulations.roleArn(t, roleId), "states:StartExecution", arn,
              Map.of("aws:SecureTransport", "true"), identity(roleId), null, null));
        } else {
          sims.add(new Request("events-invoke-" + rule, null, "events.amazonaws.com", "lambda:InvokeFunction", arn, ctx,
              List.of(), lambdaPermissions(arn), null));
        }
        if (target.get("DeadLetterConfig") instanceof Map<?, ?> dlq) {
          String queueArn = dlq.get("Arn").toString();
          sims.add(new Request("events-dlq-" + rule, null, "events.amazonaws.com", "sqs:SendMessage", queueArn, ctx,
              List.of(), queuePolicy(queueArn), null));
        }
      }
    }
    // Step Functions invokes each task's function alias, delivers its logs and traces.
    String sm = t.ofType("AWS::StepFunctions::StateMachine").get(0);
    Map<String, Object> smProps = t.properties(sm);
    String smRole = roleIdOfArn(smProps.get("RoleArn").toString());
    roleNames.put(smRole, "state machine role");
    JsonNode definition = JSON.readTree(smProps.get("DefinitionString").toString());
    Set<String> tasks = new LinkedHashSet<>();
    definition.findValues("Resource").forEach(r -> tasks.add(r.asText()));
    for (String resource : tasks) {
      if (resource.startsWith("arn:aws:states:::aws-sdk:sfn:")) {
        // The overlap check lists this state machine's running executions ($$.StateMachine.Id).
        String action = "states:" + Character.toUpperCase(resource.charAt(29)) + resource.substring(30);
        sims.add(new Request("states-" + action, smRole, Simulations.roleArn(t, smRole), action, t.ref(sm),
            Map.of("aws:SecureTransport", "true"), identity(smRole), null, null));
        continue;
      }
      sims.add(new Request("states-invoke-" + resource, smRole, Simulations.roleArn(t, smRole), "lambda:InvokeFunction",
          resource, Map.of("aws:SecureTransport", "true"), identity(smRole), null, null));
    }
    // https://docs.aws.amazon.com/step-functions/latest/dg/cw-logs.html: the actions Step Functions uses for logging.
    for (String action : List.of("logs:CreateLogDelivery", "logs:GetLogDelivery", "logs:UpdateLogDelivery",
        "logs:DeleteLogDelivery", "logs:ListLogDeliveries", "logs:PutResourcePolicy", "logs:DescribeResourcePolicies",
        "logs:DescribeLogGroups", "xray:PutTraceSegments", "xray:PutTelemetryRecords", "xray:GetSamplingRules",
        "xray:GetSamplingTargets")) {
      sims.add(new Request("states-" + action, smRole, Simulations.roleArn(t, smRole), action, "*",
          Map.of("aws:SecureTransport", "true"), identity(smRole), null, null));
    }
  }

  // ------------------------------------------------------------------ policies from the template

  /** The roles whose grants must all be used: the functions', the state machine's and the schedule's. */
  private Map<String, List<Map<String, Object>>> checkedRoles() {
    Map<String, List<Map<String, Object>>> out = new LinkedHashMap<>();
    for (String roleId : roleNames.keySet()) out.put(roleId, identity(roleId));
    return out;
  }

  @SuppressWarnings("unchecked")
  private List<Map<String, Object>> identity(String roleId) {
    List<Map<String, Object>> statements = new ArrayList<>();
    Map<String, Object> role = t.properties(roleId);
    assertThat(role).as("role " + roleId + " has no managed or inline policies")
        .doesNotContainKeys("ManagedPolicyArns", "Policies");
    for (String policy : t.ofType("AWS::IAM::Policy")) {
      Map<String, Object> p = t.properties(policy);
      if (((List<Object>) p.get("Roles")).contains(t.name(roleId))) {
        statements.addAll((List<Map<String, Object>>) ((Map<String, Object>) p.get("PolicyDocument")).get("Statement"));
      }
    }
    return statements;
  }

  @SuppressWarnings("unchecked")
  private Map<String, Object> bucketPolicy(String bucket) {
    for (String id : t.ofType("AWS::S3::BucketPolicy")) {
      Map<String, Object> p = t.properties(id);
      if (bucket.equals(p.get("Bucket"))) return (Map<String, Object>) p.get("PolicyDocument");
    }
    throw new AssertionError("no bucket policy for " + bucket);
  }

  @SuppressWarnings("unchecked")
  private Map<String, Object> topicPolicy(String topicArn) {
    for (String id : t.ofType("AWS::SNS::TopicPolicy")) {
      Map<String, Object> p = t.properties(id);
      if (((List<Object>) p.get("Topics")).contains(topicArn)) return (Map<String, Object>) p.get("PolicyDocument");
    }
    return null;
  }

  @SuppressWarnings("unchecked")
  private Map<String, Object> queuePolicy(String queueArn) {
    String name = queueArn.substring(queueArn.lastIndexOf(':') + 1);
    for (String id : t.ofType("AWS::SQS::QueuePolicy")) {
      Map<String, Object> p = t.properties(id);
      if (((List<Object>) p.get("Queues")).stream().anyMatch(q -> q.toString().endsWith("/" + name))) {
        return (Map<String, Object>) p.get("PolicyDocument");
      }
    }
    return null;
  }

  /** The resource policy Lambda builds from the AWS::Lambda::Permission resources on a function (or alias) ARN. */
  private Map<String, Object> lambdaPermissions(String functionArn) {
    List<Map<String, Object>> statements = new ArrayList<>();
    for (String id : t.ofType("AWS::Lambda::Permission")) {
      Map<String, Object> p = t.properties(id);
      if (!functionArn.equals(p.get("FunctionName"))) continue;
      Map<String, Object> s = new LinkedHashMap<>();
      s.put("Effect", "Allow");
      s.put("Principal", Map.of("Service", p.get("Principal")));
      s.put("Action", p.get("Action"));
      s.put("Resource", functionArn);
      if (p.get("SourceArn") != null) s.put("Condition", Map.of("ArnLike", Map.of("AWS:SourceArn", p.get("SourceArn"))));
      statements.add(s);
    }
    return Map.of("Version", "2012-10-17", "Statement", statements);
  }

  private String endpointId() {
    return t.ref(t.ofType("AWS::EC2::VPCEndpoint").get(0));
  }

  @SuppressWarnings("unchecked")
  private Map<String, Object> endpointPolicy() {
    return (Map<String, Object>) t.properties(t.ofType("AWS::EC2::VPCEndpoint").get(0)).get("PolicyDocument");
  }

  private String roleIdOfArn(String arn) {
    String name = arn.substring(arn.lastIndexOf('/') + 1);
    return t.ofType("AWS::IAM::Role").stream().filter(id -> t.name(id).equals(name)).findFirst()
        .orElseThrow(() -> new AssertionError("no role " + arn));
  }

  private static List<String> strings(Object o) {
    return o instanceof List<?> l ? l.stream().map(Object::toString).toList() : List.of(String.valueOf(o));
  }

  /** IAM action matching: case-insensitive, '*' and '?' wildcards. */
  static boolean matches(String pattern, String action) {
    String regex = "(?i)" + java.util.regex.Pattern.quote(pattern).replace("*", "\\E.*\\Q").replace("?", "\\E.\\Q");
    return action.matches(regex);
  }
}
