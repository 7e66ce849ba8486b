package codeclab.infra;

import codeclab.infra.Functions.Stage;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.amazon.awscdk.services.stepfunctions.CatchProps;
import software.amazon.awscdk.services.stepfunctions.Choice;
import software.amazon.awscdk.services.stepfunctions.Condition;
import software.amazon.awscdk.services.stepfunctions.DefinitionBody;
import software.amazon.awscdk.services.stepfunctions.JitterType;
import software.amazon.awscdk.services.stepfunctions.JsonPath;
import software.amazon.awscdk.services.stepfunctions.LogLevel;
import software.amazon.awscdk.services.stepfunctions.LogOptions;
import software.amazon.awscdk.services.stepfunctions.RetryProps;
import software.amazon.awscdk.services.stepfunctions.StateMachine;
import software.amazon.awscdk.services.stepfunctions.StateMachineType;
import software.amazon.awscdk.services.stepfunctions.Timeout;
import software.amazon.awscdk.services.stepfunctions.tasks.LambdaInvoke;
import software.amazon.awscdk.services.stepfunctions.tasks.CallAwsService;
import software.amazon.awscdk.services.stepfunctions.Succeed;
import software.amazon.awscdk.Stack;
import io.github.cdklabs.cdknag.NagPackSuppression;
import io.github.cdklabs.cdknag.NagSuppressions;
import software.constructs.Construct;

/**
 * The Standard state machine of one generation (JSONPath; shapes in docs/STATE-MACHINE.md):
 * a Map over {@code $.slots} runs, per slot, Plan → Validate → IsValid? → Execute → Record, with Record
 * reached from every failure (Catch States.ALL, error under {@code $.error}) so nothing disappears.
 * Task results are merged with ResultPath: Validate's under {@code $.validation}, Execute's under
 * {@code $.execution}; Plan and Record replace the state.
 */
public final class Pipeline extends Construct {
  /** State names: the local executor and the tests address tasks by these. */
  public static final String MAP = "Generation";
  public static final String PLAN = "Plan";
  public static final String VALIDATE = "Validate";
  public static final String IS_VALID = "IsValid";
  public static final String EXECUTE = "Execute";
  public static final String RECORD = "Record";
  public static final String CHECK_RUNNING = "CheckRunning";
  public static final String OVERLAP = "AnotherRunning";
  public static final String SKIPPED = "Skipped";

  /** Lambda-side errors worth retrying (the service, throttling, the SDK), never the handler's own. */
  public static final List<String> TRANSIENT_ERRORS = List.of("Lambda.ServiceException",
      "Lambda.AWSLambdaException", "Lambda.SdkClientException", "Lambda.TooManyRequestsException");

  /** Props: the functions and how many slots of a generation run at once. */
  public record Props(Functions functions, int maxConcurrency) {}

  private final StateMachine stateMachine;

