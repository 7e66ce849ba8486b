package codeclab.store;

import codeclab.core.Experiment;
import codeclab.core.ExperimentStatus;
import codeclab.core.OutcomeKind;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@link ExperimentStore} on DynamoDB (AWS, or dynalite locally through {@link EmbeddedDynamo}); the schema is in
 * docs/DATA-MODEL.md and {@link DynamoTables}. This class wires the parts, one per responsibility:
 * {@link DynamoRuns} (run items), {@link DynamoExperimentWrites} (plan, transitions), {@link DynamoRecorder} (the
 * exactly-once final record and the run's counters), {@link DynamoQueries} (reads) and {@link DynamoRunArchive}
 * (bulk load, purge, export, restore).
 */
public final class DynamoExperimentStore implements ExperimentStore, AutoCloseable {

    private final DynamoDbClient db;
    private final DynamoConfig config;
    private final boolean ownsClient;
    private final DynamoRuns runs;
    private final DynamoSpend spend;
    private final DynamoQueries queries;
    private final DynamoExperimentWrites writes;
    private final DynamoRecorder recorder;
    private final DynamoRunArchive archive;

    /** The edge constructor: a client the caller owns (Lambda init, tests). */
    public DynamoExperimentStore(DynamoDbClient db, DynamoConfig config, Clock clock) {
        this(db, config, clock, false);
    }

    private DynamoExperimentStore(DynamoDbClient db, DynamoConfig config, Clock clock, boolean ownsClient) {
        this.db = db;
        this.config = config;
        this.ownsClient = ownsClient;
        DynamoContext ctx = new DynamoContext(db, config, clock);
        this.runs = new DynamoRuns(ctx);
        this.spend = new DynamoSpend(ctx);
        this.queries = new DynamoQueries(ctx);
        this.writes = new DynamoExperimentWrites(ctx, runs, queries);
        this.recorder = new DynamoRecorder(ctx, runs, queries);
        this.archive = new DynamoRunArchive(ctx, runs);
    }

    /** A store with its own client built from {@code config}; {@link #close()} closes it. */
    public static DynamoExperimentStore create(DynamoConfig config) {
        return new DynamoExperimentStore(client(config), config, Clock.systemUTC(), true);
    }

    /** A DynamoDB client for the config: URL-connection HTTP, dummy credentials when the endpoint is overridden. */
    public static DynamoDbClient client(DynamoConfig config) {
        DynamoDbClientBuilder b = DynamoDbClient.builder()
                .httpClient(UrlConnectionHttpClient.create())
                .region(Region.of(config.region()));
        if (config.endpointOverride() != null) {
            b.endpointOverride(config.endpointOverride())
                    .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")));
        }
        return b.build();
    }

    /** Creates the tables if missing (local use; on AWS the CDK stack owns them). */
    public DynamoExperimentStore createTables() {
        DynamoTables.create(db, config);
        return this;
    }

    @Override
    public void close() {
        if (ownsClient) db.close();
    }

    // ---------------------------------------------------------------- runs

    @Override
    public RunSummary createRun(String runId, Instant startedAt) {
        return runs.createRun(runId, startedAt);
    }

    @Override
    public RunSummary ensureRun(String runId, Instant startedAt) {
        return runs.ensureRun(runId, startedAt);
    }

    @Override
    public RunSummary getRun(String runId) {
        return runs.getRun(runId);
    }

    @Override
    public List<RunSummary> listRuns() {
        return runs.listRuns();
    }

    @Override
    public void setPaused(String runId, boolean paused) {
        runs.setPaused(runId, paused);
    }

    @Override
    public boolean pause(String runId, String reason) {
        return runs.pause(runId, reason);
    }

    @Override
    public boolean reserveSpend(String runId, double usd, double limitUsd) {
        return spend.reserve(runId, usd, limitUsd);
    }

    @Override
    public void settleSpend(String runId, double reservedUsd, double actualUsd, long inputTokens, long outputTokens) {
        spend.settle(runId, reservedUsd, actualUsd, inputTokens, outputTokens);
    }

    @Override
    public void setPlannerHints(String runId, List<String> hints) {
        runs.setPlannerHints(runId, hints);
    }

    @Override
    public void saveMonitorState(String runId, String json) {
        runs.saveMonitorState(runId, json);
    }

    @Override
    public boolean saveMonitorState(String runId, String json, long previousVersion, long version) {
        return runs.saveMonitorState(runId, json, previousVersion, version);
    }

    @Override
    public Optional<String> currentRun() {
        return runs.currentRun();
    }

    @Override
    public void setCurrentRun(String runId) {
        runs.setCurrentRun(runId);
    }

    // ---------------------------------------------------------------- experiment writes

    @Override
    public void plan(Experiment e) {
        writes.plan(e);
    }

    @Override
    public Experiment transition(String runId, String experimentId, ExperimentStatus expected, ExperimentStatus next,
                                 Map<String, Object> fields) {
        return writes.transition(runId, experimentId, expected, next, fields);
    }

    @Override
    public RecordResult finish(String runId, String experimentId, FinalResult result, String idempotencyKey) {
        return recorder.finish(runId, experimentId, result, idempotencyKey);
    }

    @Override
    public List<Experiment> markTimedOut(String runId, Duration olderThan, Instant now) {
        return recorder.markTimedOut(runId, olderThan, now);
    }

    /** Removes "counted" markers older than the window (tests call it directly). */
    void pruneMarkers(String runId) {
        recorder.pruneMarkers(runId);
    }

    // ---------------------------------------------------------------- reads

    @Override
    public Experiment get(String runId, String experimentId) {
        return queries.get(runId, experimentId);
    }

    @Override
    public List<Experiment> newest(String runId, int n) {
        return queries.newest(runId, n);
    }

    @Override
    public List<Experiment> best(String runId, int n) {
        return queries.best(runId, n);
    }

    @Override
    public List<Experiment> failuresSince(String runId, OutcomeKind outcome, String afterExperimentId) {
        return queries.failuresSince(runId, outcome, afterExperimentId);
    }

    @Override
    public List<Experiment> since(String runId, String afterExperimentId) {
        return queries.since(runId, afterExperimentId);
    }

    @Override
    public List<Experiment> stuck(String runId, Duration olderThan, Instant now) {
        return queries.stuck(runId, olderThan, now);
    }

    // ---------------------------------------------------------------- whole runs

    /**
     * Bulk loader for benchmarks and fixtures: creates the run and writes already-final experiments with
     * BatchWriteItem (25 per call), setting the run's counters to what {@link #finish} would have produced. Not for
     * live runs: it bypasses the conditional writes. Returns the number of experiments written.
     */
    public int loadFinished(String runId, Instant startedAt, List<Experiment> experiments) {
        return archive.loadFinished(runId, startedAt, experiments);
    }

    @Override
    public int deleteRun(String runId) {
        return archive.deleteRun(runId);
    }

    @Override
    public void exportRun(String runId, Writer out) throws IOException {
        archive.exportRun(runId, out);
    }

    @Override
    public int importRun(Reader in) throws IOException {
        return archive.importRun(in);
    }
}
