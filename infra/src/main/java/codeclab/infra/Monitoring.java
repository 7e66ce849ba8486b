package codeclab.infra;

import codeclab.infra.Functions.Stage;
import io.github.cdklabs.cdknag.NagPackSuppression;
import io.github.cdklabs.cdknag.NagSuppressions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.cloudwatch.Alarm;
import software.amazon.awscdk.services.cloudwatch.AlarmStatusWidget;
import software.amazon.awscdk.services.cloudwatch.ComparisonOperator;
import software.amazon.awscdk.services.cloudwatch.Dashboard;
import software.amazon.awscdk.services.cloudwatch.GraphWidget;
import software.amazon.awscdk.services.cloudwatch.IMetric;
import software.amazon.awscdk.services.cloudwatch.Metric;
import software.amazon.awscdk.services.cloudwatch.MetricOptions;
import software.amazon.awscdk.services.cloudwatch.TreatMissingData;
import software.amazon.awscdk.services.cloudwatch.actions.SnsAction;
import software.amazon.awscdk.services.sns.Topic;
import software.amazon.awscdk.services.sns.subscriptions.EmailSubscription;
import software.amazon.awscdk.services.stepfunctions.StateMachine;
import software.constructs.Construct;

/**
 * Alerts and the console view: the SNS topic (email subscription from context {@code alertEmail}), the
 * alarm "no completed experiment in the last hour" on the monitor's EMF metric, alarms on failed and
 * timed-out executions and on monitor errors, all notifying the topic, and the CloudWatch dashboard.
 *
 * <p>Metrics: Powertools (Java) 2.9 EMF puts its default dimension under the key {@code Service} (capital
 * S, value = POWERTOOLS_SERVICE_NAME), so the alarm watches namespace {@code CodecLab}, metric
 * {@code CompletedExperiments}, dimension {@code Service=monitor}, Sum over one hour.
 */
public final class Monitoring extends Construct {
  public static final String NAMESPACE = "CodecLab";
  public static final String SERVICE_DIMENSION = "Service";

  /** Props: where to send alerts and what to watch. */
  public record Props(LabConfig config, StateMachine stateMachine, Functions functions) {}

  private final Topic topic;
  private final Alarm noCompleted;
  private final Alarm executionsFailed;
  private final Alarm executionsTimedOut;
  private final Alarm monitorErrors;
  private final Dashboard dashboard;

  public Monitoring(Construct scope, String id, Props props) {
    super(scope, id);
    topic = Topic.Builder.create(this, "Alerts").displayName("codec-lab alerts").enforceSsl(true).build();
    if (!props.config().alertEmail().isEmpty()) {
      topic.addSubscription(new EmailSubscription(props.config().alertEmail()));
    }
    NagSuppressions.addResourceSuppressions(topic, List.of(NagPackSuppression.builder().id("AwsSolutions-SNS2")
        .reason("CloudWatch alarms cannot publish to a topic encrypted with the AWS-managed SNS key, and a"
            + " customer-managed key costs more than the alert texts (run summaries) are worth protecting.")
        .build()));

    Metric completed = monitorMetric("CompletedExperiments");
    noCompleted = Alarm.Builder.create(this, "NoCompletedExperiment")
        .alarmDescription("codec-lab: no completed experiment in the last hour (the loop is stalled or failing)")
        .metric(completed)
        .comparisonOperator(ComparisonOperator.LESS_THAN_THRESHOLD).threshold(1)
        .evaluationPeriods(1).datapointsToAlarm(1)
        // No datapoint means the monitor itself did not report: that is as bad as zero completions.
        .treatMissingData(TreatMissingData.BREACHING)
        .build();
    StateMachine sm = props.stateMachine();
    executionsFailed = Alarm.Builder.create(this, "ExecutionsFailed")
        .alarmDescription("codec-lab: a generation execution failed (a Record that could not be written)")
        .metric(sm.metricFailed(MetricOptions.builder().period(Duration.hours(1)).statistic("Sum").build()))
        .comparisonOperator(ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD).threshold(1)
        .evaluationPeriods(1).treatMissingData(TreatMissingData.NOT_BREACHING).build();
    executionsTimedOut = Alarm.Builder.create(this, "ExecutionsTimedOut")
        .alarmDescription("codec-lab: a generation execution timed out")
        .metric(sm.metricTimedOut(MetricOptions.builder().period(Duration.hours(1)).statistic("Sum").build()))
        .comparisonOperator(ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD).threshold(1)
        .evaluationPeriods(1).treatMissingData(TreatMissingData.NOT_BREACHING).build();
    monitorErrors = Alarm.Builder.create(this, "MonitorErrors")
        .alarmDescription("codec-lab: the hourly monitor failed")
        .metric(props.functions().function(Stage.MONITOR)
            .metricErrors(MetricOptions.builder().period(Duration.hours(1)).statistic("Sum").build()))
        .comparisonOperator(ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD).threshold(1)
        .evaluationPeriods(1).treatMissingData(TreatMissingData.NOT_BREACHING).build();
    SnsAction notify = new SnsAction(topic);
    for (Alarm alarm : alarms()) {
      alarm.addAlarmAction(notify);
    }
    noCompleted.addOkAction(notify);

    dashboard = Dashboard.Builder.create(this, "Dashboard")
        .dashboardName(software.amazon.awscdk.Stack.of(this).getStackName())
        .defaultInterval(Duration.days(1))
        .build();
    dashboard.addWidgets(
        graph("Completed experiments per hour", List.of(completed)),
        graph("Bitrate ratio vs. x264 at target quality (monitor)",
            List.of(monitorMetric("AverageRatio", "Average"), monitorMetric("BestRatio", "Minimum"))),
        graph("Failure rates (monitor)",
            List.of(monitorMetric("TimeoutRate", "Average"), monitorMetric("ValidationFailureRate", "Average"))));
    dashboard.addWidgets(
        graph("Generations", List.of(sm.metricStarted(), sm.metricSucceeded(), sm.metricFailed(), sm.metricTimedOut())),
        graph("Lambda errors", perStage(props.functions(), true)),
        graph("Lambda duration (p90)", perStage(props.functions(), false)));
    dashboard.addWidgets(AlarmStatusWidget.Builder.create().title("Alarms").alarms(List.copyOf(alarms())).width(24).build());
  }

  private static Metric monitorMetric(String name) {
    return monitorMetric(name, "Sum");
  }

  private static Metric monitorMetric(String name, String statistic) {
    return Metric.Builder.create().namespace(NAMESPACE).metricName(name)
        .dimensionsMap(Map.of(SERVICE_DIMENSION, Stage.MONITOR.id()))
        .statistic(statistic).period(Duration.hours(1)).build();
  }

  private static List<IMetric> perStage(Functions fns, boolean errors) {
    List<IMetric> metrics = new ArrayList<>();
    for (Stage s : Stage.values()) {
      MetricOptions o = MetricOptions.builder().label(s.id()).statistic(errors ? "Sum" : "p90").build();
      metrics.add(errors ? fns.function(s).metricErrors(o) : fns.function(s).metricDuration(o));
    }
    return metrics;
  }

  private static GraphWidget graph(String title, List<? extends IMetric> metrics) {
    return GraphWidget.Builder.create().title(title).left(List.copyOf(metrics)).width(8).build();
  }

  public List<Alarm> alarms() { return List.of(noCompleted, executionsFailed, executionsTimedOut, monitorErrors); }

  public Topic topic() { return topic; }

  public Alarm noCompletedExperiment() { return noCompleted; }

  public Alarm executionsFailed() { return executionsFailed; }

  public Dashboard dashboard() { return dashboard; }
}
