package codeclab.infra;

import io.github.cdklabs.cdknag.NagPackSuppression;
import io.github.cdklabs.cdknag.NagSuppressions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.dynamodb.Table;
import software.amazon.awscdk.services.ec2.FlowLogDestination;
import software.amazon.awscdk.services.ec2.FlowLogOptions;
import software.amazon.awscdk.services.ec2.FlowLogTrafficType;
import software.amazon.awscdk.services.ec2.GatewayVpcEndpoint;
import software.amazon.awscdk.services.ec2.GatewayVpcEndpointAwsService;
import software.amazon.awscdk.services.ec2.GatewayVpcEndpointOptions;
import software.amazon.awscdk.services.ec2.Peer;
import software.amazon.awscdk.services.ec2.Port;
import software.amazon.awscdk.services.ec2.SecurityGroup;
import software.amazon.awscdk.services.ec2.SubnetConfiguration;
import software.amazon.awscdk.services.ec2.SubnetSelection;
import software.amazon.awscdk.services.ec2.SubnetType;
import software.amazon.awscdk.services.ec2.Vpc;
import software.amazon.awscdk.services.iam.StarPrincipal;
import software.amazon.awscdk.services.iam.Effect;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.lambda.Alias;
import software.amazon.awscdk.services.lambda.Architecture;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.lambda.LayerVersion;
import software.amazon.awscdk.services.lambda.Runtime;
import software.amazon.awscdk.services.lambda.SnapStartConf;
import software.amazon.awscdk.services.lambda.Tracing;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.amazon.awscdk.services.s3.Bucket;
import software.constructs.Construct;

/**
 * The five Lambda functions (one shared handlers jar, java21 on arm64, SnapStart on published versions,
 * each invoked through its {@code live} alias) and the JavaCV layer.
 *
 * <p>validate and execute run untrusted candidate code. They get their own roles with nothing but writes
 * to their own log group, s3:GetObject on code/, clips/, baselines/ and s3:PutObject on results/; they sit
 * in a VPC with isolated subnets whose only route out is an S3 gateway endpoint restricted to the
 * artifact bucket, so stolen credentials or a compromised harness cannot reach DynamoDB, the internet or
 * any other AWS API.
 */
public final class Functions extends Construct {
  /** The functions, in pipeline order, with their handler class and sizing. */
  public enum Stage {
    // Measured figures: docs/BENCHMARKS.md "## Loop" (peak RSS incl. sandbox children; 1769 MB = 1 vCPU).
    // plan: peak 190 MiB, 0.25 s warm / 2.5 s cold (evolutionary); 1024 for 0.58 vCPU to compile-check candidates.
    // 600 s for an LLM plan: the planner stops at PLAN_TIMEOUT_S (540 s: a first answer and two follow-ups of up to 180 s
    // each, see docs/DEPLOY.md) and the handler's own deadline (remaining time - 20 s) whichever is first; 60 s is left
    // for the history reads, compile check and store writes around it, and the task's backstop is 660 s.
    PLAN("PlanHandler", 1024, 600),
    // validate: peak 390 MiB (a child may reach its 512 MiB heap), 0.7 s warm / 2.3 s cold; 150 s = 2 smoke children x the sandbox's 60 s + compile.
    VALIDATE("ValidateHandler", 1024, 150),
    // execute: peak 630 MiB (~950 worst with a full child heap), 14 s median / 34 s p90 / 19 s cold; 2048 for 1.16 vCPU.
    // 900 s (Lambda's maximum; billed by the duration used, not the limit): the dev pass and the held-out pass each
    // run 2 children per clip (encode, decode) of at most 60 s, plus x264 on a baseline cache miss; the worst case of
    // the default sets is checked by ExecuteBudgetTest, and execute skips the held-out pass when too little time is
    // left (so a slow candidate still returns its dev numbers instead of dying as Sandbox.Timedout).
    EXECUTE("ExecuteHandler", 2048, 900),
    // record: peak 150 MiB, 0.07 s warm / 2.2 s cold (first DynamoDB call); 30 s leaves room for SDK retries.
    RECORD("RecordHandler", 512, 30),
    // monitor: not re-measured here (monitor benchmarks: 0.1 s per hourly run, 5 s first run over 20k experiments).
    MONITOR("MonitorHandler", 1024, 120);

