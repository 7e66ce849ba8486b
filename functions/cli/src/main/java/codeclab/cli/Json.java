package codeclab.cli;

import com.fasterxml.jackson.databind.ObjectMapper;

/** The JSON the CLI prints with {@code --json}: the loop's own mapping (ISO dates), pretty-printed. */
final class Json {

    static final ObjectMapper MAPPER = codeclab.loop.Json.MAPPER;

    private Json() {
    }

    static String write(Object value) {
        try {
            return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(value);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON for " + value.getClass().getSimpleName() + ": " + e.getMessage(), e);
        }
    }
}
