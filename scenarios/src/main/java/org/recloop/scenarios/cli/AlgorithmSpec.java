package org.recloop.scenarios.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Turns a command-line algorithm {@code NAME[:PARAMS]} into the component spec the registry
 * resolves. PARAMS is either {@code key=value,key=value} (each value read as a YAML scalar, so
 * numbers and booleans keep their type) or a YAML flow mapping such as
 * {@code {base: item-knn, lambda: 0.5}} for nested components. Parameters left out keep the
 * component's defaults, as in a scenario file.
 */
final class AlgorithmSpec {

    private AlgorithmSpec() {}

    /**
     * The spec for {@code text}.
     *
     * @throws IllegalArgumentException with a message for the user when PARAMS is malformed
     */
    static JsonNode parse(ObjectMapper mapper, String text) {
        String s = text.strip();
        int colon = s.indexOf(':');
        if (colon < 0) {
            return mapper.getNodeFactory().textNode(s);
        }
        String name = s.substring(0, colon).strip();
        String params = s.substring(colon + 1).strip();
        ObjectNode spec = mapper.createObjectNode();
        if (params.startsWith("{")) {
            JsonNode tree = read(mapper, params, text);
            if (!tree.isObject()) {
                throw new IllegalArgumentException("parameters of '" + text + "' must be a mapping");
            }
            spec.setAll((ObjectNode) tree);
        } else if (!params.isEmpty()) {
            for (String pair : params.split(",")) {
                int eq = pair.indexOf('=');
                if (eq <= 0) {
                    throw new IllegalArgumentException("parameter '" + pair.strip() + "' of '" + text
                            + "' is not key=value");
                }
                String key = pair.substring(0, eq).strip();
                if (spec.has(key)) {
                    throw new IllegalArgumentException("parameter '" + key + "' of '" + text + "' is given twice");
                }
                String value = pair.substring(eq + 1).strip();
                JsonNode v = value.isEmpty() ? mapper.getNodeFactory().textNode("") : read(mapper, value, text);
                spec.set(key, v);
            }
        }
        spec.put("type", name);
        return spec;
    }

    private static JsonNode read(ObjectMapper mapper, String yaml, String text) {
        try {
            return mapper.readTree(yaml);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot read the parameters of '" + text + "': "
                    + e.getOriginalMessage());
        }
    }
}
