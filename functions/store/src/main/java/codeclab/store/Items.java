package codeclab.store;

import codeclab.core.Experiment;
import codeclab.core.ExperimentStatus;
import codeclab.core.OutcomeKind;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;

/** Experiment and run items to and from DynamoDB attribute maps. Numbers are always N, instants ISO-8601 S. */
final class Items {

    static final String PENDING = "PENDING";

    private Items() {
    }

    static AttributeValue s(String v) {
        return AttributeValue.fromS(v);
    }

    static AttributeValue n(double v) {
        if (!Double.isFinite(v)) throw new IllegalArgumentException("Cannot store " + v + " as a DynamoDB number");
        // BigDecimal.valueOf keeps Double.toString's shortest decimal, so the value parses back to the same double.
        return AttributeValue.fromN(BigDecimal.valueOf(v).toString());
    }

    static AttributeValue n(long v) {
        return AttributeValue.fromN(Long.toString(v));
    }

    static String runOutcome(String runId, String outcomeOrPending) {
        return runId + "#" + outcomeOrPending;
    }

    static Map<String, AttributeValue> experimentItem(Experiment e) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("runId", s(e.runId()));
        item.put("experimentId", s(e.experimentId()));
        item.put("status", s(e.status().name()));
        item.put("runOutcome", s(runOutcome(e.runId(), PENDING)));
        putS(item, "planner", e.planner());
        putS(item, "parentId", e.parentId());
        putS(item, "hypothesis", e.hypothesis());
        putS(item, "message", e.message());
        putS(item, "sourceHash", e.sourceHash());
        putS(item, "evaluationHash", e.evaluationHash());
        item.put("createdAt", s(e.createdAt().toString()));
        item.put("updatedAt", s(e.createdAt().toString()));
        putN(item, "bdRatePercent", e.bdRatePercent());
        putN(item, "bitrateAtTargetKbps", e.bitrateAtTargetKbps());
        putN(item, "baselineBitrateAtTargetKbps", e.baselineBitrateAtTargetKbps());
        item.put("costUsd", n(e.costUsd()));
        putN(item, "holdoutBdRatePercent", e.holdoutBdRatePercent());
        putN(item, "holdoutRatio", e.holdoutRatio());
        putN(item, "bdRateOverlapPercent", e.bdRateOverlapPercent());
        if (e.inputTokens() > 0) item.put("inputTokens", n(e.inputTokens()));
        if (e.outputTokens() > 0) item.put("outputTokens", n(e.outputTokens()));
        putS(item, "plannerLog", e.plannerLog());
        putS(item, "sourceFingerprint", e.sourceFingerprint());
        return item;
    }

    static Experiment experiment(Map<String, AttributeValue> item) {
        String outcome = str(item, "outcome");
        return new Experiment(str(item, "runId"), str(item, "experimentId"),
                ExperimentStatus.valueOf(str(item, "status")),
                outcome == null ? null : OutcomeKind.valueOf(outcome),
                str(item, "message"), str(item, "planner"), str(item, "parentId"), str(item, "hypothesis"),
                str(item, "sourceHash"), str(item, "evaluationHash"),
                instant(item, "createdAt"), instant(item, "finishedAt"),
                num(item, "bdRatePercent"), num(item, "bitrateAtTargetKbps"), num(item, "baselineBitrateAtTargetKbps"),
                numOr(item, "costUsd", 0), num(item, "holdoutBdRatePercent"), num(item, "holdoutRatio"),
                num(item, "bdRateOverlapPercent"),
                count(item, "inputTokens"), count(item, "outputTokens"), str(item, "plannerLog"), str(item, "sourceFingerprint"));
    }

    static RunSummary run(Map<String, AttributeValue> item) {
        Map<OutcomeKind, Long> byOutcome = new EnumMap<>(OutcomeKind.class);
        for (OutcomeKind k : OutcomeKind.values()) {
            long c = count(item, "outcome_" + k.name());
            if (c != 0) byOutcome.put(k, c);
        }
        Map<ExperimentStatus, Long> byStatus = new EnumMap<>(ExperimentStatus.class);
        for (ExperimentStatus st : ExperimentStatus.values()) {
            long c = count(item, "status_" + st.name());
            if (c != 0) byStatus.put(st, c);
        }
        AttributeValue paused = item.get("paused");
        return new RunSummary(str(item, "runId"), instant(item, "startedAt"),
                paused != null && Boolean.TRUE.equals(paused.bool()),
                count(item, "finished"), count(item, "completed"), byOutcome, byStatus,
                numOr(item, "ratioSum", 0), count(item, "ratioCount"), numOr(item, "bdRateSum", 0),
                count(item, "bdRateCount"), numOr(item, "costUsdSum", 0),
                num(item, "bestBdRate"), num(item, "bestRatio"), str(item, "bestExperimentId"), str(item, "monitorState"),
                item.containsKey("plannerHints") && item.get("plannerHints").hasL()
                        ? item.get("plannerHints").l().stream().map(AttributeValue::s).toList() : java.util.List.of(),
                str(item, "pauseReason"),
                new PlannerSpend(numOr(item, "llmSpentUsd", 0), numOr(item, "llmCommittedUsd", 0), count(item, "llmInputTokens"),
                        count(item, "llmOutputTokens"), count(item, "llmCalls")));
    }

    static void putS(Map<String, AttributeValue> item, String name, String v) {
        if (v != null) item.put(name, s(v));
    }

    static void putN(Map<String, AttributeValue> item, String name, Double v) {
        if (v != null) item.put(name, n(v));
    }

    static String str(Map<String, AttributeValue> item, String name) {
        AttributeValue v = item.get(name);
        return v == null ? null : v.s();
    }

    static Double num(Map<String, AttributeValue> item, String name) {
        AttributeValue v = item.get(name);
        if (v == null) return null;
        if (v.n() == null) {
            throw new IllegalStateException("Attribute " + name + " should be a number (N) but is " + v
                    + "; the item was not written by codec-lab's store");
        }
        return Double.parseDouble(v.n());
    }

    static double numOr(Map<String, AttributeValue> item, String name, double orElse) {
        Double v = num(item, name);
        return v == null ? orElse : v;
    }

    static long count(Map<String, AttributeValue> item, String name) {
        AttributeValue v = item.get(name);
        return v == null || v.n() == null ? 0 : new BigDecimal(v.n()).longValueExact();
    }

    static Instant instant(Map<String, AttributeValue> item, String name) {
        String v = str(item, name);
        return v == null ? null : Instant.parse(v);
    }
}
