package codeclab.monitor.ops;

import codeclab.monitor.MonitorConfig;
import codeclab.monitor.alert.AlertPublisher;
import codeclab.monitor.alert.SnsAlertPublisher;
import codeclab.monitor.metrics.EmfMetricsSink;
import codeclab.monitor.metrics.MetricsSink;
import codeclab.monitor.report.Report;
import codeclab.monitor.site.SiteLinks;
import codeclab.monitor.site.SiteOutputs;
import codeclab.monitor.site.SitePublisher;
import codeclab.site.SiteOutput;
import codeclab.store.DynamoConfig;
import codeclab.store.DynamoExperimentStore;
import codeclab.store.S3ArtifactStore;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.sns.SnsClient;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The monitor Lambda's logic, without Lambda types: for the run in the event ({@code runId} or {@code run}) or
 * else the current run, mark stuck experiments TIMED_OUT, judge, publish per the alert policy, emit EMF metrics,
 * save the state, and return a small summary. {@code codeclab.handlers.MonitorHandler} is a shell around
 * {@link #fromEnvironment} (built at init, so SnapStart captures the clients) and {@link #handle}.
 */
public final class MonitorFunction {

    public static final String ENV_EXPERIMENTS_TABLE = "CODEC_LAB_EXPERIMENTS_TABLE";
    public static final String ENV_RUNS_TABLE = "CODEC_LAB_RUNS_TABLE";
    public static final String ENV_BUCKET = "CODEC_LAB_BUCKET";
    public static final String ENV_TOPIC_ARN = "CODEC_LAB_TOPIC_ARN";
    public static final String ENV_SCHEDULE_RULE = "CODEC_LAB_SCHEDULE_RULE";
    public static final String ENV_SITE_URL = "CODEC_LAB_SITE_URL";
    /** The Service dimension of the metrics: the stack name (set by the stack), so two stacks never share metrics. */
    public static final String ENV_METRICS_SERVICE = "CODEC_LAB_METRICS_SERVICE";
    /** Optional: "true" pauses the loop on PURGE_AND_RESTART (off by default). */
    public static final String ENV_AUTO_PAUSE = "CODEC_LAB_AUTO_PAUSE";
    /** Optional: "true" feeds FIX_CODE reasons (e.g. the most frequent sandbox violation) into the planner's prompts. */
    public static final String ENV_PLANNER_HINTS = "CODEC_LAB_PLANNER_HINTS";
    /** Minutes without anything finishing or starting (run not paused) before the monitor calls the run stalled. */
    public static final String ENV_STALL_AFTER_MINUTES = "CODEC_LAB_STALL_AFTER_MINUTES";

    private static final System.Logger LOG = System.getLogger(MonitorFunction.class.getName());

    private final Operations ops;
    private final MonitorConfig config;
    private final AlertPublisher publisher;
    private final MetricsSink metrics;
    private final SitePublisher site;
    private final SiteOutput siteOutput;

    /** @param publisher null to decide alerts without sending; metrics null for none */
    public MonitorFunction(Operations ops, MonitorConfig config, AlertPublisher publisher, MetricsSink metrics) {
        this(ops, config, publisher, metrics, null, null);
    }

    /**
     * @param site       regenerates the dashboard, run list, archive and blog index after each judgement, or null
     * @param siteOutput where those pages go (the bucket's site/ prefix), or null when {@code site} is
     */
    public MonitorFunction(Operations ops, MonitorConfig config, AlertPublisher publisher, MetricsSink metrics,
                           SitePublisher site, SiteOutput siteOutput) {
        this.ops = Objects.requireNonNull(ops, "ops");
        this.config = Objects.requireNonNull(config, "config");
        this.publisher = publisher;
        this.metrics = metrics;
        if ((site == null) != (siteOutput == null)) {
            throw new IllegalArgumentException("site and siteOutput go together: both or neither");
        }
        this.site = site;
        this.siteOutput = siteOutput;
    }

    /** The deployed wiring: DynamoDB tables, S3 bucket, SNS topic, EventBridge rule from the environment. */
    public static MonitorFunction fromEnvironment(Map<String, String> env) {
        String region = env.getOrDefault("AWS_REGION", "us-east-1");
        DynamoExperimentStore store = DynamoExperimentStore.create(
                DynamoConfig.aws(require(env, ENV_EXPERIMENTS_TABLE), require(env, ENV_RUNS_TABLE), region));
        S3ArtifactStore artifacts = S3ArtifactStore.create(require(env, ENV_BUCKET), "", region);
        SnsClient sns = SnsClient.builder().httpClient(UrlConnectionHttpClient.create()).region(Region.of(region)).build();
        String rule = env.get(ENV_SCHEDULE_RULE);
        ScheduleControl schedule = rule == null || rule.isBlank() ? ScheduleControl.NONE
                : new EventBridgeScheduleControl(EventBridgeClient.builder().httpClient(UrlConnectionHttpClient.create())
                .region(Region.of(region)).build(), rule);
        Operations ops = new Operations(store, artifacts, schedule, Clock.systemUTC());
        MonitorConfig config = config(env);
        return new MonitorFunction(ops, config, new SnsAlertPublisher(sns, require(env, ENV_TOPIC_ARN)),
                new EmfMetricsSink("CodecLab", System.out::println, env.getOrDefault(ENV_METRICS_SERVICE, "codec-lab")),
                new SitePublisher(store, artifacts, ops, config, Clock.systemUTC()),
                SiteOutputs.artifacts(artifacts, SiteOutputs.SITE_PREFIX));
    }

    /**
     * The plan's defaults, with the site links and the auto-pause option from the environment. The links name the
     * pages ({@code index.html}, {@code blog/index.html}): S3 behind CloudFront has no directory index.
     */
    public static MonitorConfig config(Map<String, String> env) {
        MonitorConfig c = MonitorConfig.defaults();
        String site = env.get(ENV_SITE_URL);
        if (site != null && !site.isBlank()) {
            String base = site.endsWith("/") ? site : site + "/";
            c = c.withLinks(base + SiteLinks.DASHBOARD, base + SiteLinks.BLOG);
        }
        String stall = env.get(ENV_STALL_AFTER_MINUTES);
        if (stall != null && !stall.isBlank()) {
            long minutes;
            try {
                minutes = Long.parseLong(stall.strip());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(ENV_STALL_AFTER_MINUTES + " must be a whole number of minutes, got '" + stall + "'");
            }
            if (minutes < 1) {
                throw new IllegalArgumentException(ENV_STALL_AFTER_MINUTES + " must be at least 1, got " + minutes);
            }
            c = c.withJudgement(c.startWindow(), c.minImprovement(), c.hopelessAfter(), c.headlineWindow(),
                    c.trendMinPoints(), java.time.Duration.ofMinutes(minutes));
        }
        return c.withActions("true".equalsIgnoreCase(env.get(ENV_AUTO_PAUSE)),
                "true".equalsIgnoreCase(env.get(ENV_PLANNER_HINTS)) || c.plannerHints());
    }

    /**
     * One monitor run; returns {runId, verdict, cause, paused, counts, severity, alert, published, finished, completed, timedOut, actions},
     * plus {@code site} (what the site regeneration did) when the site is wired.
     */
    public Map<String, Object> handle(Map<String, Object> event) {
        Object requested = event == null ? null : event.getOrDefault("runId", event.get("run"));
        String runId = ops.resolveRun(requested == null ? null : requested.toString());
        Operations.MonitorRun result = ops.monitor(runId, config, publisher, metrics);
        Report r = result.report();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("runId", runId);
        out.put("verdict", r.verdict().name());
        out.put("cause", r.cause());
        out.put("paused", r.paused());
        out.put("counts", r.analysis().counts().describe());
        out.put("severity", r.severity().name());
        out.put("alert", r.alert().kind().name());
        out.put("published", publisher != null && r.alert().publish());
        out.put("finished", r.analysis().finished());
        out.put("completed", r.analysis().completed());
        out.put("timedOut", result.timedOut().size());
        out.put("actions", r.actions());
        if (site != null) {
            out.put("site", publishSite(runId, r));
        }
        return out;
    }

    /** The index pages, after the judgement is saved and sent: a failure here is logged and reported, never thrown. */
    private String publishSite(String runId, Report r) {
        try {
            SitePublisher.Published p = site.indexes(runId, r, siteOutput);
            return "wrote " + p.written().size() + " pages";
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "site pages for run " + runId + " were not written (the monitor run itself"
                    + " succeeded; the next hourly run retries): " + e, e);
            return "failed: " + e.getMessage();
        }
    }

    private static String require(Map<String, String> env, String name) {
        String v = env.get(name);
        if (v == null || v.isBlank()) {
            throw new IllegalStateException("environment variable " + name + " is not set; the CDK stack sets it on"
                    + " the monitor function");
        }
        return v;
    }
}
