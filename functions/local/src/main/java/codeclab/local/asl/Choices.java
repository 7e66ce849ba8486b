package codeclab.local.asl;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.Iterator;
import java.util.Map;

/** Choice rules: And/Or/Not and the comparison operators on a Variable. */
final class Choices {

    private Choices() {
    }

    static boolean matches(JsonNode rule, JsonNode input) {
        if (rule.has("And")) {
            for (JsonNode r : rule.get("And")) {
                if (!matches(r, input)) {
                    return false;
                }
            }
            return true;
        }
        if (rule.has("Or")) {
            for (JsonNode r : rule.get("Or")) {
                if (matches(r, input)) {
                    return true;
                }
            }
            return false;
        }
        if (rule.has("Not")) {
            return !matches(rule.get("Not"), input);
        }
        JsonNode variable = JsonPath.parse(rule.path("Variable").asText("$")).find(input);
        for (Iterator<Map.Entry<String, JsonNode>> it = rule.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String op = e.getKey();
            if (op.equals("Variable") || op.equals("Next")) {
                continue;
            }
            JsonNode expected = e.getValue();
            if (op.endsWith("Path")) {
                expected = JsonPath.parse(expected.asText()).read(input);
                op = op.substring(0, op.length() - 4);
            }
            return compare(op, variable, expected);
        }
        throw new AslException("States.Runtime", "choice rule has no operator: " + rule);
    }

    private static boolean compare(String op, JsonNode v, JsonNode expected) {
        return switch (op) {
            case "IsPresent" -> (v != null) == expected.asBoolean();
            case "IsNull" -> (v != null && v.isNull()) == expected.asBoolean();
            case "IsBoolean" -> (v != null && v.isBoolean()) == expected.asBoolean();
            case "IsNumeric" -> (v != null && v.isNumber()) == expected.asBoolean();
            case "IsString" -> (v != null && v.isTextual()) == expected.asBoolean();
            case "BooleanEquals" -> v != null && v.isBoolean() && v.asBoolean() == expected.asBoolean();
            case "StringEquals" -> v != null && v.isTextual() && v.asText().equals(expected.asText());
            case "StringLessThan" -> v != null && v.isTextual() && v.asText().compareTo(expected.asText()) < 0;
            case "StringGreaterThan" -> v != null && v.isTextual() && v.asText().compareTo(expected.asText()) > 0;
            case "StringMatches" -> v != null && v.isTextual() && v.asText().matches(glob(expected.asText()));
            case "NumericEquals" -> v != null && v.isNumber() && v.asDouble() == expected.asDouble();
            case "NumericLessThan" -> v != null && v.isNumber() && v.asDouble() < expected.asDouble();
            case "NumericLessThanEquals" -> v != null && v.isNumber() && v.asDouble() <= expected.asDouble();
            case "NumericGreaterThan" -> v != null && v.isNumber() && v.asDouble() > expected.asDouble();
            case "NumericGreaterThanEquals" -> v != null && v.isNumber() && v.asDouble() >= expected.asDouble();
            case "TimestampEquals" -> v != null && v.isTextual() && Instant.parse(v.asText()).equals(Instant.parse(expected.asText()));
            case "TimestampLessThan" -> v != null && v.isTextual() && Instant.parse(v.asText()).isBefore(Instant.parse(expected.asText()));
            case "TimestampGreaterThan" -> v != null && v.isTextual() && Instant.parse(v.asText()).isAfter(Instant.parse(expected.asText()));
            default -> throw new AslException("States.Runtime", "choice operator " + op + " is not supported locally");
        };
    }

    private static String glob(String pattern) {
        StringBuilder re = new StringBuilder();
        for (char c : pattern.toCharArray()) {
            re.append(c == '*' ? ".*" : java.util.regex.Pattern.quote(String.valueOf(c)));
        }
        return re.toString();
    }
}
