package codeclab.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Items as DynamoDB JSON (the format of the console and of DynamoDB's S3 export): {@code {"ratio":{"N":"0.5"}}}.
 * Numbers stay decimal strings, exactly as stored, so a restore gives back the same items. Keys are sorted.
 */
final class JsonItems {

    static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private JsonItems() {
    }

    static ObjectNode toJson(Map<String, AttributeValue> item) {
        ObjectNode o = F.objectNode();
        new TreeMap<>(item).forEach((k, v) -> o.set(k, value(v)));
        return o;
    }

    private static ObjectNode value(AttributeValue v) {
        ObjectNode o = F.objectNode();
        switch (v.type()) {
            case S -> o.put("S", v.s());
            case N -> o.put("N", v.n());
            case BOOL -> o.put("BOOL", v.bool());
            case NUL -> o.put("NULL", true);
            case B -> o.put("B", Base64.getEncoder().encodeToString(v.b().asByteArray()));
            case M -> o.set("M", toJson(v.m()));
            case L -> {
                ArrayNode a = o.putArray("L");
                v.l().forEach(e -> a.add(value(e)));
            }
            case SS -> {
                ArrayNode a = o.putArray("SS");
                v.ss().stream().sorted().forEach(a::add);
            }
            case NS -> {
                ArrayNode a = o.putArray("NS");
                v.ns().stream().sorted().forEach(a::add);
            }
            default -> throw new IllegalArgumentException("Cannot export attribute type " + v.type());
        }
        return o;
    }

    static Map<String, AttributeValue> fromJson(JsonNode o) {
        Map<String, AttributeValue> item = new LinkedHashMap<>();
        o.properties().forEach(e -> item.put(e.getKey(), attribute(e.getKey(), e.getValue())));
        return item;
    }

    private static AttributeValue attribute(String name, JsonNode o) {
        if (!o.isObject() || o.size() != 1) {
            throw new IllegalArgumentException("Attribute " + name + " is not DynamoDB JSON ({\"S\":...}): " + o);
        }
        var e = o.properties().iterator().next();
        JsonNode v = e.getValue();
        return switch (e.getKey()) {
            case "S" -> AttributeValue.fromS(v.asText());
            case "N" -> AttributeValue.fromN(v.asText());
            case "BOOL" -> AttributeValue.fromBool(v.asBoolean());
            case "NULL" -> AttributeValue.fromNul(true);
            case "B" -> AttributeValue.fromB(SdkBytes.fromByteArray(Base64.getDecoder().decode(v.asText())));
            case "M" -> AttributeValue.fromM(fromJson(v));
            case "L" -> {
                List<AttributeValue> l = new ArrayList<>();
                v.forEach(x -> l.add(attribute(name, x)));
                yield AttributeValue.fromL(l);
            }
            case "SS" -> {
                List<String> l = new ArrayList<>();
                v.forEach(x -> l.add(x.asText()));
                yield AttributeValue.fromSs(l);
            }
            case "NS" -> {
                List<String> l = new ArrayList<>();
                v.forEach(x -> l.add(x.asText()));
                yield AttributeValue.fromNs(l);
            }
            default -> throw new IllegalArgumentException("Unknown DynamoDB JSON type " + e.getKey() + " in " + name);
        };
    }
}