    public final String handlerClass;
    public final int memoryMb;
    public final int timeoutSeconds;

    Stage(String handlerClass, int memoryMb, int timeoutSeconds) {
      this.handlerClass = handlerClass;
      this.memoryMb = memoryMb;
      this.timeoutSeconds = timeoutSeconds;
    }

    /** "plan", "validate", ...: the Powertools service name and the CDK id prefix. */
    public String id() { return name().toLowerCase(Locale.ROOT); }

    String title() { return name().charAt(0) + id().substring(1); }

    public String handler() { return "codeclab.handlers." + handlerClass + "::handleRequest"; }

    /** True for the functions that run candidate code. */
    public boolean sandboxed() { return this == VALIDATE || this == EXECUTE; }
  }

  /** Props: the config, and the store and bucket the functions are wired to. */
  public record Props(LabConfig config, Table experiments, Table runs, Bucket bucket) {}

  public static final String BUILD_FIRST = "build first: .ci/mvn -DskipTests package";
  /** Short-lived functions: C1 only, for a fast first invocation (also the java21 runtime's default). */
  static final String C1_ONLY = "-XX:+TieredCompilation -XX:TieredStopAtLevel=1";
  /**
   * execute: full tiered compilation up to C2. Lambda's java17/java21 runtimes stop at tier 1 unless
   * JAVA_TOOL_OPTIONS says otherwise; AWS recommends level 4 for compute-intensive functions
   * (https://docs.aws.amazon.com/lambda/latest/dg/java-customization.html). The RD sweep's metric loops
   * (PSNR, SSIM over every frame) run in this JVM for seconds to minutes, and docs/BENCHMARKS.md measured them on C2.
   */
  static final String C2 = "-XX:+TieredCompilation -XX:TieredStopAtLevel=4";
  static final String JAVACPP_CACHE = "-Dorg.bytedeco.javacpp.cachedir=/tmp/javacpp";

  private final Map<Stage, Function> functions = new EnumMap<>(Stage.class);
  private final Map<Stage, Alias> aliases = new EnumMap<>(Stage.class);
  private final Map<Stage, Role> roles = new EnumMap<>(Stage.class);
  private final Vpc vpc;
  private final GatewayVpcEndpoint s3Endpoint;
  private final LayerVersion javacv;

