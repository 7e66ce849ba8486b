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
import software.amazon.awscdk.services.cloudwatch.MathExpression;
import software.amazon.awscdk.services.cloudwatch.Metric;
import software.amazon.awscdk.services.cloudwatch.TextWidget;
import software.amazon.awscdk.services.cloudwatch.MetricOptions;
import software.amazon.awscdk.services.cloudwatch.TreatMissingData;
import software.amazon.awscdk.services.cloudwatch.actions.SnsAction;
import software.amazon.awscdk.services.sns.Topic;
import software.amazon.awscdk.services.budgets.CfnBudget;
import software.amazon.awscdk.services.sqs.Queue;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.sns.subscriptions.EmailSubscription;
import software.amazon.awscdk.services.stepfunctions.StateMachine;
import software.constructs.Construct;

/**
 * Alerts and the console view: the SNS topic (email subscription from context {@code alertEmail}), the
 * alarm "no completed experiment in the last hour" on the monitor's EMF metric, alarms on failed and
 * timed-out executions and on monitor errors, all notifying the topic, and the CloudWatch dashboard.
 *
 * <p>Metrics: the monitor writes its own EMF documents (functions/monitor {@code EmfMetricsSink}) in
 * namespace {@code CodecLab} with the single dimension {@code Service=<stack name>} (CODEC_LAB_METRICS_SERVICE, so two
 * stacks in one account never mix their metrics), so the alarm and the widgets use exactly that: CompletedExperiments (Count, Sum
 * over one hour), BestBitrateRatio, AverageBitrateRatio, UniqueBitrates, TimeoutRate and
 * ValidationFailureRate (Percent), TrendSlope. The dashboard opens with a link to the static site.
 */
public final class Monitoring extends Construct {
  public static final String NAMESPACE = "CodecLab";
  public static final String SERVICE_DIMENSION = "Service";
  /** The value of {@link #SERVICE_DIMENSION} off AWS (local runs); deployed, it is the stack name (per stack). */
  public static final String SERVICE = "codec-lab";

  /** Props: where to send alerts, what to watch, and the static site's URL (linked from the dashboard). */
  public record Props(LabConfig config, StateMachine stateMachine, Functions functions, String siteUrl, Queue deadLetters) {}

  private final Topic topic;
  private final String service;
  private final Alarm noCompleted;
  private final Alarm executionsFailed;
  private final Alarm executionsTimedOut;
  private final Alarm monitorErrors;
  private final Alarm undelivered;
  private final CfnBudget budget;
  private final Dashboard dashboard;

