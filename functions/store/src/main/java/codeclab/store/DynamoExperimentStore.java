package codeclab.store;

import codeclab.core.Experiment;
import codeclab.core.ExperimentStatus;
import codeclab.core.OutcomeKind;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.DeleteRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static codeclab.store.Items.n;
import static codeclab.store.Items.s;

/**
 * {@link ExperimentStore} on DynamoDB (AWS, or dynalite locally through {@link EmbeddedDynamo}); the schema is in
 * docs/DATA-MODEL.md and {@link DynamoTables}.
 *
 * <p>Recording without transactions (dynalite has no TransactWriteItems, and single-item conditions are enough):
 * <ol>
 *   <li>the experiment moves to its final status with {@code recordKey} = the idempotency key, conditional on a
 *       non-final status and no recordKey yet (a later call with the same key is a replay and writes nothing);</li>
 *   <li>the run's counters are ADDed in one UpdateItem that also sets the marker {@code counted.<experimentId>},
 *       conditional on that marker being absent: this is what makes counting exactly-once;</li>
 *   <li>best-so-far: SET bestRatio only if absent or higher, and only for a promotable result (see
 *       {@link FinalResult#promotable()}; the experiment keeps {@code promotable = false} so a resumed count honours
 *       it);</li>
 *   <li>the experiment gets {@code counted = true}, so later replays skip step 2 without needing the marker.</li>
 * </ol>
 * A crash between steps leaves the experiment final with {@code counted} absent; a retry of the same record resumes
 * at step 2 and the marker prevents a second count. Markers older than {@link DynamoConfig#markerWindow()} are pruned
 * to keep the run item small (only a record interrupted between steps 2 and 4 and retried after that window could
 * count twice).
 */
public final class DynamoExperimentStore implements ExperimentStore, AutoCloseable {

    private static final Set<String> STRING_FIELDS = Set.of("sourceHash", "evaluationHash", "message", "hypothesis",
            "parentId", "planner");
    private static final Set<String> NUMBER_FIELDS = Set.of("costUsd", "bdRatePercent", "bitrateAtTargetKbps",
            "baselineBitrateAtTargetKbps");
    private static final int PRUNE_EVERY = 100;

    private final DynamoDbClient db;
    private final DynamoConfig config;
    private final Clock clock;
    private final boolean ownsClient;

    /** The edge constructor: a client the caller owns (Lambda init, tests). */
    public DynamoExperimentStore(DynamoDbClient db, DynamoConfig config, Clock clock) {
        this(db, config, clock, false);
    }

    private DynamoExperimentStore(DynamoDbClient db, DynamoConfig config, Clock clock, boolean ownsClient) {
        this.db = db;
        this.config = config;
        this.clock = clock;
        this.ownsClient = ownsClient;
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
        requireId("runId", runId);
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("runId", s(runId));
        item.put("startedAt", s(startedAt.toString()));
        item.put("paused", AttributeValue.fromBool(false));
        item.put("finished", n(0));
        item.put("completed", n(0));
        item.put("counted", AttributeValue.fromM(Map.of()));
        try {
            db.putItem(r -> r.tableName(config.runsTable()).item(item)
                    .conditionExpression("attribute_not_exists(runId)"));
        } catch (ConditionalCheckFailedException e) {
            throw new IllegalStateException("Run " + runId + " exists already; continue it or choose another run id");
        }
        return Items.run(item);
    }

    @Override
    public RunSummary ensureRun(String runId, Instant startedAt) {
        try {
            return createRun(runId, startedAt);
        } catch (IllegalStateException exists) {
            return getRun(runId);
        }
    }

    @Override
    public RunSummary getRun(String runId) {
        return Items.run(runItem(runId));
    }

    private Map<String, AttributeValue> runItem(String runId) {
        var r = db.getItem(g -> g.tableName(config.runsTable()).key(Map.of("runId", s(runId))).consistentRead(true));
        if (!r.hasItem() || r.item().isEmpty()) {
            throw new NotFoundException("No run " + runId + " in table " + config.runsTable()
                    + "; start it first (codec-lab run --run " + runId + ")");
        }
        return r.item();
    }