  public Functions(Construct scope, String id, Props props) {
    super(scope, id);
    LabConfig config = props.config();
    Code code = Code.fromAsset(requireFile(config.handlersJar(), "the handlers jar").toString());
    javacv = LayerVersion.Builder.create(this, "JavaCvLayer")
        .code(Code.fromAsset(requireFile(config.layerZip(), "the JavaCV layer zip").toString()))
        .compatibleRuntimes(List.of(Runtime.JAVA_21))
        .compatibleArchitectures(List.of(Architecture.ARM_64))
        .description("JavaCV, JavaCPP and GPL FFmpeg natives (x264) for linux-arm64")
        .build();

    vpc = Vpc.Builder.create(this, "SandboxVpc")
        .maxAzs(2).natGateways(0)
        .subnetConfiguration(List.of(SubnetConfiguration.builder()
            .name("isolated").subnetType(SubnetType.PRIVATE_ISOLATED).cidrMask(24).build()))
        .build();
    s3Endpoint = vpc.addGatewayEndpoint("S3", GatewayVpcEndpointOptions.builder()
        .service(GatewayVpcEndpointAwsService.S3).build());
    // The endpoint is the only way out; it only reaches the artifact bucket, whatever credentials are used.
    s3Endpoint.addToPolicy(PolicyStatement.Builder.create()
        .principals(List.of(new StarPrincipal()))
        .actions(List.of("s3:GetObject", "s3:PutObject"))
        .resources(List.of(props.bucket().arnForObjects("*"))).build());
    s3Endpoint.addToPolicy(PolicyStatement.Builder.create()
        .principals(List.of(new StarPrincipal()))
        .actions(List.of("s3:ListBucket"))
        .resources(List.of(props.bucket().getBucketArn())).build());
    LogGroup flowLogs = logGroup("SandboxFlowLogs");
    vpc.addFlowLog("SandboxFlowLog", FlowLogOptions.builder()
        .destination(FlowLogDestination.toCloudWatchLogs(flowLogs))
        .trafficType(FlowLogTrafficType.REJECT).build());
    SecurityGroup sandboxSg = SecurityGroup.Builder.create(this, "SandboxSecurityGroup").vpc(vpc)
        .allowAllOutbound(false)
        .description("codec-lab sandbox functions: HTTPS to the S3 prefix list only (through the gateway endpoint)")
        .build();
    // Only S3's addresses in this region (its AWS-managed prefix list), not 0.0.0.0/0: nothing else in the VPC,
    // not even the other sandboxed function, is reachable.
    sandboxSg.addEgressRule(Peer.prefixList(SandboxNetwork.s3PrefixListId(this)), Port.tcp(443),
        "HTTPS to S3 through the gateway endpoint");
    // DNS does not pass through security groups: the VPC resolver would resolve (and so leak) any name.
    SandboxNetwork.dnsFirewall(this, vpc);

    for (Stage stage : Stage.values()) {
      LogGroup logs = logGroup(stage.title() + "Logs");
      Role role = Role.Builder.create(this, stage.title() + "Role")
          .assumedBy(new ServicePrincipal("lambda.amazonaws.com"))
          .description("codec-lab " + stage.id() + " function")
          .build();
      logs.grantWrite(role);
      Function.Builder fb = Function.Builder.create(this, stage.title())
          .runtime(Runtime.JAVA_21)
          .architecture(Architecture.ARM_64)
          .handler(stage.handler())
          .code(code)
          .memorySize(stage.memoryMb)
          .timeout(Duration.seconds(stage.timeoutSeconds))
          .snapStart(SnapStartConf.ON_PUBLISHED_VERSIONS)
          .role(role)
          .logGroup(logs)
          .environment(environment(stage, props, key -> getNode().tryGetContext(key), Stack.of(this).getStackName()))
          .description("codec-lab " + stage.id());
      if (stage.sandboxed()) {
        fb.vpc(vpc).vpcSubnets(SubnetSelection.builder().subnetType(SubnetType.PRIVATE_ISOLATED).build())
            .securityGroups(List.of(sandboxSg)).layers(List.of(javacv));
      } else {
        fb.tracing(Tracing.ACTIVE);
      }
      Function fn = fb.build();
      // The warning asks for a published version: the live alias below points at one.
      software.amazon.awscdk.Annotations.of(fn).acknowledgeWarning("@aws-cdk/aws-lambda:snapStartRequirePublish",
          "invoked only through the live alias of currentVersion");
      Alias alias = Alias.Builder.create(this, stage.title() + "Live")
          .aliasName("live").version(fn.getCurrentVersion()).build();
      functions.put(stage, fn);
      aliases.put(stage, alias);
      roles.put(stage, role);
    }
    String endpoint = s3Endpoint.getVpcEndpointId();
    // validate compiles and smoke-runs on built-in synthetic frames: it reads the candidate's code, nothing else.
    grantSandboxed(roles.get(Stage.VALIDATE), props.bucket(), endpoint, List.of(Artifacts.CODE), List.of(), null);
    // execute: code and clips in, results out; x264 baselines are a cache it reads and fills.
    grantSandboxed(roles.get(Stage.EXECUTE), props.bucket(), endpoint,
        List.of(Artifacts.CODE, Artifacts.CLIPS, Artifacts.BASELINES), List.of(Artifacts.RESULTS, Artifacts.BASELINES),
        // A clip set is a folder (or names) under clips/: execute lists that prefix to find the files.
        Artifacts.CLIPS);
    grantPlan(roles.get(Stage.PLAN), props, config);
    grantRecord(roles.get(Stage.RECORD), props);
    grantMonitor(roles.get(Stage.MONITOR), props);
    suppress();
  }

