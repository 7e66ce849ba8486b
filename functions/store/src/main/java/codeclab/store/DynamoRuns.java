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
import static codeclab.store.DynamoContext.key;
import static codeclab.store.DynamoContext.requireId;

/** The runs table: run items, their flags and monitor state, and the current-run pointer. */
final class DynamoRuns {

    private final DynamoDbClient db;
    private final DynamoConfig config;
    private final Clock clock;

    DynamoRuns(DynamoContext ctx) {
        this.db = ctx.db();
        this.config = ctx.config();
        this.clock = ctx.clock();
    }

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

    public RunSummary ensureRun(String runId, Instant startedAt) {
        try {
            return createRun(runId, startedAt);
        } catch (IllegalStateException exists) {
            return getRun(runId);
        }
    }

    public RunSummary getRun(String runId) {
        return Items.run(runItem(runId));
    }

    Map<String, AttributeValue> runItem(String runId) {
        var r = db.getItem(g -> g.tableName(config.runsTable()).key(Map.of("runId", s(runId))).consistentRead(true));
        if (!r.hasItem() || r.item().isEmpty()) {
            throw new NotFoundException("No run " + runId + " in table " + config.runsTable()
                    + "; start it first (codec-lab run --run " + runId + ")");
        }
        return r.item();
    }

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

    public void setPaused(String runId, boolean paused) {
        // Resuming clears the reason the loop paused itself for.
        updateRun(runId, paused ? "SET paused = :p" : "SET paused = :p REMOVE pauseReason", Map.of(":p", AttributeValue.fromBool(paused)));
    }

    public boolean pause(String runId, String reason) {
        try {
            db.updateItem(u -> u.tableName(config.runsTable()).key(Map.of("runId", s(runId)))
                    .updateExpression("SET paused = :t, pauseReason = :r")
                    .conditionExpression("attribute_exists(runId) AND (attribute_not_exists(paused) OR paused = :f)")
                    .expressionAttributeValues(Map.of(":t", AttributeValue.fromBool(true), ":f", AttributeValue.fromBool(false),
                            ":r", s(reason))));
            return true;
        } catch (ConditionalCheckFailedException e) {
            runItem(runId); // NotFoundException when the run is gone; otherwise it was paused already
            return false;
        }
    }

    public void setPlannerHints(String runId, java.util.List<String> hints) {
        updateRun(runId, "SET plannerHints = :h", Map.of(":h", AttributeValue.fromL(hints.stream().map(Items::s).toList())));
    }

    public void saveMonitorState(String runId, String json) {
        updateRun(runId, "SET monitorState = :m", Map.of(":m", s(json)));
    }

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

    public java.util.Optional<String> currentRun() {
        var r = db.getItem(g -> g.tableName(config.runsTable()).key(Map.of("runId", s(CURRENT_RUN_KEY)))
                .consistentRead(true));
        return r.hasItem() && !r.item().isEmpty()
                ? java.util.Optional.ofNullable(Items.str(r.item(), "current")) : java.util.Optional.empty();
    }

    public void setCurrentRun(String runId) {
        requireId("runId", runId);
        db.putItem(p -> p.tableName(config.runsTable()).item(Map.of("runId", s(CURRENT_RUN_KEY),
                "current", s(runId), "updatedAt", s(clock.instant().toString()))));
    }

    void updateRun(String runId, String expression, Map<String, AttributeValue> values) {
        try {
            db.updateItem(u -> u.tableName(config.runsTable()).key(Map.of("runId", s(runId)))
                    .updateExpression(expression).expressionAttributeValues(values)
                    .conditionExpression("attribute_exists(runId)"));
        } catch (ConditionalCheckFailedException e) {
            throw new NotFoundException("No run " + runId + " in table " + config.runsTable());
        }
    }
}