  public Monitoring(Construct scope, String id, Props props) {
    super(scope, id);
    topic = Topic.Builder.create(this, "Alerts").displayName("codec-lab alerts").enforceSsl(true).build();
    // enforceSsl makes CDK write a topic policy, which replaces SNS's default one: without these statements nothing
    // but the monitor's role could publish, and every alarm action and budget notification would fail silently.
    Stack stack = Stack.of(this);
    topic.addToResourcePolicy(PolicyStatement.Builder.create().sid("CloudWatchAlarmsPublish")
        .principals(List.of(new ServicePrincipal("cloudwatch.amazonaws.com")))
        .actions(List.of("sns:Publish")).resources(List.of(topic.getTopicArn()))
        .conditions(Map.of(
            "ArnLike", Map.of("aws:SourceArn", "arn:" + stack.getPartition() + ":cloudwatch:" + stack.getRegion() + ":"
                + stack.getAccount() + ":alarm:*"),
            "StringEquals", Map.of("aws:SourceAccount", stack.getAccount())))
        .build());
    topic.addToResourcePolicy(PolicyStatement.Builder.create().sid("BudgetsPublish")
        .principals(List.of(new ServicePrincipal("budgets.amazonaws.com")))
        .actions(List.of("sns:Publish")).resources(List.of(topic.getTopicArn()))
        .conditions(Map.of(
            "ArnLike", Map.of("aws:SourceArn", "arn:" + stack.getPartition() + ":budgets::" + stack.getAccount() + ":*"),
            "StringEquals", Map.of("aws:SourceAccount", stack.getAccount())))
        .build());
    if (!props.config().alertEmail().isEmpty()) {
      topic.addSubscription(new EmailSubscription(props.config().alertEmail()));
    }

    service = stack.getStackName();
    Metric completed = monitorMetric("CompletedExperiments");
    StateMachine sm = props.stateMachine();
    // "Generations ran but nothing completed", two hours in a row: a paused loop starts no generation and a fresh
    // stack has no data, so neither alarms (missing data is 0 here); the monitor's own silence is MonitorErrors'.
    noCompleted = Alarm.Builder.create(this, "NoCompletedExperiment")
        .alarmDescription("codec-lab: generations ran but no experiment completed in the last two hours"
            + " (the loop is stalled or failing)")
        .metric(MathExpression.Builder.create()
            .expression("IF(FILL(started, 0) > 0 AND FILL(completed, 0) < 1, 1, 0)")
            .usingMetrics(Map.of("started", sm.metricStarted(MetricOptions.builder().period(Duration.hours(1))
                .statistic("Sum").build()), "completed", completed))
            .period(Duration.hours(1))
            .label("generations without a completed experiment").build())
        .comparisonOperator(ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD).threshold(1)
        .evaluationPeriods(2).datapointsToAlarm(2)
        .treatMissingData(TreatMissingData.NOT_BREACHING)
        .build();
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
    undelivered = Alarm.Builder.create(this, "UndeliveredScheduleEvents")
        .alarmDescription("codec-lab: EventBridge could not start a generation or the monitor (see the dead-letter queue)")
        .metric(props.deadLetters().metricApproximateNumberOfMessagesVisible(MetricOptions.builder()
            .period(Duration.minutes(5)).statistic("Maximum").build()))
        .comparisonOperator(ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD).threshold(1)
        .evaluationPeriods(1).treatMissingData(TreatMissingData.NOT_BREACHING).build();
    budget = budget(props.config().monthlyBudgetUsd(), stack);
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

  private Metric monitorMetric(String name) {
    return monitorMetric(name, "Sum");
  }

  private Metric monitorMetric(String name, String statistic) {
    return Metric.Builder.create().namespace(NAMESPACE).metricName(name)
        .dimensionsMap(Map.of(SERVICE_DIMENSION, service))
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

  public List<Alarm> alarms() {
    return List.of(noCompleted, executionsFailed, executionsTimedOut, monitorErrors, undelivered);
  }

  /** The tag every resource of the stack carries; the budget counts the cost of resources with it. */
  public static final String COST_TAG = "codec-lab:stack";

  /**
   * An AWS Budget on the month's cost of this stack's resources (cost-allocation tag {@link #COST_TAG}, which must be
   * activated once in the Billing console), notifying the topic at 80% of actual and 100% of forecast spend.
   */
  private CfnBudget budget(double monthlyUsd, Stack stack) {
    List<CfnBudget.NotificationWithSubscribersProperty> notifications = new ArrayList<>();
    for (String[] n : new String[][] {{"ACTUAL", "80"}, {"FORECASTED", "100"}}) {
      notifications.add(CfnBudget.NotificationWithSubscribersProperty.builder()
          .notification(CfnBudget.NotificationProperty.builder().notificationType(n[0])
              .comparisonOperator("GREATER_THAN").threshold(Double.parseDouble(n[1])).thresholdType("PERCENTAGE").build())
          .subscribers(List.of(CfnBudget.SubscriberProperty.builder().subscriptionType("SNS")
              .address(topic.getTopicArn()).build()))
          .build());
    }
    return CfnBudget.Builder.create(this, "MonthlyBudget")
        .budget(CfnBudget.BudgetDataProperty.builder()
            .budgetType("COST").timeUnit("MONTHLY")
            .budgetLimit(CfnBudget.SpendProperty.builder().amount(monthlyUsd).unit("USD").build())
            .costFilters(Map.of("TagKeyValue", List.of("user:" + COST_TAG + "$" + stack.getStackName())))
            .build())
        .notificationsWithSubscribers(notifications)
        .build();
  }

  public CfnBudget budget() { return budget; }

  public Topic topic() { return topic; }

  public Alarm noCompletedExperiment() { return noCompleted; }

  public Alarm executionsFailed() { return executionsFailed; }

  public Dashboard dashboard() { return dashboard; }
}
