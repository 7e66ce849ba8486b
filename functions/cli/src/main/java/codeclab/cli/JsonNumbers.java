package codeclab.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Iterator;
import java.util.Map;

/** JSON has no infinity or NaN: infinite PSNR (identical frames) is written as "inf", as FFmpeg prints it. */
final class JsonNumbers {

    private JsonNumbers() {
    }

    static JsonNode finite(Object value) {
        return fix(Json.MAPPER.valueToTree(value));
    }

    private static JsonNode fix(JsonNode node) {
        if (node.isObject()) {
            ObjectNode o = (ObjectNode) node;
            for (Iterator<Map.Entry<String, JsonNode>> it = o.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                e.setValue(fix(e.getValue()));
            }
        } else if (node.isArray()) {
            ArrayNode a = (ArrayNode) node;
            for (int i = 0; i < a.size(); i++) {
                a.set(i, fix(a.get(i)));
            }
        } else if (node.isNumber() && !Double.isFinite(node.doubleValue())) {
            double d = node.doubleValue();
            return JsonNodeFactory.instance.textNode(Double.isNaN(d) ? "nan" : d > 0 ? "inf" : "-inf");
        }
        return node;
    }
}
