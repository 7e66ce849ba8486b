package codeclab.store;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndexDescription;
import software.amazon.awssdk.services.dynamodb.model.IndexStatus;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The two tables and their indexes, exactly as docs/DATA-MODEL.md describes them (the CDK stack creates the same on
 * AWS). {@link #create} is for local use: it creates what is missing, checks what exists, and waits until ACTIVE.
 */
public final class DynamoTables {

    public static final String RUN_ID = "runId";
    public static final String EXPERIMENT_ID = "experimentId";
    public static final String SCORE = "score";
    public static final String RATIO = "ratio";
    public static final String RUN_OUTCOME = "runOutcome";
    /** GSI: pk runId, sk score (N, the BD-rate on PSNR-Y); sparse, only completed experiments with a BD-rate. */
    public static final String BY_SCORE = "byScore";
    /** GSI: pk runId, sk ratio (N, bitrate at target / x264's, the second figure); sparse. */
    public static final String BY_RATIO = "byRatio";
    /** GSI: pk runOutcome ("runId#OUTCOME", or "runId#PENDING" while not final), sk experimentId. */
    public static final String BY_OUTCOME = "byOutcome";

    private DynamoTables() {
    }

    /** Creates both tables unless they exist (idempotent); fails when an existing table has another key schema. */
    public static void create(DynamoDbClient db, DynamoConfig config) {
        createIfMissing(db, CreateTableRequest.builder()
                .tableName(config.experimentsTable())
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(attr(RUN_ID, ScalarAttributeType.S), attr(EXPERIMENT_ID, ScalarAttributeType.S),
                        attr(SCORE, ScalarAttributeType.N), attr(RATIO, ScalarAttributeType.N),
                        attr(RUN_OUTCOME, ScalarAttributeType.S))
                .keySchema(key(RUN_ID, KeyType.HASH), key(EXPERIMENT_ID, KeyType.RANGE))
                .globalSecondaryIndexes(
                        gsi(BY_SCORE, RUN_ID, SCORE),
                        gsi(BY_RATIO, RUN_ID, RATIO),
                        gsi(BY_OUTCOME, RUN_OUTCOME, EXPERIMENT_ID))
                .build(), Set.of(BY_SCORE, BY_RATIO, BY_OUTCOME));
        createIfMissing(db, CreateTableRequest.builder()
                .tableName(config.runsTable())
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(attr(RUN_ID, ScalarAttributeType.S))
                .keySchema(key(RUN_ID, KeyType.HASH))
                .build(), Set.of());
    }

    private static void createIfMissing(DynamoDbClient db, CreateTableRequest request, Set<String> indexes) {
        try {
            db.createTable(request);
        } catch (ResourceInUseException exists) {
            // Created earlier (or concurrently): check below that it is the same table.
        }
        TableDescription t = waitActive(db, request.tableName(), Duration.ofSeconds(60));
        if (!t.keySchema().equals(request.keySchema())) {
            throw new IllegalStateException("Table " + request.tableName() + " exists with key schema " + t.keySchema()
                    + " but codec-lab needs " + request.keySchema() + "; delete it or configure another table name");
        }
        Set<String> found = t.globalSecondaryIndexes().stream().map(GlobalSecondaryIndexDescription::indexName)
                .collect(Collectors.toSet());
        if (!found.containsAll(indexes)) {
            throw new IllegalStateException("Table " + request.tableName() + " lacks the indexes " + indexes
                    + " (has " + found + "); a store made before the BD-rate index byScore needs a new --data folder"
                    + " (or a new stack); see docs/DATA-MODEL.md");
        }
    }

    private static TableDescription waitActive(DynamoDbClient db, String table, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            try {
                TableDescription t = db.describeTable(r -> r.tableName(table)).table();
                boolean indexesActive = t.globalSecondaryIndexes().stream()
                        .allMatch(i -> i.indexStatus() == IndexStatus.ACTIVE);
                if (t.tableStatus() == TableStatus.ACTIVE && indexesActive) return t;
            } catch (ResourceNotFoundException notYet) {
                // Eventually consistent control plane: keep polling.
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Table " + table + " did not become ACTIVE within " + timeout);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for table " + table, e);
            }
        }
    }

    private static AttributeDefinition attr(String name, ScalarAttributeType type) {
        return AttributeDefinition.builder().attributeName(name).attributeType(type).build();
    }

    private static KeySchemaElement key(String name, KeyType type) {
        return KeySchemaElement.builder().attributeName(name).keyType(type).build();
    }

    private static GlobalSecondaryIndex gsi(String name, String pk, String sk) {
        return GlobalSecondaryIndex.builder().indexName(name)
                .keySchema(List.of(key(pk, KeyType.HASH), key(sk, KeyType.RANGE)))
                .projection(Projection.builder().projectionType(ProjectionType.ALL).build())
                .build();
    }
}