  public Pipeline(Construct scope, String id, Props props) {
    super(scope, id);
    Functions fns = props.functions();

    LambdaInvoke record = task(fns, Stage.RECORD, RECORD, null);
    // Record is idempotent (conditional writes), so any failure may be retried; if it still fails the
    // iteration fails, which fails the execution and raises the failed-executions alarm.
    record.addRetry(RetryProps.builder().errors(List.of("States.ALL"))
        .interval(Duration.seconds(5)).maxAttempts(3).backoffRate(2).jitterStrategy(JitterType.FULL).build());

    LambdaInvoke plan = task(fns, Stage.PLAN, PLAN, null);
    LambdaInvoke validate = task(fns, Stage.VALIDATE, VALIDATE, "$.validation");
    LambdaInvoke execute = task(fns, Stage.EXECUTE, EXECUTE, "$.execution");
    CatchProps toRecord = CatchProps.builder().errors(List.of("States.ALL")).resultPath("$.error").build();
    plan.addCatch(record, toRecord);
    validate.addCatch(record, toRecord);
    execute.addCatch(record, toRecord);

    Choice isValid = Choice.Builder.create(this, IS_VALID).stateName(IS_VALID).build();
    isValid.when(Condition.booleanEquals("$.validation.valid", true), execute.next(record)).otherwise(record);

    // Insertion-ordered: Map.of iterates in a per-JVM random order, so the synthesized definition varied.
    Map<String, Object> item = new java.util.LinkedHashMap<>();
    item.put("runId", JsonPath.stringAt("$.runId"));
    item.put("slot", JsonPath.stringAt("$$.Map.Item.Value"));
    // Only Record reads these, after a Plan that failed before it had an experiment id: the id Record then creates
    // is derived from the execution and the slot, so a retried Record finds the same experiment instead of a new one.
    item.put("executionId", JsonPath.stringAt("$$.Execution.Id"));
    item.put("startedAt", JsonPath.stringAt("$$.Execution.StartTime"));
    software.amazon.awscdk.services.stepfunctions.Map generation =
        software.amazon.awscdk.services.stepfunctions.Map.Builder.create(this, MAP).stateName(MAP)
            .itemsPath("$.slots")
            .itemSelector(item)
            .maxConcurrency(props.maxConcurrency())
            .resultPath("$.results")
            .build();
    generation.itemProcessor(plan.next(validate).next(isValid));

    // No overlapping generations: a generation that starts while another execution of this state machine is still
    // running ends at once (a slow one must not be joined by a new one every schedule tick). listExecutions returns
    // this execution too, so a second entry means another one runs; two starting in the same instant both skip.
    String name = Stack.of(this).getStackName() + "-generation";
    String arn = Stack.of(this).formatArn(software.amazon.awscdk.ArnComponents.builder().service("states")
        .resource("stateMachine").resourceName(name).arnFormat(software.amazon.awscdk.ArnFormat.COLON_RESOURCE_NAME).build());
    CallAwsService running = CallAwsService.Builder.create(this, CHECK_RUNNING).stateName(CHECK_RUNNING)
        .service("sfn").action("listExecutions")
        .parameters(listRunning())
        // The state machine's own ARN: named, so the policy can say it without a dependency cycle.
        .iamResources(List.of(arn)).iamAction("states:ListExecutions")
        .resultSelector(Map.of("executions.$", "$.Executions"))
        .resultPath("$.running")
        .build();
    running.addRetry(RetryProps.builder().errors(List.of("States.ALL"))
        .interval(Duration.seconds(2)).maxAttempts(3).backoffRate(2).jitterStrategy(JitterType.FULL).build());
    Choice overlap = Choice.Builder.create(this, OVERLAP).stateName(OVERLAP).build();
    overlap.when(Condition.isPresent("$.running.executions[1]"),
        Succeed.Builder.create(this, SKIPPED).stateName(SKIPPED)
            .comment("another generation is still running: this one starts nothing").build())
        .otherwise(generation);

    LogGroup logs = LogGroup.Builder.create(this, "Logs")
        .retention(RetentionDays.ONE_MONTH).removalPolicy(RemovalPolicy.DESTROY).build();
    stateMachine = StateMachine.Builder.create(this, "StateMachine")
        .stateMachineType(StateMachineType.STANDARD)
        .stateMachineName(name)
        .definitionBody(DefinitionBody.fromChainable(running.next(overlap)))
        .comment("codec-lab: one generation of experiments (plan, validate, execute, record)")
        .timeout(Duration.hours(2))
        .tracingEnabled(true)
        .logs(LogOptions.builder().destination(logs).level(LogLevel.ALL).includeExecutionData(true).build())
        .build();
    NagSuppressions.addResourceSuppressions(stateMachine, List.of(NagPackSuppression.builder()
        .id("AwsSolutions-IAM5")
        .reason("CDK's grants: lambda:InvokeFunction on each alias ARN and its ':*' qualifiers, and the"
            + " log-delivery and X-Ray actions that have no resource-level permissions.").build()), true);
  }

  /** listExecutions' parameters, insertion-ordered (Map.of's order varies per JVM, and so would the definition). */
  private static Map<String, Object> listRunning() {
    Map<String, Object> p = new java.util.LinkedHashMap<>();
    p.put("StateMachineArn", JsonPath.stringAt("$$.StateMachine.Id"));
    p.put("StatusFilter", "RUNNING");
    p.put("MaxResults", 2);
    return p;
  }

  /** A Lambda task on the stage's alias: the handler's own return value is the result (no Payload wrapper). */
  private LambdaInvoke task(Functions fns, Stage stage, String name, String resultPath) {
    LambdaInvoke.Builder b = LambdaInvoke.Builder.create(this, name).stateName(name)
        .lambdaFunction(fns.alias(stage))
        .payloadResponseOnly(true)
        .retryOnServiceExceptions(false)
        // A backstop above the function's own timeout: a hung invocation still ends in Record.
        .taskTimeout(Timeout.duration(Duration.seconds(stage.timeoutSeconds + 60)));
    if (resultPath != null) b.resultPath(resultPath);
    LambdaInvoke task = b.build();
    task.addRetry(RetryProps.builder().errors(TRANSIENT_ERRORS)
        .interval(Duration.seconds(2)).maxAttempts(6).backoffRate(2).maxDelay(Duration.seconds(60))
        .jitterStrategy(JitterType.FULL).build());
    return task;
  }

  public StateMachine stateMachine() { return stateMachine; }
}
