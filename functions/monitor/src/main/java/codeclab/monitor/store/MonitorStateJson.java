package codeclab.monitor.store;

import codeclab.monitor.source.MonitorState;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import java.util.HashSet;
import java.util.Set;
import java.util.TreeSet;

/**
 * The run item's {@code monitorState} attribute: {@code {"state": MonitorState, "scan": ScanPosition}} as JSON.
 * Plain records through Jackson, ISO instants; unknown fields are ignored so older monitors read newer states.
 */
final class MonitorStateJson {

    static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    record Stored(MonitorState state, ScanPosition scan) {
    }

    private MonitorStateJson() {
    }

    static String write(MonitorState state, ScanPosition scan) {
        ObjectNode root = MAPPER.createObjectNode();
        root.set("state", MAPPER.valueToTree(state));
        ObjectNode s = root.putObject("scan");
        s.put("watermark", scan.watermark());
        ArrayNode p = s.putArray("pending");
        new TreeSet<>(scan.pending()).forEach(p::add);
        ArrayNode seen = s.putArray("seen");
        new TreeSet<>(scan.seen()).forEach(seen::add);
        try {
            return MAPPER.writeValueAsString(root);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise the monitor state of run " + state.runId(), e);
        }
    }

    static Stored read(String runId, String json) {
        try {
            JsonNode root = MAPPER.readTree(json);
            if (!root.has("state")) {
                throw new IllegalStateException("the monitor state of run " + runId + " has no \"state\" field; it was"
                        + " not written by the store-backed monitor (delete the run item's monitorState to start over)");
            }
            MonitorState state = MAPPER.treeToValue(root.get("state"), MonitorState.class);
            if (!root.path("state").path("summary").has("counts")) {
                // Written before the summary kept RunCounts and BD-rates: its numbers cannot be upgraded, so the
                // monitor reads the run again from the start once (same version, so the next save still applies).
                return new Stored(new MonitorState(runId, state.version(), codeclab.monitor.source.Cursor.START,
                        codeclab.monitor.analysis.RunSummary.empty(state.summary().startedAt()), state.alerts(),
                        state.lastRunAt()), ScanPosition.START);
            }
            JsonNode s = root.path("scan");
            String watermark = s.path("watermark").isTextual() ? s.get("watermark").asText() : null;
            Set<String> pending = new HashSet<>();
            s.path("pending").forEach(n -> pending.add(n.asText()));
            Set<String> seen = new HashSet<>();
            s.path("seen").forEach(n -> seen.add(n.asText()));
            return new Stored(state, new ScanPosition(watermark, pending, seen));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("the monitor state of run " + runId + " is not readable JSON: "
                    + e.getOriginalMessage(), e);
        }
    }
}
