package codeclab.handlers;

import codeclab.loop.LoopConfig;
import codeclab.loop.LoopFactory;
import codeclab.loop.LoopService;
import codeclab.loop.SitePosts;
import codeclab.monitor.ops.MonitorFunction;
import codeclab.monitor.ops.Operations;
import codeclab.monitor.ops.ScheduleControl;
import codeclab.monitor.site.SiteOutputs;
import codeclab.monitor.site.SitePublisher;
import codeclab.store.ArtifactStore;
import codeclab.store.ExperimentStore;
import codeclab.planner.PlannerChoice;
import codeclab.store.DynamoConfig;
import codeclab.store.DynamoExperimentStore;
import codeclab.store.FileArtifactStore;
import codeclab.store.S3ArtifactStore;

import java.lang.reflect.Proxy;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

/**
 * The Lambda wiring: everything built once per execution environment, at init, from the environment the
 * CDK stack sets (so SnapStart snapshots it). Missing variables are named in the error. Off AWS,
 * {@value #ENV_DYNAMODB_ENDPOINT} and {@value #ENV_ARTIFACTS_DIR} point the same wiring at a local store.
 *
 * <p>validate and execute run candidate code and get no table names (and no DynamoDB permission): for them
 * the store is a stand-in that refuses every call with the reason, so a wiring mistake is loud, not silent.
 */
public final class Wiring {

    /** "true"/"false": whether record writes the experiment's post to the bucket's site/ prefix. */
    static final String ENV_SITE = "CODEC_LAB_SITE";
    /** Off AWS only (benchmarks, local checks): a DynamoDB-compatible endpoint instead of AWS DynamoDB. */
    static final String ENV_DYNAMODB_ENDPOINT = "CODEC_LAB_DYNAMODB_ENDPOINT";
    /** Off AWS only: a folder of artifacts instead of the bucket. */
    static final String ENV_ARTIFACTS_DIR = "CODEC_LAB_ARTIFACTS_DIR";
    /** Where the x264 baseline cache lives (default /tmp/codec-lab, Lambda's writable disk). */
    static final String ENV_WORK_DIR = "CODEC_LAB_WORK_DIR";

    private static volatile Wiring shared;

    private final LoopService loop;

    /**
     * The loop a Lambda function builds from {@code env} (the variables the stack sets): for tests that replay the
     * deployed wiring against loopback endpoints.
     */
    public static LoopService loop(Map<String, String> env) {
        return new Wiring(env).loop;
    }

    private Wiring(Map<String, String> env) {
        String region = env.getOrDefault("AWS_REGION", "us-east-1");
        ExperimentStore store;
        if (env.containsKey("CODEC_LAB_EXPERIMENTS_TABLE")) {
            DynamoConfig tables = DynamoConfig.aws(env.get("CODEC_LAB_EXPERIMENTS_TABLE"), required(env, "CODEC_LAB_RUNS_TABLE"), region);
            if (env.containsKey(ENV_DYNAMODB_ENDPOINT)) {
                tables = new DynamoConfig(tables.experimentsTable(), tables.runsTable(), URI.create(env.get(ENV_DYNAMODB_ENDPOINT)), region, null);
            }
            store = DynamoExperimentStore.create(tables);
        } else {
            store = noStore(env.getOrDefault("AWS_LAMBDA_FUNCTION_NAME", "this function"));
        }
        ArtifactStore artifacts = env.containsKey(ENV_ARTIFACTS_DIR)
                ? new FileArtifactStore(Path.of(env.get(ENV_ARTIFACTS_DIR)))
                : S3ArtifactStore.create(required(env, "CODEC_LAB_BUCKET"), "", region);
        PlannerChoice planner = new PlannerChoice(PlannerChoice.kind(env.getOrDefault("CODEC_LAB_PLANNER", "evolutionary")),
                env.get("CODEC_LAB_MODEL"), env.get("CODEC_LAB_LLM_URL"), region,
                Double.parseDouble(env.getOrDefault("CODEC_LAB_BUDGET_USD", "20"))).withEnvironment(env);
        LoopConfig config = LoopFactory.configFrom(env);
        Path work = Path.of(env.getOrDefault(ENV_WORK_DIR, "/tmp/codec-lab"));
        // With a bucket, clip sets and x264 baselines come from (and go to) it; with a folder, as locally.
        LoopService loop = artifacts instanceof S3ArtifactStore
                ? LoopFactory.createShared(store, artifacts, planner.create(env), config, work, LoopMetrics.forEnvironment(env))
                : LoopFactory.create(store, artifacts, planner.create(env), config, work, null, LoopMetrics.forEnvironment(env));
        this.loop = siteEnabled(env) ? loop.withAfterRecord(sitePosts(store, artifacts, env)) : loop;
    }

    /**
     * Record writes each experiment's post when the site is on: {@code CODEC_LAB_SITE} (true/false) says so, and it
     * defaults to on wherever there is a bucket to write to ({@code CODEC_LAB_BUCKET}).
     */
    static boolean siteEnabled(Map<String, String> env) {
        String flag = env.get(ENV_SITE);
        if (flag != null && !flag.isBlank()) {
            return switch (flag.strip().toLowerCase(java.util.Locale.ROOT)) {
                case "true", "on", "1", "yes" -> true;
                case "false", "off", "0", "no" -> false;
                default -> throw new IllegalStateException(ENV_SITE + "='" + flag + "' must be true or false");
            };
        }
        String bucket = env.get("CODEC_LAB_BUCKET");
        return bucket != null && !bucket.isBlank();
    }

    /** Posts into the bucket's site/ prefix, with the dashboard judged read-only by the monitor's code. */
    static LoopService.AfterRecord sitePosts(ExperimentStore store, ArtifactStore artifacts, Map<String, String> env) {
        Operations ops = new Operations(store, artifacts, ScheduleControl.NONE, Clock.systemUTC());
        SitePublisher publisher = new SitePublisher(store, artifacts, ops, MonitorFunction.config(env), Clock.systemUTC());
        return new SitePosts(publisher, SiteOutputs.artifacts(artifacts, SiteOutputs.SITE_PREFIX));
    }

    static Wiring shared() {
        if (shared == null) {
            synchronized (Wiring.class) {
                if (shared == null) {
                    shared = new Wiring(System.getenv());
                }
            }
        }
        return shared;
    }

    LoopService loop() {
        return loop;
    }

    static ExperimentStore noStore(String function) {
        return (ExperimentStore) Proxy.newProxyInstance(ExperimentStore.class.getClassLoader(), new Class<?>[]{ExperimentStore.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "toString" -> "no store (" + function + ")";
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    default -> throw new IllegalStateException(function + " has no experiment store: only plan, record and monitor"
                            + " read or write DynamoDB (" + method.getName() + " was called)");
                });
    }

    private static String required(Map<String, String> env, String name) {
        String v = env.get(name);
        if (v == null || v.isBlank()) {
            throw new IllegalStateException("environment variable " + name + " is not set; the CDK stack sets it on every function");
        }
        return v;
    }
}
