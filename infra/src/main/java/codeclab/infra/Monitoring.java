package codeclab.infra;

import codeclab.infra.Functions.Stage;
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
import software.amazon.awscdk.services.cloudwatch.TextWidget;
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
 * <p>Metrics: the monitor writes its own EMF documents (functions/monitor {@code EmfMetricsSink}) in
 * namespace {@code CodecLab} with the single dimension {@code Service=codec-lab} (not the Lambda's
 * POWERTOOLS_SERVICE_NAME), so the alarm and the widgets use exactly that: CompletedExperiments (Count, Sum
 * over one hour), BestBitrateRatio, AverageBitrateRatio, UniqueBitrates, TimeoutRate and
 * ValidationFailureRate (Percent), TrendSlope. The dashboard opens with a link to the static site.
 */
public final class Monitoring extends Construct {
  public static final String NAMESPACE = "CodecLab";
  public static final String SERVICE_DIMENSION = "Service";
  /** The value of {@link #SERVICE_DIMENSION} in every EMF document the monitor writes. */
  public static final String SERVICE = "codec-lab";

  /** Props: where to send alerts, what to watch, and the static site's URL (linked from the dashboard). */
  public record Props(LabConfig config, StateMachine stateMachine, Functions functions, String siteUrl) {}

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
    dashboard.addWidgets(TextWidget.Builder.create().width(24).height(2)
        .markdown("## codec-lab\n[Open the dashboard and blog](" + props.siteUrl() + ") (" + props.siteUrl()
            + "): verdict, trend, RD curves and one post per experiment. Alerts arrive by email from the topic.")
        .build());
    dashboard.addWidgets(
        graph("Completed experiments in the last hour (monitor)", List.of(completed)),
        graph("Bitrate ratio vs. x264 at target quality (lower is better)", List.of(
            monitorMetric("BestBitrateRatio", "Minimum"), monitorMetric("AverageBitrateRatio", "Average"))),
        graph("Unique bitrates (monitor)", List.of(monitorMetric("UniqueBitrates", "Maximum"))));
    dashboard.addWidgets(
        graph("Timeout and validation-failure rates, % (monitor)", List.of(
            monitorMetric("TimeoutRate", "Average"), monitorMetric("ValidationFailureRate", "Average"))),
        graph("Trend of the average ratio per hour (monitor; < 0 is improving)", List.of(
            monitorMetric("TrendSlope", "Average"))),
        graph("Generations", List.of(sm.metricStarted(), sm.metricSucceeded(), sm.metricFailed(), sm.metricTimedOut())));
    dashboard.addWidgets(
        graph("Lambda errors", perStage(props.functions(), true)),
        graph("Lambda duration (p90)", perStage(props.functions(), false)),
        AlarmStatusWidget.Builder.create().title("Alarms").alarms(List.copyOf(alarms())).width(8).build());
  }

  private static Metric monitorMetric(String name) {
    return monitorMetric(name, "Sum");
  }

  private static Metric monitorMetric(String name, String statistic) {
    return Metric.Builder.create().namespace(NAMESPACE).metricName(name)
        .dimensionsMap(Map.of(SERVICE_DIMENSION, SERVICE))
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