  private static Path requireFile(Path path, String what) {
    if (!Files.isRegularFile(path)) {
      throw new IllegalStateException("codec-lab: " + what + " is missing at " + path.toAbsolutePath()
          + ": " + BUILD_FIRST + " (from the repo root), or pass its path with -c "
          + (what.contains("layer") ? "layerZip" : "handlersJar") + "=...");
    }
    return path;
  }

  private LogGroup logGroup(String id) {
    return LogGroup.Builder.create(this, id)
        .retention(RetentionDays.ONE_MONTH)
        .removalPolicy(RemovalPolicy.DESTROY)
        .build();
  }

  /** The LLM planner's seconds: one call, and the whole plan (the Plan function's timeout minus 60 s for the loop's own work). */
  static final int LLM_CALL_TIMEOUT_S = 180;
  static final int PLAN_TIMEOUT_S = Stage.PLAN.timeoutSeconds - 60;

  /** CDK context keys of the LLM planner's settings and the environment variables they become. */
  static final Map<String, String> LLM_CONTEXT = Map.of("llmPrice", "CODEC_LAB_LLM_PRICE", "maxTokens", "CODEC_LAB_MAX_TOKENS",
      "temperature", "CODEC_LAB_TEMPERATURE", "reasoningEffort", "CODEC_LAB_REASONING_EFFORT",
      "thinkingBudget", "CODEC_LAB_THINKING_BUDGET", "llmAttempts", "CODEC_LAB_LLM_ATTEMPTS");

  /** The environment variable naming the metrics' Service dimension: the stack, so two stacks never share metrics. */
  public static final String ENV_METRICS_SERVICE = "CODEC_LAB_METRICS_SERVICE";

  private static Map<String, String> environment(Stage stage, Props props, java.util.function.Function<String, Object> context,
      String stackName) {
    LabConfig c = props.config();
    Map<String, String> env = new LinkedHashMap<>();
    env.put("POWERTOOLS_SERVICE_NAME", stage.id());
    env.put("POWERTOOLS_METRICS_NAMESPACE", Monitoring.NAMESPACE);
    env.put(ENV_METRICS_SERVICE, stackName);
    env.put("POWERTOOLS_LOG_LEVEL", "INFO");
    env.put("CODEC_LAB_BUCKET", props.bucket().getBucketName());
    env.put("CODEC_LAB_TARGET_PSNR", plain(c.targetPsnrY()));
    env.put("CODEC_LAB_CLIP_SET", c.clipSet());
    env.put("CODEC_LAB_MAX_LITERAL_DATA_BYTES", Integer.toString(c.maxLiteralDataBytes()));
    if (!c.holdoutSet().isEmpty()) env.put("CODEC_LAB_HOLDOUT_SET", c.holdoutSet());
    if (!stage.sandboxed()) {
      // The sandboxed functions get no table names: they have no access to the store anyway.
      env.put("CODEC_LAB_EXPERIMENTS_TABLE", props.experiments().getTableName());
      env.put("CODEC_LAB_RUNS_TABLE", props.runs().getTableName());
      // The handlers share one wiring that parses the planner choice at init, so all of them get it.
      env.put("CODEC_LAB_PLANNER", c.planner());
      env.put("CODEC_LAB_MODEL", c.plannerModel());
      env.put("CODEC_LAB_LLM_URL", c.llmUrl());
      env.put("CODEC_LAB_BUDGET_USD", plain(c.budgetUsd()));
      // The planner's price and output settings (the shared wiring checks the price at init, so all of these get them).
      new java.util.TreeMap<>(LLM_CONTEXT).forEach((key, variable) -> {
        Object v = context.apply(key);
        if (v != null && !v.toString().isBlank()) env.put(variable, v.toString());
      });
    }
    if (stage == Stage.PLAN) {
      // Only plan reads the key (and may read the secret); only plan's choices depend on the seed.
      if (!c.llmSecretId().isEmpty()) env.put("CODEC_LAB_LLM_SECRET_ID", c.llmSecretId());
      env.put("CODEC_LAB_SEED", Long.toString(c.seed()));
      env.put("CODEC_LAB_LLM_CALL_TIMEOUT_S", Integer.toString(LLM_CALL_TIMEOUT_S));
      env.put("CODEC_LAB_PLAN_TIMEOUT_S", Integer.toString(PLAN_TIMEOUT_S));
    }
    env.put("JAVA_TOOL_OPTIONS", switch (stage) {
      case EXECUTE -> C2 + " " + JAVACPP_CACHE;
      case VALIDATE -> C1_ONLY + " " + JAVACPP_CACHE;
      default -> C1_ONLY;
    });
    return env;
  }

