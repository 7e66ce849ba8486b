package codeclab.local.asl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Payload templates (Parameters, ItemSelector, ResultSelector): a key ending in {@code .$} takes its
 * value from a path into the input ({@code $.x}), the context object ({@code $$.x}) or an intrinsic
 * function ({@code States.Format('{}', $.a)}, States.StringToJson, States.JsonToString, States.Array,
 * States.UUID, States.MathAdd).
 */
final class Templates {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Templates() {
    }

    static JsonNode render(JsonNode template, JsonNode input, JsonNode context) {
        if (template.isObject()) {
            ObjectNode out = JSON.objectNode();
            for (Iterator<Map.Entry<String, JsonNode>> it = template.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                String key = e.getKey();
                if (key.endsWith(".$")) {
                    out.set(key.substring(0, key.length() - 2), evaluate(e.getValue().asText(), input, context));
                } else {
                    out.set(key, render(e.getValue(), input, context));
                }
            }
            return out;
        }
        if (template.isArray()) {
            ArrayNode out = JSON.arrayNode();
            template.forEach(t -> out.add(render(t, input, context)));
            return out;
        }
        return template;
    }

    static JsonNode evaluate(String expression, JsonNode input, JsonNode context) {
        String e = expression.strip();
        if (e.startsWith("$$")) {
            return JsonPath.parse(e).read(context);
        }
        if (e.startsWith("$")) {
            return JsonPath.parse(e).read(input);
        }
        if (e.startsWith("States.")) {
            return new Intrinsic(e, input, context).call();
        }
        throw new AslException("States.Runtime", "'" + expression + "' is neither a path nor an intrinsic function");
    }

    /** A tiny recursive-descent parser for intrinsic function calls. */
    private static final class Intrinsic {
        private final String src;
        private final JsonNode input;
        private final JsonNode context;
        private int pos;

        Intrinsic(String src, JsonNode input, JsonNode context) {
            this.src = src;
            this.input = input;
            this.context = context;
        }

        JsonNode call() {
            JsonNode v = value();
            skipSpace();
            if (pos != src.length()) {
                throw error("unexpected text after the call");
            }
            return v;
        }

        private JsonNode value() {
            skipSpace();
            char c = src.charAt(pos);
            if (c == '\'') {
                return JSON.textNode(string());
            }
            if (c == '$') {
                int start = pos;
                while (pos < src.length() && src.charAt(pos) != ',' && src.charAt(pos) != ')') {
                    pos++;
                }
                return evaluate(src.substring(start, pos).strip(), input, context);
            }
            if (Character.isDigit(c) || c == '-') {
                int start = pos;
                while (pos < src.length() && "0123456789.-eE+".indexOf(src.charAt(pos)) >= 0) {
                    pos++;
                }
                String n = src.substring(start, pos);
                return n.contains(".") || n.contains("e") ? JSON.numberNode(Double.parseDouble(n)) : JSON.numberNode(Long.parseLong(n));
            }
            if (src.startsWith("null", pos)) {
                pos += 4;
                return JSON.nullNode();
            }
            if (src.startsWith("true", pos) || src.startsWith("false", pos)) {
                boolean b = src.startsWith("true", pos);
                pos += b ? 4 : 5;
                return JSON.booleanNode(b);
            }
            int open = src.indexOf('(', pos);
            if (open < 0) {
                throw error("expected a function call");
            }
            String name = src.substring(pos, open).strip();
            pos = open + 1;
            List<JsonNode> args = new ArrayList<>();
            skipSpace();
            if (src.charAt(pos) != ')') {
                while (true) {
                    args.add(value());
                    skipSpace();
                    if (src.charAt(pos) == ',') {
                        pos++;
                    } else {
                        break;
                    }
                }
            }
            if (src.charAt(pos) != ')') {
                throw error("expected )");
            }
            pos++;
            return apply(name, args);
        }

        private JsonNode apply(String name, List<JsonNode> args) {
            switch (name) {
                case "States.Format" -> {
                    String fmt = args.get(0).asText();
                    StringBuilder sb = new StringBuilder();
                    int arg = 1;
                    for (int i = 0; i < fmt.length(); i++) {
                        if (fmt.startsWith("{}", i)) {
                            JsonNode a = args.get(arg++);
                            sb.append(a.isTextual() ? a.asText() : a.toString());
                            i++;
                        } else {
                            sb.append(fmt.charAt(i));
                        }
                    }
                    return JSON.textNode(sb.toString());
                }
                case "States.StringToJson" -> {
                    try {
                        return MAPPER.readTree(args.get(0).asText());
                    } catch (com.fasterxml.jackson.core.JsonProcessingException ex) {
                        throw new AslException("States.Runtime", "States.StringToJson: not JSON: " + args.get(0));
                    }
                }
                case "States.JsonToString" -> {
                    return JSON.textNode(args.get(0).toString());
                }
                case "States.Array" -> {
                    ArrayNode a = JSON.arrayNode();
                    args.forEach(a::add);
                    return a;
                }
                case "States.UUID" -> {
                    return JSON.textNode(UUID.randomUUID().toString());
                }
                case "States.MathAdd" -> {
                    return JSON.numberNode(args.get(0).asLong() + args.get(1).asLong());
                }
                default -> throw new AslException("States.Runtime", "intrinsic function " + name + " is not supported locally");
            }
        }

        private String string() {
            StringBuilder sb = new StringBuilder();
            pos++; // opening quote
            while (pos < src.length() && src.charAt(pos) != '\'') {
                char c = src.charAt(pos++);
                if (c == '\\' && pos < src.length()) {
                    c = src.charAt(pos++);
                }
                sb.append(c);
            }
            if (pos >= src.length()) {
                throw error("unterminated string");
            }
            pos++;
            return sb.toString();
        }

        private void skipSpace() {
            while (pos < src.length() && Character.isWhitespace(src.charAt(pos))) {
                pos++;
            }
        }

        private AslException error(String what) {
            return new AslException("States.Runtime", "intrinsic function '" + src + "': " + what + " at " + pos);
        }
    }
}
