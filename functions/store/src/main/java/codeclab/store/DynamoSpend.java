package codeclab.store;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

import java.util.Map;

import static codeclab.store.Items.n;
import static codeclab.store.Items.s;

/**
 * The run's planner budget ledger on the run item: a reservation is one conditional ADD to {@code llmCommittedUsd}
 * that only succeeds while the result stays within the limit (the condition compares against limit minus the amount,
 * as DynamoDB conditions cannot add), so parallel plans on any number of Lambdas cannot overspend together.
 */
final class DynamoSpend {

    private final DynamoDbClient db;
    private final DynamoConfig config;

    DynamoSpend(DynamoContext ctx) {
        this.db = ctx.db();
        this.config = ctx.config();
    }

    boolean reserve(String runId, double usd, double limitUsd) {
        if (usd < 0 || usd > limitUsd) {
            return false;
        }
        try {
            db.updateItem(u -> u.tableName(config.runsTable()).key(Map.of("runId", s(runId)))
                    .updateExpression("ADD llmCommittedUsd :r")
                    .conditionExpression("attribute_exists(runId) AND (attribute_not_exists(llmCommittedUsd) OR llmCommittedUsd <= :max)")
                    .expressionAttributeValues(Map.of(":r", dollars(exact(usd)), ":max", dollars(exact(limitUsd).subtract(exact(usd))))));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    /**
     * Money in nano-dollars as an exact decimal: DynamoDB adds decimals exactly, so reserve and settle cancel out exactly
     * (in doubles, 0.1 - 0.3 + 0.3 is not 0.1, and a run spent to the cent could be refused by a rounding error).
     */
    static java.math.BigDecimal exact(double usd) {
        return java.math.BigDecimal.valueOf(usd).setScale(9, java.math.RoundingMode.CEILING);
    }

    private static AttributeValue dollars(java.math.BigDecimal v) {
        return AttributeValue.fromN(v.toPlainString());
    }

    void settle(String runId, double reservedUsd, double actualUsd, long inputTokens, long outputTokens) {
        Map<String, AttributeValue> values = Map.of(":d", dollars(exact(actualUsd).subtract(exact(reservedUsd))), ":a", dollars(exact(actualUsd)),
                ":i", n(inputTokens), ":o", n(outputTokens), ":one", n(1L));
        try {
            db.updateItem(u -> u.tableName(config.runsTable()).key(Map.of("runId", s(runId)))
                    .updateExpression("ADD llmCommittedUsd :d, llmSpentUsd :a, llmInputTokens :i, llmOutputTokens :o, llmCalls :one")
                    .conditionExpression("attribute_exists(runId)").expressionAttributeValues(values));
        } catch (ConditionalCheckFailedException e) {
            throw new NotFoundException("No run " + runId + " in table " + config.runsTable() + " to settle planner spend on");
        }
    }
}