  static String plain(double v) {
    return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
  }

  /**
   * Candidate-running functions: read what they are handed, write results; nothing else. Every S3 grant holds only
   * through the sandbox VPC's gateway endpoint (aws:SourceVpce), so credentials taken out of the function are useless.
   */
  private void grantSandboxed(Role role, Bucket bucket, String endpoint, List<String> reads, List<String> writes,
                              String listPrefix) {
    Map<String, Object> viaEndpoint = Map.of("StringEquals", Map.of("aws:SourceVpce", endpoint));
    role.addToPolicy(PolicyStatement.Builder.create().sid("ReadInputs")
        .actions(List.of("s3:GetObject"))
        .resources(reads.stream().map(p -> bucket.arnForObjects(p + "*")).toList())
        .conditions(viaEndpoint).build());
    if (!writes.isEmpty()) {
      role.addToPolicy(PolicyStatement.Builder.create().sid("WriteResults")
          .actions(List.of("s3:PutObject"))
          .resources(writes.stream().map(p -> bucket.arnForObjects(p + "*")).toList())
          .conditions(viaEndpoint).build());
    }
    if (listPrefix != null) {
      role.addToPolicy(PolicyStatement.Builder.create().sid("ListClips")
          .actions(List.of("s3:ListBucket"))
          .resources(List.of(bucket.getBucketArn()))
          .conditions(Map.of("StringEquals", Map.of("aws:SourceVpce", endpoint),
              "StringLike", Map.of("s3:prefix", List.of(listPrefix, listPrefix + "*"))))
          .build());
    }
    List<String> eni = List.of("ec2:CreateNetworkInterface", "ec2:DescribeNetworkInterfaces",
        "ec2:DescribeSubnets", "ec2:DeleteNetworkInterface", "ec2:AssignPrivateIpAddresses",
        "ec2:UnassignPrivateIpAddresses");
    // Lambda itself needs these to attach the function to the VPC (they do not scope below "*")...
    role.addToPolicy(PolicyStatement.Builder.create().sid("LambdaManagesEnis")
        .actions(eni).resources(List.of("*")).build());
    // ...but code running inside the function must not use them: Lambda's own ENI calls carry no
    // lambda:SourceFunctionArn, calls made with the function's credentials do
    // (https://docs.aws.amazon.com/lambda/latest/dg/permissions-source-function-arn.html).
    role.addToPolicy(PolicyStatement.Builder.create().sid("DenyEnisToFunctionCode").effect(Effect.DENY)
        .actions(eni).resources(List.of("*"))
        .conditions(Map.of("ArnLike", Map.of("lambda:SourceFunctionArn",
            Stack.of(this).formatArn(software.amazon.awscdk.ArnComponents.builder().service("lambda")
                .resource("function").resourceName("*")
                .arnFormat(software.amazon.awscdk.ArnFormat.COLON_RESOURCE_NAME).build()))))
        .build());
  }

  /** Exactly {@code actions} on the objects under each prefix: no bucket-level or List actions. */
  private static void grantObjects(Role role, Bucket bucket, String sid, String action, String... prefixes) {
    role.addToPolicy(PolicyStatement.Builder.create().sid(sid)
        .actions(List.of(action))
        .resources(java.util.Arrays.stream(prefixes).map(p -> bucket.arnForObjects(p + "*")).toList()).build());
  }

