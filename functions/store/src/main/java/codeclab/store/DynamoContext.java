package codeclab.store;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static codeclab.store.Items.s;

/** What the parts of {@link DynamoExperimentStore} share: the client, the table names, the clock, key helpers. */
record DynamoContext(DynamoDbClient db, DynamoConfig config, Clock clock) {

    static Map<String, AttributeValue> key(String runId, String experimentId) {
        return Map.of("runId", s(runId), "experimentId", s(experimentId));
    }

    static Map<String, AttributeValue> runKey(String runId) {
        return Map.of("runId", s(runId));
    }

    static void requireId(String name, String v) {
        if (v == null || v.isBlank() || v.contains("#")) {
            throw new IllegalArgumentException(name + " must be a non-blank string without '#', got \"" + v + "\"");
        }
    }

    /** A paginated Query collecting at most {@code max} items. */
    List<Map<String, AttributeValue>> queryItems(QueryRequest.Builder request, int max) {
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

    /** Every experiment item of a run, by creation order (a Query on the partition, never a Scan). */
    List<Map<String, AttributeValue>> allItems(String runId) {
        return queryItems(QueryRequest.builder().tableName(config.experimentsTable())
                .keyConditionExpression("runId = :r").expressionAttributeValues(Map.of(":r", s(runId)))
                .consistentRead(true), Integer.MAX_VALUE);
    }
}
