package codeclab.handlers;

import codeclab.loop.Json;
import codeclab.loop.LoopConfig;
import com.amazonaws.services.lambda.runtime.Context;
import com.fasterxml.jackson.core.type.TypeReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import software.amazon.lambda.powertools.logging.PowertoolsLogging;

import java.util.Map;
import java.util.function.Function;

/** What the five handlers share: one logged invocation, event conversion with a size check. */
final class Handlers {

    private static final Logger LOG = LoggerFactory.getLogger(Handlers.class);

    private Handlers() {
    }

    /**
     * Runs one invocation under Powertools logging (functional API: Lambda context fields, cold start, and
     * {@code runId}/{@code experimentId}/{@code step} as keys of every line logged meanwhile), logs its end
     * with the duration, or its failure, and returns the result as a JSON map. Exceptions propagate: Step
     * Functions routes them to Record.
     */
    static Map<String, Object> invoke(String step, Map<String, Object> event, Context context,
                                      Function<Map<String, Object>, Object> call) {
        return PowertoolsLogging.withLogging(context, () -> {
            MDC.put("step", step);
            putKey("runId", event);
            putKey("experimentId", event);
            long start = System.nanoTime();
            try {
                Map<String, Object> result = result(call.apply(event));
                putKey("experimentId", result);
                LOG.info("{} done in {} ms{}", step, (System.nanoTime() - start) / 1_000_000, summary(result));
                return result;
            } catch (RuntimeException | Error e) {
                LOG.error("{} failed after {} ms: {}", step, (System.nanoTime() - start) / 1_000_000, e.getMessage(), e);
                throw e;
            }
        });
    }

    /** Converts a Lambda event to a record; rejects oversized payloads (state payloads are capped at 256 KiB). */
    static <T> T event(Map<String, Object> event, Class<T> type) {
        if (event == null) {
            throw new IllegalArgumentException("the event is empty; expected a " + type.getSimpleName() + " document");
        }
        int size = Json.write(event).length();
        if (size > LoopConfig.MAX_PAYLOAD_BYTES) {
            throw new IllegalArgumentException("the event is " + size + " bytes; state payloads carry pointers and must stay under "
                    + LoopConfig.MAX_PAYLOAD_BYTES);
        }
        return Json.MAPPER.convertValue(event, type);
    }

    static Map<String, Object> result(Object value) {
        return Json.MAPPER.convertValue(value, new TypeReference<Map<String, Object>>() { });
    }

    private static void putKey(String key, Map<String, Object> doc) {
        if (doc != null && doc.get(key) instanceof String s && !s.isBlank()) {
            MDC.put(key, s);
        }
    }

    /** The outcome-like fields of a result, for the log line (never code or frames: results are pointers). */
    private static String summary(Map<String, Object> result) {
        StringBuilder b = new StringBuilder();
        for (String k : new String[] {"status", "outcome", "planOutcome", "valid"}) {
            if (result.get(k) != null) {
                b.append(b.isEmpty() ? ": " : ", ").append(k).append('=').append(result.get(k));
            }
        }
        return b.toString();
    }
}