  /**
   * plan: the store, history (code, results, baselines), writes its source (code/) and raw LLM answers
   * (answers/). Content-addressed writes are plain PutObjects (rewriting a hash key changes nothing), so no
   * HeadObject, no ListBucket and no read of answers/.
   */
  private static void grantPlan(Role role, Props props, LabConfig config) {
    // History reads (newest, best by ratio, failures by outcome), the PLANNED item, the stuck sweep's updates.
    grantTable(role, "Experiments", props.experiments(), true, "dynamodb:GetItem", "dynamodb:PutItem",
        "dynamodb:UpdateItem", "dynamodb:Query");
    // The run item (ensureRun, the current-run pointer, counters of the stuck sweep).
    grantTable(role, "Runs", props.runs(), false, "dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem");
    Bucket b = props.bucket();
    grantObjects(role, b, "ReadHistory", "s3:GetObject", Artifacts.CODE, Artifacts.RESULTS, Artifacts.BASELINES);
    grantObjects(role, b, "WriteCandidates", "s3:PutObject", Artifacts.CODE, Artifacts.ANSWERS);
    if (config.planner().equals("bedrock")) {
      // Converse is authorised by bedrock:InvokeModel (there is no separate IAM action for it).
      role.addToPolicy(PolicyStatement.Builder.create().sid("InvokeBedrock")
          .actions(List.of("bedrock:InvokeModel"))
          .resources(bedrockResources(Stack.of(role), config.plannerModel())).build());
    }
    if (!config.llmSecretId().isEmpty()) {
      role.addToPolicy(PolicyStatement.Builder.create().sid("ReadLlmApiKey")
          .actions(List.of("secretsmanager:GetSecretValue"))
          .resources(List.of(secretArn(Stack.of(role), config.llmSecretId()))).build());
    }
  }

  /**
   * The ARNs a model id names: a full ARN as is; a cross-region inference profile ({@code us.}, {@code eu.},
   * {@code apac.}, {@code global.} ... prefix) in this account and region plus its foundation model in every
   * region the profile may route to; otherwise the foundation model in this region.
   */
  static List<String> bedrockResources(Stack stack, String model) {
    if (model.startsWith("arn:")) return List.of(model);
    String partition = stack.getPartition();
    java.util.regex.Matcher profile = java.util.regex.Pattern
        .compile("(us|us-gov|eu|apac|jp|au|ca|global)\\.(.+)").matcher(model);
    if (profile.matches()) {
      return List.of(
          "arn:" + partition + ":bedrock:" + stack.getRegion() + ":" + stack.getAccount() + ":inference-profile/" + model,
          "arn:" + partition + ":bedrock:*::foundation-model/" + profile.group(2));
    }
    return List.of("arn:" + partition + ":bedrock:" + stack.getRegion() + "::foundation-model/" + model);
  }

  /** A complete secret ARN as is; a name gets the wildcard for the 6-character suffix Secrets Manager appends. */
  static String secretArn(Stack stack, String secretId) {
    if (secretId.startsWith("arn:")) return secretId;
    return "arn:" + stack.getPartition() + ":secretsmanager:" + stack.getRegion() + ":" + stack.getAccount()
        + ":secret:" + secretId + "-??????";
  }

  /**
   * record: the experiment's final write and the run's counters, the experiment's code and results to render its
   * post, the post and the run's blog index (site/). The dashboard, run list and archive pages are the monitor's.
   */
  private static void grantRecord(Role role, Props props) {
    grantTable(role, "Experiments", props.experiments(), false, "dynamodb:GetItem", "dynamodb:PutItem",
        "dynamodb:UpdateItem", "dynamodb:Query");
    grantTable(role, "Runs", props.runs(), false, "dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem");
    grantObjects(role, props.bucket(), "ReadForPosts", "s3:GetObject", Artifacts.CODE, Artifacts.RESULTS);
    grantObjects(role, props.bucket(), "WriteSite", "s3:PutObject", Artifacts.SITE);
  }

