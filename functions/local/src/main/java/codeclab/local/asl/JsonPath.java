package codeclab.local.asl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;

/**
 * The JSONPath subset Amazon States Language uses in reference paths: {@code $}, {@code $.a.b},
 * {@code $['a']}, {@code $.a[0]} and the context object {@code $$.Map.Item.Value}. Wildcards and
 * filters are not supported: the state machine codec-lab synthesizes does not use them.
 */
public final class JsonPath {

    private final String text;
    private final boolean context;
    private final List<Object> steps; // String field names or Integer indexes

    private JsonPath(String text, boolean context, List<Object> steps) {
        this.text = text;
        this.context = context;
        this.steps = steps;
    }

    public static JsonPath parse(String text) {
        boolean context = text.startsWith("$$");
        if (!text.startsWith("$")) {
            throw new AslException("States.Runtime", "path '" + text + "' must start with $");
        }
        List<Object> steps = new ArrayList<>();
        int i = context ? 2 : 1;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '.') {
                int j = i + 1;
                while (j < text.length() && text.charAt(j) != '.' && text.charAt(j) != '[') {
                    j++;
                }
                steps.add(text.substring(i + 1, j));
                i = j;
            } else if (c == '[') {
                int close = text.indexOf(']', i);
                if (close < 0) {
                    throw new AslException("States.Runtime", "path '" + text + "' has an unclosed [");
                }
                String inner = text.substring(i + 1, close).strip();
                if (inner.startsWith("'") && inner.endsWith("'")) {
                    steps.add(inner.substring(1, inner.length() - 1));
                } else {
                    try {
                        steps.add(Integer.parseInt(inner));
                    } catch (NumberFormatException e) {
                        throw new AslException("States.Runtime", "path '" + text + "' uses unsupported selector [" + inner + "]");
                    }
                }
                i = close + 1;
            } else {
                throw new AslException("States.Runtime", "path '" + text + "' is not a supported reference path");
            }
        }
        return new JsonPath(text, context, List.copyOf(steps));
    }

    public boolean isContext() {
        return context;
    }

    /** The node at this path, or null when any step is missing. */
    public JsonNode find(JsonNode root) {
        JsonNode node = root;
        for (Object step : steps) {
            if (node == null) {
                return null;
            }
            node = step instanceof Integer idx ? (node.isArray() ? node.get(idx) : null) : (node.isObject() ? node.get((String) step) : null);
        }
        return node;
    }

    /** The node at this path; a missing path is the runtime error Step Functions raises. */
    public JsonNode read(JsonNode root) {
        JsonNode node = find(root);
        if (node == null) {
            throw new AslException("States.Runtime", "the JSONPath '" + text + "' could not be found in the input " + abbreviate(root));
        }
        return node;
    }

    /**
     * A copy of {@code root} with {@code value} placed at this path (ResultPath semantics):
     * {@code $} replaces the whole document; missing objects on the way are created.
     */
    public JsonNode write(JsonNode root, JsonNode value) {
        if (steps.isEmpty()) {
            return value;
        }
        JsonNode copy = root == null || !root.isObject() ? JsonNodeFactory.instance.objectNode() : root.deepCopy();
        JsonNode node = copy;
        for (int i = 0; i < steps.size() - 1; i++) {
            Object step = steps.get(i);
            JsonNode next = step instanceof Integer idx ? node.get(idx) : node.get((String) step);
            if (next == null || !(next.isObject() || next.isArray())) {
                if (step instanceof Integer) {
                    throw new AslException("States.Runtime", "ResultPath '" + text + "' indexes a missing array");
                }
                next = ((ObjectNode) node).putObject((String) step);
            }
            node = next;
        }
        Object last = steps.get(steps.size() - 1);
        if (last instanceof Integer idx) {
            ((ArrayNode) node).set(idx, value);
        } else if (node instanceof ObjectNode obj) {
            obj.set((String) last, value);
        } else {
            throw new AslException("States.Runtime", "ResultPath '" + text + "' does not point into an object");
        }
        return copy;
    }

    private static String abbreviate(JsonNode node) {
        String s = String.valueOf(node);
        return s.length() > 200 ? s.substring(0, 200) + "..." : s;
    }

    @Override
    public String toString() {
        return text;
    }
}
