package codeclab.handlers;

import codeclab.loop.Json;
import codeclab.loop.LoopConfig;
import com.fasterxml.jackson.core.type.TypeReference;

import java.util.Map;

/** What the five handlers share: event conversion with a size check. */
final class Handlers {

    private Handlers() {
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
}