  /**
   * monitor: reads the store, records stuck experiments TIMED_OUT (UpdateItem on Experiments), saves its state on
   * the run item, reads code and results for the pages and writes site/; lists archives/ for the archive page.
   */
  private static void grantMonitor(Role role, Props props) {
    grantTable(role, "Experiments", props.experiments(), true, "dynamodb:GetItem", "dynamodb:Query",
        "dynamodb:UpdateItem");
    grantTable(role, "Runs", props.runs(), false, "dynamodb:GetItem", "dynamodb:UpdateItem", "dynamodb:Scan");
    grantObjects(role, props.bucket(), "ReadForPages", "s3:GetObject", Artifacts.CODE, Artifacts.RESULTS, Artifacts.ARCHIVES);
    grantObjects(role, props.bucket(), "WriteSite", "s3:PutObject", Artifacts.SITE);
    // The archive page lists the purge manifests. Listing only under archives/ (s3:prefix); ListBucket on the bucket
    // would also turn S3's 403 for a missing key into 404, but the monitor reads only keys it listed or was given.
    role.addToPolicy(PolicyStatement.Builder.create().sid("ListArchives")
        .actions(List.of("s3:ListBucket"))
        .resources(List.of(props.bucket().getBucketArn()))
        .conditions(Map.of("StringLike", Map.of("s3:prefix", List.of(Artifacts.ARCHIVES, Artifacts.ARCHIVES + "*"))))
        .build());
  }

  /** Exactly {@code actions} on one table (and its indexes when {@code indexes}): no Scan, batch or stream action by default. */
  private static void grantTable(Role role, String sid, Table table, boolean indexes, String... actions) {
    List<String> resources = indexes ? List.of(table.getTableArn(), table.getTableArn() + "/index/*")
        : List.of(table.getTableArn());
    role.addToPolicy(PolicyStatement.Builder.create().sid(sid)
        .actions(List.of(actions)).resources(resources).build());
  }

  private void suppress() {
    for (Stage stage : Stage.values()) {
      Role role = roles.get(stage);
      String why = stage.sandboxed()
          ? "Prefix-scoped object ARNs (code/*, clips/*, baselines/*, results/*): object keys are content hashes"
              + " known only at run time. The ec2 ENI actions cannot be scoped below '*' (Lambda's VPC attachment)"
              + " and are denied to the function's own code by lambda:SourceFunctionArn. CreateLogStream needs"
              + " the log group's ':*' stream ARN."
          : "Wildcards are CDK grants scoped to this stack's tables (and their indexes), prefix-scoped object"
              + " ARNs in the artifact bucket, the function's own log streams, X-Ray segments (no resource-level"
              + " permissions) and, for a bedrock planner, the configured model's foundation-model ARN in every"
              + " region a cross-region inference profile may route to; a secret name ends in the '-??????'"
              + " suffix wildcard Secrets Manager requires.";
      NagSuppressions.addResourceSuppressions(role, List.of(
          NagPackSuppression.builder().id("AwsSolutions-IAM5").reason(why).build()), true);
      NagSuppressions.addResourceSuppressions(functions.get(stage), List.of(
          NagPackSuppression.builder().id("AwsSolutions-L1").reason(
              "java21 is the project's fixed runtime (SnapStart-tested, matches the build's --release 21).").build()));
    }
  }

  public Function function(Stage stage) { return functions.get(stage); }

  /** The alias the state machine and the rules invoke (a published version, so SnapStart applies). */
  public Alias alias(Stage stage) { return aliases.get(stage); }

  public Role role(Stage stage) { return roles.get(stage); }

  public Vpc vpc() { return vpc; }

  /** The S3 gateway endpoint of the sandbox VPC (the sandboxed roles' S3 grants require it as aws:SourceVpce). */
  public GatewayVpcEndpoint s3Endpoint() { return s3Endpoint; }

  public LayerVersion javacvLayer() { return javacv; }
}
