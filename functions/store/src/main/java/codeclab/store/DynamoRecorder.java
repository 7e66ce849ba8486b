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

/**
 * The final record of an experiment and its count in the run (see {@link ExperimentStore#finish}).
 *
 * <p>Recording without transactions (dynalite has no TransactWriteItems, and single-item conditions are enough):
 * <ol>
 *   <li>the experiment moves to its final status with {@code recordKey} = the idempotency key, conditional on a
 *       non-final status and no recordKey yet (a later call with the same key is a replay and writes nothing);</li>
 *   <li>the run's counters are ADDed in one UpdateItem that also sets the marker {@code counted.<experimentId>},
 *       conditional on that marker being absent: this is what makes counting exactly-once;</li>
 *   <li>best-so-far: SET bestBdRate (the score) only if absent or higher, and only for a promotable result (see
 *       {@link FinalResult#promotable()}; the experiment keeps {@code promotable = false} so a resumed count honours
 *       it);</li>
 *   <li>the experiment gets {@code counted = true}, so later replays skip step 2 without needing the marker.</li>
 * </ol>
 * A crash between steps leaves the experiment final with {@code counted} absent; a retry of the same record resumes
 * at step 2 and the marker prevents a second count. Markers older than {@link DynamoConfig#markerWindow()} are pruned
 * to keep the run item small (only a record interrupted between steps 2 and 4 and retried after that window could
 * count twice).
 */
final class DynamoRecorder {

    private static final int PRUNE_EVERY = 100;

    private final DynamoDbClient db;
    private final DynamoConfig config;
    private final Clock clock;
    private final DynamoRuns runs;
    private final DynamoQueries queries;

    DynamoRecorder(DynamoContext ctx, DynamoRuns runs, DynamoQueries queries) {
        this.db = ctx.db();
        this.config = ctx.config();
        this.clock = ctx.clock();
        this.runs = runs;
        this.queries = queries;
    }

    RecordResult finish(String runId, String experimentId, FinalResult result, String idempotencyKey) {
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
        setIf(set, values, "bdRateOverlapPercent",
                result.bdRateOverlapPercent() == null ? null : n(result.bdRateOverlapPercent()));
        if (status == ExperimentStatus.COMPLETED && result.ratio() != null) {
            setIf(set, values, "ratio", n(result.ratio()));
        }
        if (status == ExperimentStatus.COMPLETED && result.bdRatePercent() != null) {
            // the sort key of the byScore index: only completed experiments with a BD-rate rank
            setIf(set, values, DynamoTables.SCORE, n(result.bdRatePercent()));
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
            stored = queries.experimentItem(runId, experimentId);
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
            runs.runItem(runId); // NotFoundException when the run itself is gone; otherwise the marker says "counted".
        }
        AttributeValue promotable = stored.get("promotable");
        Double score = Items.num(stored, DynamoTables.SCORE);
        if (score != null && (promotable == null || !Boolean.FALSE.equals(promotable.bool()))) {
            Map<String, AttributeValue> best = new HashMap<>(Map.of(":b", n(score), ":e", s(experimentId)));
            if (ratio != null) {
                best.put(":r", n(ratio));
            }
            try {
                db.updateItem(u -> u.tableName(config.runsTable()).key(Map.of("runId", s(runId)))
                        .updateExpression("SET bestBdRate = :b, bestExperimentId = :e"
                                + (ratio != null ? ", bestRatio = :r" : " REMOVE bestRatio"))
                        .conditionExpression("attribute_exists(runId) AND"
                                + " (attribute_not_exists(bestBdRate) OR bestBdRate > :b)")
                        .expressionAttributeValues(best));
            } catch (ConditionalCheckFailedException notBetter) {
                // The run already has a BD-rate at least as good: keep it.
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
        Map<String, AttributeValue> marks = runs.runItem(runId).getOrDefault("counted", AttributeValue.fromM(Map.of())).m();
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

    List<Experiment> markTimedOut(String runId, Duration olderThan, Instant now) {
        List<Experiment> marked = new ArrayList<>();
        for (Experiment e : queries.stuck(runId, olderThan, now)) {
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
}
