package dev.workflowchat.deployment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Kustomize's strategic merge of a patch into an object, as far as the overlays use it: maps merge
 * key by key; lists whose items all have a {@code name} (containers, env, ports) merge item by item;
 * any other list, and every scalar, is the patch's. {@code KustomizeBuildTest} holds this reading to
 * {@code kubectl kustomize}'s where kubectl is installed.
 */
final class StrategicMerge {

    private StrategicMerge() {
    }

    static JsonNode merge(JsonNode base, JsonNode patch) {
        if (base instanceof ObjectNode object && patch instanceof ObjectNode change) {
            ObjectNode merged = object.deepCopy();
            change.fields().forEachRemaining(field -> merged.set(field.getKey(), merged.has(field.getKey())
                    ? merge(merged.get(field.getKey()), field.getValue()) : field.getValue().deepCopy()));
            return merged;
        }
        if (base instanceof ArrayNode list && patch instanceof ArrayNode change && named(list) && named(change)) {
            ArrayNode merged = list.deepCopy();
            for (JsonNode item : change) {
                int at = indexOf(merged, item.path("name").asText());
                if (at < 0) {
                    merged.add(item.deepCopy());
                } else {
                    merged.set(at, merge(merged.get(at), item));
                }
            }
            return merged;
        }
        return patch.deepCopy();
    }

    private static boolean named(ArrayNode list) {
        for (JsonNode item : list) {
            if (!item.path("name").isTextual()) {
                return false;
            }
        }
        return true;
    }

    private static int indexOf(ArrayNode list, String name) {
        for (int i = 0; i < list.size(); i++) {
            if (name.equals(list.get(i).path("name").asText())) {
                return i;
            }
        }
        return -1;
    }
}
