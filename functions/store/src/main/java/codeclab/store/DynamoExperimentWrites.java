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

/** Experiment writes before the final record: a new PLANNED item, then forward transitions. */
final class DynamoExperimentWrites {

    private static final Set<String> STRING_FIELDS = Set.of("sourceHash", "evaluationHash", "message", "hypothesis",
            "parentId", "planner");
    private static final Set<String> NUMBER_FIELDS = Set.of("costUsd", "bdRatePercent", "bdRateOverlapPercent", "bitrateAtTargetKbps",
            "baselineBitrateAtTargetKbps");
    private final DynamoDbClient db;
    private final DynamoConfig config;
    private final Clock clock;
    private final DynamoRuns runs;
    private final DynamoQueries queries;

    DynamoExperimentWrites(DynamoContext ctx, DynamoRuns runs, DynamoQueries queries) {
        this.db = ctx.db();
        this.config = ctx.config();
        this.clock = ctx.clock();
        this.runs = runs;
        this.queries = queries;
    }

    public void plan(Experiment e) {
        if (e.status() != ExperimentStatus.PLANNED) {
            throw new IllegalArgumentException("A new experiment starts PLANNED, got " + e.status()
                    + " for " + e.experimentId() + "; record failures with finish()");
        }
        requireId("runId", e.runId());
        requireId("experimentId", e.experimentId());
        if (e.createdAt() == null) throw new IllegalArgumentException("Experiment " + e.experimentId() + " has no createdAt");
        runs.runItem(e.runId());
        try {
            db.putItem(r -> r.tableName(config.experimentsTable()).item(Items.experimentItem(e))
                    .conditionExpression("attribute_not_exists(experimentId)"));
        } catch (ConditionalCheckFailedException x) {
            throw new IllegalStateException("Experiment " + e.runId() + "/" + e.experimentId()
                    + " exists already; experiment ids must be unique (use ExperimentIds.next)");
        }
    }

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
            throw new ConcurrentTransitionException(runId, experimentId, expected.name(), queries.get(runId, experimentId).status());
        }
    }

    private static IllegalArgumentException unknownField(String name) {
        return new IllegalArgumentException("transition() cannot set " + name + "; allowed: strings " + STRING_FIELDS
                + ", numbers " + NUMBER_FIELDS);
    }
}
