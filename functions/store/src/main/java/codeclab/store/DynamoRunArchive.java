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

/** Whole runs at once: bulk load of finished experiments, purge, export and restore (JSON lines). */
final class DynamoRunArchive {

    private final DynamoContext ctx;
    private final DynamoDbClient db;
    private final DynamoConfig config;
    private final Clock clock;
    private final DynamoRuns runs;

    DynamoRunArchive(DynamoContext ctx, DynamoRuns runs) {
        this.db = ctx.db();
        this.config = ctx.config();
        this.clock = ctx.clock();
        this.ctx = ctx;
        this.runs = runs;
    }

    /**
     * Bulk loader for benchmarks and fixtures: creates the run and writes already-final experiments with
     * BatchWriteItem (25 per call), setting the run's counters to what {@link #finish} would have produced. Not for
     * live runs: it bypasses the conditional writes. Returns the number of experiments written.
     */
    int loadFinished(String runId, Instant startedAt, List<Experiment> experiments) {
        runs.createRun(runId, startedAt);
        Map<OutcomeKind, Long> byOutcome = new java.util.EnumMap<>(OutcomeKind.class);
        Map<ExperimentStatus, Long> byStatus = new java.util.EnumMap<>(ExperimentStatus.class);
        double ratioSum = 0, bdSum = 0, cost = 0;
        long ratioCount = 0, bdCount = 0, completed = 0;
        Double best = null;
        Double bestRatio = null;
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
            }
            Double score = e.completed() ? e.bdRatePercent() : null;
            if (score != null) {
                item.put(DynamoTables.SCORE, n(score));
                boolean promotable = !Boolean.FALSE.equals(e.holdoutConfirmed());
                if (!promotable) {
                    item.put("promotable", AttributeValue.fromBool(false));
                }
                if (promotable && (best == null || score < best)) {
                    best = score;
                    bestRatio = ratio;
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
            set.append(", bestBdRate = :best, bestExperimentId = :bestId");
            values.put(":best", n(best));
            values.put(":bestId", s(bestId));
            if (bestRatio != null) {
                set.append(", bestRatio = :bestRatio");
                values.put(":bestRatio", n(bestRatio));
            }
        }
        runs.updateRun(runId, set.toString(), values);
        return experiments.size();
    }

    int deleteRun(String runId) {
        List<Map<String, AttributeValue>> items = ctx.allItems(runId);
        boolean runExists;
        try {
            runs.runItem(runId);
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

    void exportRun(String runId, Writer out) throws IOException {
        ObjectNode run = JsonItems.MAPPER.createObjectNode().put("table", "runs");
        run.set("item", JsonItems.toJson(runs.runItem(runId)));
        out.write(JsonItems.MAPPER.writeValueAsString(run));
        out.write('\n');
        for (Map<String, AttributeValue> item : ctx.allItems(runId)) {
            ObjectNode line = JsonItems.MAPPER.createObjectNode().put("table", "experiments");
            line.set("item", JsonItems.toJson(item));
            out.write(JsonItems.MAPPER.writeValueAsString(line));
            out.write('\n');
        }
        out.flush();
    }

    int importRun(Reader in) throws IOException {
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

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while retrying a batch write", e);
        }
    }
}
