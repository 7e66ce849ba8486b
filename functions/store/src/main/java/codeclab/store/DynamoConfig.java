package codeclab.store;

import java.net.URI;
import java.time.Duration;

/**
 * Where the experiment store lives. The same code talks to AWS DynamoDB ({@code endpointOverride} null, default
 * credentials chain) and to the embedded dynalite ({@code endpointOverride} = its endpoint, dummy static credentials).
 *
 * @param experimentsTable table of experiments (pk runId, sk experimentId)
 * @param runsTable        table of runs (pk runId)
 * @param endpointOverride endpoint to talk to instead of AWS, or null
 * @param region           AWS region name (any valid name works locally)
 * @param markerWindow     how long a run keeps the "counted" marker of a recorded experiment (see DATA-MODEL.md)
 */
public record DynamoConfig(String experimentsTable, String runsTable, URI endpointOverride, String region,
                           Duration markerWindow) {

    public static final String DEFAULT_EXPERIMENTS_TABLE = "codec-lab-experiments";
    public static final String DEFAULT_RUNS_TABLE = "codec-lab-runs";

    public DynamoConfig {
        if (experimentsTable == null || experimentsTable.isBlank() || runsTable == null || runsTable.isBlank()) {
            throw new IllegalArgumentException("Both table names are needed, got experiments=" + experimentsTable
                    + " runs=" + runsTable);
        }
        if (region == null || region.isBlank()) region = "us-east-1";
        if (markerWindow == null) markerWindow = Duration.ofHours(24);
    }

    /** Default table names on a local endpoint (the embedded store). */
    public static DynamoConfig local(URI endpoint) {
        return new DynamoConfig(DEFAULT_EXPERIMENTS_TABLE, DEFAULT_RUNS_TABLE, endpoint, "us-east-1", null);
    }

    /** Deployed tables (names from the stack outputs) in a region, default credentials. */
    public static DynamoConfig aws(String experimentsTable, String runsTable, String region) {
        return new DynamoConfig(experimentsTable, runsTable, null, region, null);
    }

    public DynamoConfig withTables(String experiments, String runs) {
        return new DynamoConfig(experiments, runs, endpointOverride, region, markerWindow);
    }
}
