package codeclab.infra;

import codeclab.infra.Functions.Stage;
import java.util.List;
import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.lambda.Function;
import software.constructs.Construct;

/**
 * The codec-lab stack: store, artifacts, site, functions, pipeline, schedules, monitoring. Its outputs are
 * what the CLI's {@code --stack NAME} reads: ExperimentsTableName, RunsTableName, BucketName, StateMachineArn,
 * TopicArn, GenerationRuleName, DashboardName, and SiteUrl (the dashboard and blog, also given to the record
 * and monitor functions as CODEC_LAB_SITE_URL so that posts and emails can link to it).
 */
public final class CodecLabStack extends Stack {
  private final Store store;
  private final Artifacts artifacts;
  private final Site site;
  private final Functions functions;
  private final Pipeline pipeline;
  private final Schedules schedules;
  private final Monitoring monitoring;

  public CodecLabStack(Construct scope, String id, StackProps stackProps, LabConfig config) {
    super(scope, id, stackProps);
    store = new Store(this, "Store", new Store.Props(config.retainData()));
    artifacts = new Artifacts(this, "Artifacts", new Artifacts.Props(config.retainData()));
    site = new Site(this, "Site", new Site.Props(artifacts.bucket(), config.retainData()));
    functions = new Functions(this, "Functions",
        new Functions.Props(config, store.experiments(), store.runs(), artifacts.bucket()));
    pipeline = new Pipeline(this, "Pipeline", new Pipeline.Props(functions, config.maxConcurrency()));
    schedules = new Schedules(this, "Schedules",
        new Schedules.Props(config, pipeline.stateMachine(), functions.alias(Stage.MONITOR)));
    monitoring = new Monitoring(this, "Monitoring", new Monitoring.Props(config, pipeline.stateMachine(), functions, site.url(),
        schedules.deadLetters()));
    wireMonitor(config);

    output("ExperimentsTableName", store.experiments().getTableName());
    output("RunsTableName", store.runs().getTableName());
    output("BucketName", artifacts.bucket().getBucketName());
    output("StateMachineArn", pipeline.stateMachine().getStateMachineArn());
    output("TopicArn", monitoring.topic().getTopicArn());
    output("GenerationRuleName", schedules.generationRule().getRuleName());
    output("DashboardName", monitoring.dashboard().getDashboardName());
    output("SiteUrl", site.url());
  }

  /** The monitor alerts through the topic and pauses the loop by disabling the generation rule. */
  private void wireMonitor(LabConfig config) {
    Function monitor = functions.function(Stage.MONITOR);
    // The monitor's optional actions (off by default): pause on PURGE_AND_RESTART, FIX_CODE reasons to the planner.
    monitor.addEnvironment("CODEC_LAB_AUTO_PAUSE", Boolean.toString(config.autoPause()));
    monitor.addEnvironment("CODEC_LAB_PLANNER_HINTS", Boolean.toString(config.feedPlanner()));
    monitor.addEnvironment("CODEC_LAB_TOPIC_ARN", monitoring.topic().getTopicArn());
    monitor.addEnvironment("CODEC_LAB_SCHEDULE_RULE", schedules.generationRule().getRuleName());
    monitor.addEnvironment("CODEC_LAB_SITE_URL", site.url());
    functions.function(Stage.RECORD).addEnvironment("CODEC_LAB_SITE_URL", site.url());
    monitor.addToRolePolicy(PolicyStatement.Builder.create().sid("PublishAlerts")
        .actions(List.of("sns:Publish")).resources(List.of(monitoring.topic().getTopicArn())).build());
    if (config.autoPause()) {
      // Only with autoPause: the monitor pauses the loop on PURGE_AND_RESTART (the CLI resumes with your credentials).
      monitor.addToRolePolicy(PolicyStatement.Builder.create().sid("PauseLoop")
          .actions(List.of("events:DisableRule"))
          .resources(List.of(schedules.generationRule().getRuleArn())).build());
    }
  }

  private void output(String name, String value) {
    CfnOutput.Builder.create(this, name).value(value).build();
  }

  public Store store() { return store; }
  public Artifacts artifacts() { return artifacts; }
  public Site site() { return site; }
  public Functions functions() { return functions; }
  public Pipeline pipeline() { return pipeline; }
  public Schedules schedules() { return schedules; }
  public Monitoring monitoring() { return monitoring; }
}
