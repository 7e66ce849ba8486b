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

/** Reads of experiments: by key, newest first, best first, by outcome, since an id. Queries only, never a Scan. */
final class DynamoQueries {

    private final DynamoContext ctx;
    private final DynamoDbClient db;
    private final DynamoConfig config;
    private final Clock clock;

    DynamoQueries(DynamoContext ctx) {
        this.db = ctx.db();
        this.config = ctx.config();
        this.clock = ctx.clock();
        this.ctx = ctx;
    }

    Experiment get(String runId, String experimentId) {
        return Items.experiment(experimentItem(runId, experimentId));
    }

    Map<String, AttributeValue> experimentItem(String runId, String experimentId) {
        var r = db.getItem(g -> g.tableName(config.experimentsTable()).key(key(runId, experimentId))
                .consistentRead(true));
        if (!r.hasItem() || r.item().isEmpty()) {
            throw new NotFoundException("No experiment " + experimentId + " in run " + runId + " (table "
                    + config.experimentsTable() + ")");
        }
        return r.item();
    }

    List<Experiment> newest(String runId, int n) {
        return query(QueryRequest.builder().tableName(config.experimentsTable())
                .keyConditionExpression("runId = :r").expressionAttributeValues(Map.of(":r", s(runId)))
                .scanIndexForward(false).consistentRead(true), n);
    }

    List<Experiment> best(String runId, int n) {
        return query(QueryRequest.builder().tableName(config.experimentsTable()).indexName(DynamoTables.BY_SCORE)
                .keyConditionExpression("runId = :r").expressionAttributeValues(Map.of(":r", s(runId)))
                .scanIndexForward(true), n);
    }

    List<Experiment> failuresSince(String runId, OutcomeKind outcome, String afterExperimentId) {
        return byOutcome(Items.runOutcome(runId, outcome.name()), afterExperimentId == null ? "" : afterExperimentId,
                null);
    }

    List<Experiment> since(String runId, String afterExperimentId) {
        return query(QueryRequest.builder().tableName(config.experimentsTable())
                .keyConditionExpression("runId = :r AND experimentId > :after")
                .expressionAttributeValues(Map.of(":r", s(runId),
                        ":after", s(afterExperimentId == null ? "" : afterExperimentId)))
                .consistentRead(true), Integer.MAX_VALUE);
    }

    List<Experiment> stuck(String runId, Duration olderThan, Instant now) {
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
        for (Map<String, AttributeValue> item : ctx.queryItems(request, max)) out.add(Items.experiment(item));
        return out;
    }
}
