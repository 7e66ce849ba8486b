package codeclab.infra.replay;

import codeclab.core.Experiment;
import codeclab.core.ExperimentStatus;
import codeclab.handlers.ExecuteHandler;
import codeclab.handlers.MonitorHandler;
import codeclab.handlers.PlanHandler;
import codeclab.handlers.RecordHandler;
import codeclab.handlers.ValidateHandler;
import codeclab.handlers.Wiring;
import codeclab.infra.CodecLabStack;
import codeclab.infra.Definitions;
import codeclab.infra.Functions.Stage;
import codeclab.local.LocalStateMachine;
import codeclab.local.asl.AslException;
import codeclab.local.asl.StateMachineExecutor;
import codeclab.loop.Json;
import codeclab.loop.LoopService;
import codeclab.media.ClipLibrary;
import codeclab.monitor.ops.MonitorFunction;
import codeclab.monitor.ops.Operations;
import codeclab.monitor.ops.ScheduleControl;
import codeclab.store.DynamoConfig;
import codeclab.store.DynamoExperimentStore;
import codeclab.store.EmbeddedDynamo;
import codeclab.store.ExperimentIds;
import codeclab.store.S3ArtifactStore;
import com.adobe.testing.s3mock.S3MockApplication;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * One end-to-end run of the deployed wiring on loopback servers: each function is built by its production wiring
 * ({@link Wiring#loop}, {@link MonitorFunction#fromEnvironment}) from the environment the synthesized template gives
 * it, with real SDK clients whose requests {@link CallRecorder} records and sends to dynalite, S3Mock and a small
 * SNS/EventBridge server. The state machine is the synthesized definition, run by the local executor:
 * <ol>
 *   <li>a generation of two slots that completes (plan, validate, execute on a clip set read from the bucket's
 *       clips/ prefix with x264 baselines shared through baselines/, the held-out pass, record with its site post);</li>
 *   <li>a generation whose Plan fails in one slot (Record without an experiment id, failing once after its write so
 *       that Step Functions retries it) and whose Execute hits Lambda's own timeout in the other;</li>
 *   <li>a stuck experiment and an archived run, then the hourly monitor.</li>
 * </ol>
 */
final class IamReplay implements AutoCloseable {

  final TemplateResolver template;
  final Map<Stage, String> functionIds = new EnumMap<>(Stage.class);
  final Map<Stage, String> roleIds = new EnumMap<>(Stage.class);
  final String bucket;
  final String experimentsTable;
  final String runsTable;
  final Path work;
  final Map<String, Object> monitorResult;
  final List<String> siteKeys;
  final DynamoExperimentStore operatorStore;
  final List<String> generationErrors = new ArrayList<>();
  final int planFailureRecords;

  private final EmbeddedDynamo dynamo;
  private final S3MockApplication s3mock;
  private final LoopbackAws aws;

  @SuppressWarnings("unchecked")
  IamReplay(CodecLabStack stack, Map<String, Object> templateJson) throws Exception {
    template = new TemplateResolver(templateJson);
    for (Stage s : Stage.values()) {
      functionIds.put(s, stack.getLogicalId((software.amazon.awscdk.CfnElement) stack.functions().function(s).getNode().getDefaultChild()));
      roleIds.put(s, stack.getLogicalId((software.amazon.awscdk.CfnElement) stack.functions().role(s).getNode().getDefaultChild()));
    }
    bucket = template.name(stack.getLogicalId((software.amazon.awscdk.CfnElement) stack.artifacts().bucket().getNode().getDefaultChild()));
    experimentsTable = template.name(stack.getLogicalId((software.amazon.awscdk.CfnElement) stack.store().experiments().getNode().getDefaultChild()));
    runsTable = template.name(stack.getLogicalId((software.amazon.awscdk.CfnElement) stack.store().runs().getNode().getDefaultChild()));
    work = Files.createTempDirectory("codec-lab-iam-replay");

    dynamo = EmbeddedDynamo.inMemory();
    Map<String, Object> props = new HashMap<>();
    props.put(S3MockApplication.PROP_HTTP_PORT, S3MockApplication.RANDOM_PORT);
    props.put(S3MockApplication.PROP_HTTPS_PORT, S3MockApplication.RANDOM_PORT);
    props.put(S3MockApplication.PROP_SILENT, true);
    s3mock = S3MockApplication.start(props);
    aws = new LoopbackAws();
    System.setProperty("aws.accessKeyId", "replay");
    System.setProperty("aws.secretAccessKey", "replay");
    CallRecorder.start(Map.of("DynamoDb", dynamo.endpoint(), "S3", URI.create("http://127.0.0.1:" + s3mock.getHttpPort()),
        "Sns", aws.endpoint(), "EventBridge", aws.endpoint()));

    // The operator (the CLI with the user's credentials) creates what the stack and `aws s3 cp` would.
    operatorStore = CallRecorder.asOperator(() -> DynamoExperimentStore.create(
        DynamoConfig.local(dynamo.endpoint()).withTables(experimentsTable, runsTable)).createTables());
    S3Client operatorS3 = S3Client.builder().httpClient(UrlConnectionHttpClient.create()).region(Region.of(TemplateResolver.REGION)).build();
    CallRecorder.asOperator(() -> operatorS3.createBucket(b -> b.bucket(bucket)));
    ClipLibrary clips = new ClipLibrary(work.resolve("upload"));
    for (var info : clips.generateSet("tiny")) {
      byte[] bytes = Files.readAllBytes(info.path());
      CallRecorder.asOperator(() -> operatorS3.putObject(p -> p.bucket(bucket).key("clips/replay/" + info.path().getFileName()),
          RequestBody.fromBytes(bytes)));
    }

    Map<Stage, LoopService> loops = new EnumMap<>(Stage.class);
    for (Stage s : List.of(Stage.PLAN, Stage.VALIDATE, Stage.EXECUTE, Stage.RECORD)) {
      Map<String, String> env = environment(s);
      loops.put(s, CallRecorder.as(s.id(), () -> Wiring.loop(env)));
    }
    JsonNode definition = Json.MAPPER.readTree(Definitions.stateMachineDefinition(stack));

    // 1. A generation that completes.
    run(definition, handlers(loops, Map.of()), "g1", 2);
    // 2. Plan fails in slot 1 (Record creates the experiment, then fails once: retried); Lambda's timeout in slot 0.
    AtomicInteger recordAttempts = new AtomicInteger();
    Map<String, Function<JsonNode, JsonNode>> faults = new HashMap<>();
    faults.put("Plan", in -> {
      if (in.path("slot").asText().equals("1")) throw new IllegalStateException("the run item could not be read");
      return null;
    });
    faults.put("Execute", in -> {
      throw new AslException("Sandbox.Timedout", "{\"errorMessage\":\"Task timed out after 900.00 seconds\"}");
    });
    Map<String, Function<JsonNode, JsonNode>> h2 = handlers(loops, faults);
    Function<JsonNode, JsonNode> record = h2.get("Record");
    h2.put("Record", in -> {
      JsonNode out = record.apply(in);
      if (!in.has("experimentId") && recordAttempts.incrementAndGet() == 1) {
        throw new AslException("Lambda.ServiceException", "the response was lost after Record had written");
      }
      return out;
    });
    String run = CallRecorder.asOperator(() -> operatorStore.resolveRun("current"));
    // An experiment a lost execution left PLANNED two hours ago: the next Plan's sweep records it TIMED_OUT.
    planned(loops.get(Stage.PLAN), run, Duration.ofHours(2));
    run(definition, h2, "g2", 2);
    planFailureRecords = recordAttempts.get();

    // 3. Another stuck experiment, a slow one still in flight, an archived run, then the monitor twice (the second
    //    run reads the one still in flight by key).
    planned(loops.get(Stage.PLAN), run, Duration.ofHours(2));
    planned(loops.get(Stage.PLAN), run, Duration.ofMinutes(10));
    CallRecorder.asOperator(() -> {
      operatorStore.createRun("old-run", Instant.now());
      return new Operations(operatorStore, S3ArtifactStore.create(bucket, "", TemplateResolver.REGION), ScheduleControl.NONE,
          Clock.systemUTC()).purge("old-run");
    });
    Map<String, String> monitorEnv = environment(Stage.MONITOR);
    MonitorHandler monitor = CallRecorder.as(Stage.MONITOR.id(), () -> new MonitorHandler(MonitorFunction.fromEnvironment(monitorEnv)));
    monitorResult = CallRecorder.as(Stage.MONITOR.id(), () -> monitor.handleRequest(Map.of("runId", "current"), null));
    CallRecorder.as(Stage.MONITOR.id(), () -> monitor.handleRequest(Map.of("runId", "current"), null));

    siteKeys = CallRecorder.asOperator(() -> operatorS3.listObjectsV2Paginator(l -> l.bucket(bucket).prefix("site/"))
        .contents().stream().map(S3Object::key).toList());
  }

  /** An experiment the plan function stored {@code age} ago and nothing finished since. */
  private static void planned(LoopService plan, String run, Duration age) {
    Instant at = Instant.now().minus(age);
    CallRecorder.as(Stage.PLAN.id(), () -> {
      plan.store().plan(new Experiment(run, ExperimentIds.next(at), ExperimentStatus.PLANNED, null, null,
          "evolutionary", null, null, null, null, at, null, null, null, null, 0));
      return null;
    });
  }

  /** The function's environment as the template sets it, plus what Lambda adds and the replay's clip sets. */
  @SuppressWarnings("unchecked")
  Map<String, String> environment(Stage stage) {
    Map<String, Object> props = template.properties(functionIds.get(stage));
    Map<String, Object> vars = (Map<String, Object>) ((Map<String, Object>) props.get("Environment")).get("Variables");
    Map<String, String> env = new LinkedHashMap<>();
    vars.forEach((k, v) -> env.put(k, String.valueOf(v)));
    env.put("AWS_REGION", TemplateResolver.REGION);
    env.put("CODEC_LAB_WORK_DIR", work.resolve(stage.id()).toString());
    // Small clip sets for a quick replay: dev clips from the bucket (clips/replay/), held-out ones built in.
    env.put("CODEC_LAB_CLIP_SET", "replay");
    env.put("CODEC_LAB_HOLDOUT_SET", "tiny-holdout");
    return env;
  }

  private Map<String, Function<JsonNode, JsonNode>> handlers(Map<Stage, LoopService> loops,
                                                             Map<String, Function<JsonNode, JsonNode>> faults) {
    Map<String, Function<JsonNode, JsonNode>> h = new HashMap<>();
    // CheckRunning (sfn:listExecutions) is answered by the local executor; its request is simulated from the definition.
    h.put("Plan", as(Stage.PLAN, new PlanHandler(loops.get(Stage.PLAN)), faults.get("Plan")));
    h.put("Validate", as(Stage.VALIDATE, new ValidateHandler(loops.get(Stage.VALIDATE)), faults.get("Validate")));
    h.put("Execute", as(Stage.EXECUTE, new ExecuteHandler(loops.get(Stage.EXECUTE)), faults.get("Execute")));
    h.put("Record", as(Stage.RECORD, new RecordHandler(loops.get(Stage.RECORD)), faults.get("Record")));
    return h;
  }

  private static Function<JsonNode, JsonNode> as(Stage stage, RequestHandler<Map<String, Object>, Map<String, Object>> handler,
                                                 Function<JsonNode, JsonNode> fault) {
    return input -> CallRecorder.as(stage.id(), () -> {
      if (fault != null) {
        JsonNode injected = fault.apply(input);
        if (injected != null) return injected;
      }
      Map<String, Object> event = Json.MAPPER.convertValue(input, new TypeReference<Map<String, Object>>() { });
      return Json.MAPPER.valueToTree(handler.handleRequest(event, null));
    });
  }

  private void run(JsonNode definition, Map<String, Function<JsonNode, JsonNode>> handlers, String name, int slots) {
    LocalStateMachine machine = new LocalStateMachine(definition, handlers,
        StateMachineExecutor.Options.defaults().withRetryTimeScale(0.01));
    var input = Json.MAPPER.createObjectNode().put("runId", "current");
    var array = input.putArray("slots");
    for (int i = 0; i < slots; i++) array.add(i);
    StateMachineExecutor.Result r = machine.execute(name, input);
    if (r instanceof StateMachineExecutor.Failed f) generationErrors.add(name + ": " + f.error() + ": " + f.cause());
  }

  @Override
  public void close() {
    CallRecorder.stop();
    aws.close();
    s3mock.stop();
    dynamo.close();
  }
}
