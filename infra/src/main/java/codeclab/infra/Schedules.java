package codeclab.infra;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.IntStream;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.events.Rule;
import software.amazon.awscdk.services.events.RuleTargetInput;
import software.amazon.awscdk.services.events.Schedule;
import software.amazon.awscdk.services.events.targets.LambdaFunction;
import software.amazon.awscdk.services.events.targets.SfnStateMachine;
import software.amazon.awscdk.services.lambda.IFunction;
import software.amazon.awscdk.services.stepfunctions.StateMachine;
import io.github.cdklabs.cdknag.NagPackSuppression;
import io.github.cdklabs.cdknag.NagSuppressions;
import java.util.List;
import software.amazon.awscdk.services.sqs.Queue;
import software.amazon.awscdk.services.sqs.QueueEncryption;
import software.constructs.Construct;

/**
 * The two clocks of the loop: the generation rule starts the state machine with
 * {@code {"runId": <runId>, "slots": [0..generationSize-1]}} at the configured rate (disable it to pause
 * the loop; the monitor and the CLI flip it), and the hourly rule invokes the monitor.
 */
public final class Schedules extends Construct {
  /** Props: what to start, what to call, and the run/schedule settings. */
  public record Props(LabConfig config, StateMachine stateMachine, IFunction monitor) {}

  public static final String MONITOR_SCHEDULE = "rate(1 hour)";

  private final Rule generation;
  private final Rule monitor;
  private final Queue deadLetters;

  public Schedules(Construct scope, String id, Props props) {
    super(scope, id);
    LabConfig c = props.config();
    // Events EventBridge could not deliver after its retries (a throttled StartExecution, a failing monitor invoke)
    // land here instead of vanishing; an alarm watches the queue.
    deadLetters = Queue.Builder.create(this, "DeadLetters")
        .encryption(QueueEncryption.SQS_MANAGED).enforceSsl(true)
        .retentionPeriod(Duration.days(14)).build();
    NagSuppressions.addResourceSuppressions(deadLetters, List.of(NagPackSuppression.builder().id("AwsSolutions-SQS3")
        .reason("This queue is the dead-letter queue of the schedule's targets; it needs none of its own.").build()));
    generation = Rule.Builder.create(this, "GenerationRule")
        .description("codec-lab: start one generation of " + c.generationSize() + " experiments for run " + c.runId())
        .schedule(Schedule.expression(c.generationSchedule()))
        .enabled(c.scheduleEnabled())
        .build();
    generation.addTarget(SfnStateMachine.Builder.create(props.stateMachine())
        .input(RuleTargetInput.fromObject(executionInput(c)))
        .retryAttempts(2).maxEventAge(Duration.hours(1)).deadLetterQueue(deadLetters)
        .build());
    monitor = Rule.Builder.create(this, "MonitorRule")
        .description("codec-lab: hourly monitor of the research loop")
        .schedule(Schedule.expression(MONITOR_SCHEDULE))
        .build();
    monitor.addTarget(LambdaFunction.Builder.create(props.monitor())
        .event(RuleTargetInput.fromObject(Map.of("runId", c.runId())))
        .retryAttempts(2).maxEventAge(Duration.hours(1)).deadLetterQueue(deadLetters).build());
  }

  /** The execution input a generation starts with. */
  public static Map<String, Object> executionInput(LabConfig c) {
    Map<String, Object> input = new LinkedHashMap<>();
    input.put("runId", c.runId());
    input.put("slots", IntStream.range(0, c.generationSize()).boxed().toList());
    return input;
  }

  public Rule generationRule() { return generation; }

  public Rule monitorRule() { return monitor; }

  /** Where undeliverable schedule events go. */
  public Queue deadLetters() { return deadLetters; }
}
