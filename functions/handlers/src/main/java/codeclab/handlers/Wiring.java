package codeclab.handlers;

import codeclab.loop.LoopConfig;
import codeclab.loop.LoopFactory;
import codeclab.loop.LoopService;
import codeclab.planner.PlannerChoice;
import codeclab.store.DynamoConfig;
import codeclab.store.DynamoExperimentStore;
import codeclab.store.ArtifactStore;
import codeclab.store.FileArtifactStore;
import codeclab.store.S3ArtifactStore;

import java.net.URI;

import java.nio.file.Path;
import java.util.Map;

/**
 * The Lambda wiring: everything built once per execution environment, at init, from the environment the
 * CDK stack sets (so SnapStart snapshots it). Missing variables are named in the error. Off AWS,
 * {@value #ENV_DYNAMODB_ENDPOINT} and {@value #ENV_ARTIFACTS_DIR} point the same wiring at a local store.
 */
final class Wiring {

    /** Off AWS only (benchmarks, local checks): a DynamoDB-compatible endpoint instead of AWS DynamoDB. */
    static final String ENV_DYNAMODB_ENDPOINT = "CODEC_LAB_DYNAMODB_ENDPOINT";
    /** Off AWS only: a folder of artifacts instead of the bucket. */
    static final String ENV_ARTIFACTS_DIR = "CODEC_LAB_ARTIFACTS_DIR";
    /** Where the x264 baseline cache lives (default /tmp/codec-lab, Lambda's writable disk). */
    static final String ENV_WORK_DIR = "CODEC_LAB_WORK_DIR";

    private static volatile Wiring shared;

    private final LoopService loop;

    private Wiring(Map<String, String> env) {
        String region = env.getOrDefault("AWS_REGION", "us-east-1");
        DynamoConfig tables = DynamoConfig.aws(required(env, "CODEC_LAB_EXPERIMENTS_TABLE"), required(env, "CODEC_LAB_RUNS_TABLE"), region);
        if (env.containsKey(ENV_DYNAMODB_ENDPOINT)) {
            tables = new DynamoConfig(tables.experimentsTable(), tables.runsTable(), URI.create(env.get(ENV_DYNAMODB_ENDPOINT)), region, null);
        }
        DynamoExperimentStore store = DynamoExperimentStore.create(tables);
        ArtifactStore artifacts = env.containsKey(ENV_ARTIFACTS_DIR)
                ? new FileArtifactStore(Path.of(env.get(ENV_ARTIFACTS_DIR)))
                : S3ArtifactStore.create(required(env, "CODEC_LAB_BUCKET"), "", region);
        PlannerChoice planner = new PlannerChoice(PlannerChoice.kind(env.getOrDefault("CODEC_LAB_PLANNER", "evolutionary")),
                env.get("CODEC_LAB_MODEL"), env.get("CODEC_LAB_LLM_URL"), region,
                Double.parseDouble(env.getOrDefault("CODEC_LAB_BUDGET_USD", "20")));
        LoopConfig config = LoopFactory.configFrom(env);
        this.loop = LoopFactory.create(store, artifacts, planner.create(env), config,
                Path.of(env.getOrDefault(ENV_WORK_DIR, "/tmp/codec-lab")), null, LoopMetrics.forEnvironment(env));
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

    private static String required(Map<String, String> env, String name) {
        String v = env.get(name);
        if (v == null || v.isBlank()) {
            throw new IllegalStateException("environment variable " + name + " is not set; the CDK stack sets it on every function");
        }
        return v;
    }
}