    @Override
    public List<RunSummary> listRuns() {
        // A Scan of the runs table (one small item per run), never of the experiments.
        List<RunSummary> runs = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> from = start;
            ScanResponse page = db.scan(r -> r.tableName(config.runsTable()).exclusiveStartKey(from));
            // Items whose key starts with '#' are pointers (the current run), not runs.
            page.items().stream().filter(i -> !Items.str(i, "runId").startsWith("#")).forEach(i -> runs.add(Items.run(i)));
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        runs.sort((a, b) -> a.runId().compareTo(b.runId()));
        return runs;
    }

    @Override
    public void setPaused(String runId, boolean paused) {
        updateRun(runId, "SET paused = :p", Map.of(":p", AttributeValue.fromBool(paused)));
    }

    @Override
    public void setPlannerHints(String runId, java.util.List<String> hints) {
        updateRun(runId, "SET plannerHints = :h", Map.of(":h", AttributeValue.fromL(hints.stream().map(Items::s).toList())));
    }

    @Override
    public void saveMonitorState(String runId, String json) {
        updateRun(runId, "SET monitorState = :m", Map.of(":m", s(json)));
    }

    @Override
    public boolean saveMonitorState(String runId, String json, long previousVersion, long version) {
        String condition = previousVersion == 0
                ? "attribute_exists(runId) AND attribute_not_exists(monitorVersion)"
                : "attribute_exists(runId) AND monitorVersion = :prev";
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":m", s(json), ":v", n(version)));
        if (previousVersion != 0) values.put(":prev", n(previousVersion));
        try {
            db.updateItem(u -> u.tableName(config.runsTable()).key(Map.of("runId", s(runId)))
                    .updateExpression("SET monitorState = :m, monitorVersion = :v")
                    .conditionExpression(condition).expressionAttributeValues(values));
            return true;
        } catch (ConditionalCheckFailedException e) {
            runItem(runId); // NotFoundException when the run is gone; otherwise the version moved on.
            return false;
        }
    }

    /** Runs-table key of the current-run pointer; run ids cannot contain '#', so it never collides with a run. */
    static final String CURRENT_RUN_KEY = "#current";

    @Override
    public java.util.Optional<String> currentRun() {
        var r = db.getItem(g -> g.tableName(config.runsTable()).key(Map.of("runId", s(CURRENT_RUN_KEY)))
                .consistentRead(true));
        return r.hasItem() && !r.item().isEmpty()
                ? java.util.Optional.ofNullable(Items.str(r.item(), "current")) : java.util.Optional.empty();
    }

    @Override
    public void setCurrentRun(String runId) {
        requireId("runId", runId);
        db.putItem(p -> p.tableName(config.runsTable()).item(Map.of("runId", s(CURRENT_RUN_KEY),
                "current", s(runId), "updatedAt", s(clock.instant().toString()))));
    }

    /**
     * Bulk loader for benchmarks and fixtures: creates the run and writes already-final experiments with
     * BatchWriteItem (25 per call), setting the run's counters to what {@link #finish} would have produced. Not for
     * live runs: it bypasses the conditional writes. Returns the number of experiments written.
     */
    public int loadFinished(String runId, Instant startedAt, List<Experiment> experiments) {
        createRun(runId, startedAt);
        Map<OutcomeKind, Long> byOutcome = new java.util.EnumMap<>(OutcomeKind.class);
        Map<ExperimentStatus, Long> byStatus = new java.util.EnumMap<>(ExperimentStatus.class);
        double ratioSum = 0, bdSum = 0, cost = 0;
        long ratioCount = 0, bdCount = 0, completed = 0;
        Double best = null;
        String bestId = null;
        List<WriteRequest> puts = new ArrayList<>();
        for (Experiment e : experiments) {
            if (!runId.equals(e.runId()) || e.status() == null || !e.status().isFinal() || e.outcome() == null
                    || e.finishedAt() == null || ExperimentStatus.finalFor(e.outcome()) != e.status()) {
                throw new IllegalArgumentException("loadFinished takes final experiments of run " + runId
                        + " with a matching outcome and finishedAt; got " + e);
            }
            Map<String, AttributeValue> item = Items.experimentItem(e);
            item.put("status", s(e.status().name()));
            item.put("outcome", s(e.outcome().name()));
            item.put("runOutcome", s(Items.runOutcome(runId, e.outcome().name())));
            item.put("finishedAt", s(e.finishedAt().toString()));
            item.put("updatedAt", s(e.finishedAt().toString()));
            item.put("recordKey", s("bulk-load"));
            item.put("counted", AttributeValue.fromBool(true));
            Double ratio = e.completed() ? e.ratioToBaseline() : null;
            if (ratio != null) {
                item.put("ratio", n(ratio));
                ratioSum += ratio;
                ratioCount++;
                boolean promotable = !Boolean.FALSE.equals(e.holdoutConfirmed());
                if (!promotable) {
                    item.put("promotable", AttributeValue.fromBool(false));
                }
                if (promotable && (best == null || ratio < best)) {
                    best = ratio;
                    bestId = e.experimentId();
                }
            }
            if (e.bdRatePercent() != null) {
                bdSum += e.bdRatePercent();
                bdCount++;
            }
            if (e.completed()) completed++;
            cost += e.costUsd();
            byOutcome.merge(e.outcome(), 1L, Long::sum);
            byStatus.merge(e.status(), 1L, Long::sum);
            puts.add(WriteRequest.builder().putRequest(p -> p.item(item)).build());
        }
        for (int from = 0; from < puts.size(); from += 25) {
            batchWrite(config.experimentsTable(), puts.subList(from, Math.min(puts.size(), from + 25)));
        }
        StringBuilder set = new StringBuilder("SET finished = :fin, completed = :comp, ratioSum = :rs,"
                + " ratioCount = :rc, bdRateSum = :bs, bdRateCount = :bc, costUsdSum = :cost");
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":fin", n((long) experiments.size()),
                ":comp", n(completed), ":rs", n(ratioSum), ":rc", n(ratioCount), ":bs", n(bdSum),
                ":bc", n(bdCount), ":cost", n(cost)));
        byOutcome.forEach((k, v) -> {
            set.append(", outcome_").append(k.name()).append(" = :o_").append(k.name());
            values.put(":o_" + k.name(), n(v));
        });
        byStatus.forEach((k, v) -> {
            set.append(", status_").append(k.name()).append(" = :s_").append(k.name());
            values.put(":s_" + k.name(), n(v));
        });
        if (best != null) {
            set.append(", bestRatio = :best, bestExperimentId = :bestId");
            values.put(":best", n(best));
            values.put(":bestId", s(bestId));
        }
        updateRun(runId, set.toString(), values);
        return experiments.size();
    }

    private void updateRun(String runId, String expression, Map<String, AttributeValue> values) {
        try {
            db.updateItem(u -> u.tableName(config.runsTable()).key(Map.of("runId", s(runId)))
                    .updateExpression(expression).expressionAttributeValues(values)
                    .conditionExpression("attribute_exists(runId)"));
        } catch (ConditionalCheckFailedException e) {
            throw new NotFoundException("No run " + runId + " in table " + config.runsTable());
        }
    }

    // ---------------------------------------------------------------- experiment writes

    @Override
    public void plan(Experiment e) {
        if (e.status() != ExperimentStatus.PLANNED) {
            throw new IllegalArgumentException("A new experiment starts PLANNED, got " + e.status()
                    + " for " + e.experimentId() + "; record failures with finish()");
        }
        requireId("runId", e.runId());
        requireId("experimentId", e.experimentId());
        if (e.createdAt() == null) throw new IllegalArgumentException("Experiment " + e.experimentId() + " has no createdAt");
        runItem(e.runId());
        try {
            db.putItem(r -> r.tableName(config.experimentsTable()).item(Items.experimentItem(e))
                    .conditionExpression("attribute_not_exists(experimentId)"));
        } catch (ConditionalCheckFailedException x) {
            throw new IllegalStateException("Experiment " + e.runId() + "/" + e.experimentId()
                    + " exists already; experiment ids must be unique (use ExperimentIds.next)");
        }
    }

    @Override
    public Experiment transition(String runId, String experimentId, ExperimentStatus expected, ExperimentStatus next,
                                 Map<String, Object> fields) {
        if (expected.isFinal() || next.isFinal() || next.ordinal() <= expected.ordinal()) {
            throw new IllegalArgumentException("transition() moves forward between non-final statuses (PLANNED ->"
                    + " VALIDATED -> EXECUTED); got " + expected + " -> " + next + ". Final statuses go through finish()");
        }
        StringBuilder set = new StringBuilder("SET #status = :next, updatedAt = :now");
        List<String> remove = new ArrayList<>();
        Map<String, String> names = new HashMap<>(Map.of("#status", "status"));
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":next", s(next.name()));
        values.put(":expected", s(expected.name()));
        values.put(":now", s(clock.instant().toString()));
        int i = 0;
        for (var f : fields.entrySet()) {
            String name = f.getKey();
            Object v = f.getValue();
            String alias = "#f" + i;
            names.put(alias, name);
            if (v == null) {
                if (!STRING_FIELDS.contains(name) && !NUMBER_FIELDS.contains(name)) throw unknownField(name);
                remove.add(alias);
            } else if (STRING_FIELDS.contains(name) && v instanceof String str) {
                set.append(", ").append(alias).append(" = :f").append(i);
                values.put(":f" + i, s(str));
            } else if (NUMBER_FIELDS.contains(name) && v instanceof Number num) {
                set.append(", ").append(alias).append(" = :f").append(i);
                values.put(":f" + i, n(num.doubleValue()));
            } else {
                throw unknownField(name + " (" + v.getClass().getSimpleName() + ")");
            }
            i++;
        }
        String expression = remove.isEmpty() ? set.toString() : set + " REMOVE " + String.join(", ", remove);
        try {
            var r = db.updateItem(u -> u.tableName(config.experimentsTable()).key(key(runId, experimentId))
                    .updateExpression(expression)
                    .conditionExpression("attribute_exists(experimentId) AND #status = :expected")
                    .expressionAttributeNames(names).expressionAttributeValues(values)
                    .returnValues(ReturnValue.ALL_NEW));
            return Items.experiment(r.attributes());
        } catch (ConditionalCheckFailedException x) {
            throw new ConcurrentTransitionException(runId, experimentId, expected.name(), get(runId, experimentId).status());
        }
    }

    private static IllegalArgumentException unknownField(String name) {
        return new IllegalArgumentException("transition() cannot set " + name + "; allowed: strings " + STRING_FIELDS
                + ", numbers " + NUMBER_FIELDS);
    }

    @Override
    public RecordResult finish(String runId, String experimentId, FinalResult result, String idempotencyKey) {
        if (idempotencyKey == null || idempotencyKey.isBlank()) {
            throw new IllegalArgumentException("finish() needs an idempotency key (execution id + state name)");
        }
        ExperimentStatus status = ExperimentStatus.finalFor(result.outcome());
        String now = clock.instant().toString();
        StringBuilder set = new StringBuilder("SET #status = :final, outcome = :outcome, runOutcome = :ro,"
                + " finishedAt = :now, updatedAt = :now, recordKey = :key");
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":final", s(status.name()));
        values.put(":outcome", s(result.outcome().name()));
        values.put(":ro", s(Items.runOutcome(runId, result.outcome().name())));
        values.put(":now", s(now));
        values.put(":key", s(idempotencyKey));
        values.put(":p", s(ExperimentStatus.PLANNED.name()));
        values.put(":v", s(ExperimentStatus.VALIDATED.name()));
        values.put(":x", s(ExperimentStatus.EXECUTED.name()));
        setIf(set, values, "message", result.message() == null ? null : s(result.message()));
        setIf(set, values, "evaluationHash", result.evaluationHash() == null ? null : s(result.evaluationHash()));
        setIf(set, values, "bdRatePercent", result.bdRatePercent() == null ? null : n(result.bdRatePercent()));
        setIf(set, values, "bitrateAtTargetKbps",
                result.bitrateAtTargetKbps() == null ? null : n(result.bitrateAtTargetKbps()));
        setIf(set, values, "baselineBitrateAtTargetKbps",
                result.baselineBitrateAtTargetKbps() == null ? null : n(result.baselineBitrateAtTargetKbps()));
        setIf(set, values, "holdoutBdRatePercent",
                result.holdoutBdRatePercent() == null ? null : n(result.holdoutBdRatePercent()));
        setIf(set, values, "holdoutRatio", result.holdoutRatio() == null ? null : n(result.holdoutRatio()));
        if (status == ExperimentStatus.COMPLETED && result.ratio() != null) {
            setIf(set, values, "ratio", n(result.ratio()));
            if (!result.promotable()) {
                setIf(set, values, "promotable", AttributeValue.fromBool(false));
            }
        }
        Map<String, AttributeValue> stored;
        boolean replay = false;
        try {
            stored = db.updateItem(u -> u.tableName(config.experimentsTable()).key(key(runId, experimentId))
                    .updateExpression(set.toString())
                    .conditionExpression("attribute_exists(experimentId) AND #status IN (:p, :v, :x)"
                            + " AND attribute_not_exists(recordKey)")
                    .expressionAttributeNames(Map.of("#status", "status"))
                    .expressionAttributeValues(values)
                    .returnValues(ReturnValue.ALL_NEW)).attributes();
        } catch (ConditionalCheckFailedException x) {
            stored = experimentItem(runId, experimentId);
            if (!idempotencyKey.equals(Items.str(stored, "recordKey"))) {
                throw new ConcurrentTransitionException(runId, experimentId, "non-final (PLANNED, VALIDATED or"
                        + " EXECUTED)", ExperimentStatus.valueOf(Items.str(stored, "status")));
            }
            replay = true;
        }
        AttributeValue counted = stored.get("counted");
        if (counted == null || !Boolean.TRUE.equals(counted.bool())) {
            count(runId, experimentId, stored);
        }
        return new RecordResult(Items.experiment(stored), replay);
    }

    private static void setIf(StringBuilder set, Map<String, AttributeValue> values, String name, AttributeValue v) {
        if (v == null) return;
        set.append(", ").append(name).append(" = :").append(name);
        values.put(":" + name, v);
    }

    /** Steps 2 to 4 of the class comment, from the stored final experiment. */
    private void count(String runId, String experimentId, Map<String, AttributeValue> stored) {
        OutcomeKind outcome = OutcomeKind.valueOf(Items.str(stored, "outcome"));
        ExperimentStatus status = ExperimentStatus.valueOf(Items.str(stored, "status"));
        Double ratio = Items.num(stored, "ratio");
        Double bdRate = Items.num(stored, "bdRatePercent");
        StringBuilder add = new StringBuilder("ADD finished :one, #oc :one, #sc :one, costUsdSum :cost");
        Map<String, String> names = new HashMap<>();
        names.put("#oc", "outcome_" + outcome.name());
        names.put("#sc", "status_" + status.name());
        names.put("#eid", experimentId);
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":one", n(1));
        values.put(":cost", n(Items.numOr(stored, "costUsd", 0)));
        values.put(":at", n(clock.millis()));
        if (status == ExperimentStatus.COMPLETED) add.append(", completed :one");
        if (ratio != null) {
            add.append(", ratioSum :ratio, ratioCount :one");
            values.put(":ratio", n(ratio));
        }
        if (bdRate != null) {
            add.append(", bdRateSum :bd, bdRateCount :one");
            values.put(":bd", n(bdRate));
        }
        String expression = add + " SET counted.#eid = :at";
        long finished = -1;
        try {
            var r = db.updateItem(u -> u.tableName(config.runsTable()).key(Map.of("runId", s(runId)))
                    .updateExpression(expression)
                    .conditionExpression("attribute_exists(runId) AND attribute_not_exists(counted.#eid)")
                    .expressionAttributeNames(names).expressionAttributeValues(values)
                    .returnValues(ReturnValue.UPDATED_NEW));
            finished = Items.count(r.attributes(), "finished");
        } catch (ConditionalCheckFailedException alreadyCounted) {
            runItem(runId); // NotFoundException when the run itself is gone; otherwise the marker says "counted".
        }
        AttributeValue promotable = stored.get("promotable");
        if (ratio != null && (promotable == null || !Boolean.FALSE.equals(promotable.bool()))) {
            try {
                db.updateItem(u -> u.tableName(config.runsTable()).key(Map.of("runId", s(runId)))
                        .updateExpression("SET bestRatio = :r, bestExperimentId = :e")
                        .conditionExpression("attribute_exists(runId) AND"
                                + " (attribute_not_exists(bestRatio) OR bestRatio > :r)")
                        .expressionAttributeValues(Map.of(":r", n(ratio), ":e", s(experimentId))));
            } catch (ConditionalCheckFailedException notBetter) {
                // The run already has a ratio at least as good: keep it.
            }
        }
        db.updateItem(u -> u.tableName(config.experimentsTable()).key(key(runId, experimentId))
                .updateExpression("SET counted = :t")
                .conditionExpression("attribute_exists(experimentId)")
                .expressionAttributeValues(Map.of(":t", AttributeValue.fromBool(true))));
        if (finished > 0 && finished % PRUNE_EVERY == 0) pruneMarkers(runId);
    }

    /** Removes "counted" markers older than the window; their experiments carry counted=true by then. */
    void pruneMarkers(String runId) {
        long cutoff = clock.millis() - config.markerWindow().toMillis();
        Map<String, AttributeValue> marks = runItem(runId).getOrDefault("counted", AttributeValue.fromM(Map.of())).m();
        List<String> old = marks.entrySet().stream()
                .filter(e -> Long.parseLong(e.getValue().n()) < cutoff).map(Map.Entry::getKey).toList();
        for (int from = 0; from < old.size(); from += 100) {
            List<String> chunk = old.subList(from, Math.min(old.size(), from + 100));
            Map<String, String> names = new HashMap<>();
            List<String> paths = new ArrayList<>();
            for (int i = 0; i < chunk.size(); i++) {
                names.put("#m" + i, chunk.get(i));
                paths.add("counted.#m" + i);
            }
            db.updateItem(u -> u.tableName(config.runsTable()).key(Map.of("runId", s(runId)))
                    .updateExpression("REMOVE " + String.join(", ", paths))
                    .conditionExpression("attribute_exists(runId)")
                    .expressionAttributeNames(names));
        }
    }

    @Override
    public List<Experiment> markTimedOut(String runId, Duration olderThan, Instant now) {
        List<Experiment> marked = new ArrayList<>();
        for (Experiment e : stuck(runId, olderThan, now)) {
            String message = "Stuck in " + e.status() + " for more than " + olderThan + " (created " + e.createdAt()
                    + "); marked TIMED_OUT by the timeout sweep";
            try {
                RecordResult r = finish(runId, e.experimentId(), FinalResult.failure(OutcomeKind.TIMEOUT, message),
                        "timeout-sweep:" + e.experimentId());
                if (!r.replay()) marked.add(r.experiment());
            } catch (ConcurrentTransitionException finishedMeanwhile) {
                // It reached a final status on its own between the query and the write: its result stands.
            }
        }
        return marked;
    }

    // ---------------------------------------------------------------- reads

    @Override
    public Experiment get(String runId, String experimentId) {
        return Items.experiment(experimentItem(runId, experimentId));
    }

    private Map<String, AttributeValue> experimentItem(String runId, String experimentId) {
        var r = db.getItem(g -> g.tableName(config.experimentsTable()).key(key(runId, experimentId))
                .consistentRead(true));
        if (!r.hasItem() || r.item().isEmpty()) {
            throw new NotFoundException("No experiment " + experimentId + " in run " + runId + " (table "
                    + config.experimentsTable() + ")");
        }
        return r.item();
    }

    @Override
    public List<Experiment> newest(String runId, int n) {
        return query(QueryRequest.builder().tableName(config.experimentsTable())
                .keyConditionExpression("runId = :r").expressionAttributeValues(Map.of(":r", s(runId)))
                .scanIndexForward(false).consistentRead(true), n);
    }

    @Override
    public List<Experiment> best(String runId, int n) {
        return query(QueryRequest.builder().tableName(config.experimentsTable()).indexName(DynamoTables.BY_RATIO)
                .keyConditionExpression("runId = :r").expressionAttributeValues(Map.of(":r", s(runId)))
                .scanIndexForward(true), n);
    }

    @Override
    public List<Experiment> failuresSince(String runId, OutcomeKind outcome, String afterExperimentId) {
        return byOutcome(Items.runOutcome(runId, outcome.name()), afterExperimentId == null ? "" : afterExperimentId,
                null);
    }

    @Override
    public List<Experiment> since(String runId, String afterExperimentId) {
        return query(QueryRequest.builder().tableName(config.experimentsTable())
                .keyConditionExpression("runId = :r AND experimentId > :after")
                .expressionAttributeValues(Map.of(":r", s(runId),
                        ":after", s(afterExperimentId == null ? "" : afterExperimentId)))
                .consistentRead(true), Integer.MAX_VALUE);
    }

    @Override
    public List<Experiment> stuck(String runId, Duration olderThan, Instant now) {
        // Non-final experiments carry runOutcome "<runId>#PENDING"; ids sort by creation time.
        return byOutcome(Items.runOutcome(runId, Items.PENDING), null, ExperimentIds.prefix(now.minus(olderThan)));
    }

    private List<Experiment> byOutcome(String runOutcome, String after, String before) {
        String condition = after != null ? "runOutcome = :ro AND experimentId > :k" : "runOutcome = :ro AND experimentId < :k";
        return query(QueryRequest.builder().tableName(config.experimentsTable()).indexName(DynamoTables.BY_OUTCOME)
                .keyConditionExpression(condition)
                .expressionAttributeValues(Map.of(":ro", s(runOutcome), ":k", s(after != null ? after : before))),
                Integer.MAX_VALUE);
    }

    /** A paginated Query collecting at most {@code max} experiments. */
    private List<Experiment> query(QueryRequest.Builder request, int max) {
        List<Experiment> out = new ArrayList<>();
        for (Map<String, AttributeValue> item : queryItems(request, max)) out.add(Items.experiment(item));
        return out;
    }

    private List<Map<String, AttributeValue>> queryItems(QueryRequest.Builder request, int max) {
        if (max <= 0) return List.of();
        List<Map<String, AttributeValue>> out = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            if (max != Integer.MAX_VALUE) request.limit(max - out.size());
            QueryResponse page = db.query(request.exclusiveStartKey(start).build());
            out.addAll(page.items());
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null && out.size() < max);
        return out;
    }

    private List<Map<String, AttributeValue>> allItems(String runId) {
        return queryItems(QueryRequest.builder().tableName(config.experimentsTable())
                .keyConditionExpression("runId = :r").expressionAttributeValues(Map.of(":r", s(runId)))
                .consistentRead(true), Integer.MAX_VALUE);
    }

    // ---------------------------------------------------------------- purge, export, restore

    @Override
    public int deleteRun(String runId) {
        List<Map<String, AttributeValue>> items = allItems(runId);
        boolean runExists;
        try {
            runItem(runId);
            runExists = true;
        } catch (NotFoundException e) {
            runExists = false;
        }
        if (!runExists && items.isEmpty()) throw new NotFoundException("No run " + runId + " to delete");
        List<WriteRequest> deletes = items.stream().map(i -> WriteRequest.builder().deleteRequest(
                DeleteRequest.builder().key(key(runId, Items.str(i, "experimentId"))).build()).build()).toList();
        for (int from = 0; from < deletes.size(); from += 25) {
            batchWrite(config.experimentsTable(), deletes.subList(from, Math.min(deletes.size(), from + 25)));
        }
        db.deleteItem(d -> d.tableName(config.runsTable()).key(Map.of("runId", s(runId))));
        return items.size();
    }

    private void batchWrite(String table, List<WriteRequest> requests) {
        Map<String, List<WriteRequest>> pending = Map.of(table, requests);
        for (int attempt = 0; !pending.isEmpty(); attempt++) {
            if (attempt > 10) {
                throw new IllegalStateException("BatchWriteItem on " + table + " left items unprocessed after "
                        + attempt + " attempts (throttled?); retry the command");
            }
            if (attempt > 0) sleep(Math.min(1000, 25L << attempt));
            Map<String, List<WriteRequest>> request = pending;
            BatchWriteItemResponse r = db.batchWriteItem(b -> b.requestItems(request));
            pending = r.hasUnprocessedItems() ? r.unprocessedItems() : Map.of();
        }
    }

    @Override
    public void exportRun(String runId, Writer out) throws IOException {
        ObjectNode run = JsonItems.MAPPER.createObjectNode().put("table", "runs");
        run.set("item", JsonItems.toJson(runItem(runId)));
        out.write(JsonItems.MAPPER.writeValueAsString(run));
        out.write('\n');
        for (Map<String, AttributeValue> item : allItems(runId)) {
            ObjectNode line = JsonItems.MAPPER.createObjectNode().put("table", "experiments");
            line.set("item", JsonItems.toJson(item));
            out.write(JsonItems.MAPPER.writeValueAsString(line));
            out.write('\n');
        }
        out.flush();
    }

    @Override
    public int importRun(Reader in) throws IOException {
        BufferedReader r = in instanceof BufferedReader b ? b : new BufferedReader(in);
        int count = 0;
        int lineNo = 0;
        for (String line; (line = r.readLine()) != null; ) {
            lineNo++;
            if (line.isBlank()) continue;
            JsonNode node = JsonItems.MAPPER.readTree(line);
            String table = node.path("table").asText();
            Map<String, AttributeValue> item = JsonItems.fromJson(node.path("item"));
            String target;
            String keyAttr;
            switch (table) {
                case "runs" -> { target = config.runsTable(); keyAttr = "runId"; }
                case "experiments" -> { target = config.experimentsTable(); keyAttr = "experimentId"; }
                default -> throw new IllegalArgumentException("Line " + lineNo + ": unknown table \"" + table
                        + "\" (expected runs or experiments); is this a codec-lab export?");
            }
            try {
                db.putItem(p -> p.tableName(target).item(item).conditionExpression("attribute_not_exists(" + keyAttr + ")"));
            } catch (ConditionalCheckFailedException e) {
                throw new IllegalStateException("Line " + lineNo + ": " + table + " item " + Items.str(item, "runId")
                        + "/" + Items.str(item, keyAttr) + " exists already; delete the run before restoring it");
            }
            count++;
        }
        return count;
    }

    // ---------------------------------------------------------------- helpers

    private static Map<String, AttributeValue> key(String runId, String experimentId) {
        return Map.of("runId", s(runId), "experimentId", s(experimentId));
    }

    private static void requireId(String name, String v) {
        if (v == null || v.isBlank() || v.contains("#")) {
            throw new IllegalArgumentException(name + " must be a non-blank string without '#', got \"" + v + "\"");
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while retrying a batch write", e);
        }
    }
}
