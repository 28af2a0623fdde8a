package org.recloop.scenarios.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Nested;
import org.recloop.core.contract.MetricContract;
import org.recloop.core.contract.UserModelContract;
import org.recloop.core.metric.Metric;
import org.recloop.core.react.UserModel;
import org.recloop.scenarios.schema.ScenarioLoader;

/**
 * Walks the registry: every user model and every metric, with its defaults (and the smallest
 * parameters where it needs some), keeps the contract of its kind (sim-core's shared contract
 * tests). A new component is checked by its registry line alone.
 */
class ComponentContractsTest {

    private static final ObjectMapper MAPPER = ScenarioLoader.newMapper();
    private static final Registry REGISTRY = StandardComponents.registry(MAPPER);

    /** Parameters a component cannot do without; everything else keeps its default. */
    static JsonNode spec(String type) throws Exception {
        ObjectNode spec = MAPPER.createObjectNode().put("type", type);
        switch (type) {
            case "llm" -> {
                // no model server here: a closed port, no retries; every decision falls back to the rule model
                spec.set("agents", MAPPER.readTree("{\"fraction\": 0.2}"));
                spec.set("provider", MAPPER.readTree(
                        "{\"baseUrl\": \"http://127.0.0.1:9/v1\", \"model\": \"m\", \"maxRetries\": 0, \"timeoutMs\": 500}"));
                spec.set("memory", MAPPER.readTree("{\"embeddings\": false}"));
            }
            case "ab-arms" -> spec.set("arms", MAPPER.readTree(
                    "[{\"name\": \"a\", \"share\": 0.5}, {\"name\": \"b\", \"share\": 0.5}]"));
            // the attack user model and the attack metric both need their target items
            case "attack" -> spec.set("targets", MAPPER.readTree("[1, 2]"));
            // feed commands said by mnl users (often, so the contract sees some), read by the rules
            case "feed-commands" -> {
                spec.set("users", MAPPER.readTree("{\"type\": \"mnl\"}"));
                spec.put("skips", 1).put("probability", 0.5);
            }
            // conversations in half the sessions; no model server here: every turn falls back
            case "conversational" -> {
                spec.set("users", MAPPER.readTree("{\"type\": \"mnl\"}"));
                spec.put("share", 0.5).put("search", "titles");
                spec.set("model", MAPPER.readTree(
                        "{\"baseUrl\": \"http://127.0.0.1:9/v1\", \"model\": \"m\", \"maxRetries\": 0, \"timeoutMs\": 500}"));
            }
            default -> { }
        }
        return spec;
    }

    static <T> Map<String, Supplier<T>> all(Kind kind) {
        Map<String, Supplier<T>> m = new LinkedHashMap<>();
        for (String name : REGISTRY.names(kind)) {
            try {
                Component<T> c = REGISTRY.resolve(kind, spec(name), kind.label());
                m.put(name, c::create);
            } catch (Exception e) {
                throw new IllegalStateException("cannot resolve " + kind.label() + " " + name, e);
            }
        }
        return m;
    }

    @Nested
    class UserModels extends UserModelContract {
        @Override
        protected Map<String, Supplier<UserModel>> userModels() {
            return all(Kind.USER_MODEL);
        }
    }

    @Nested
    class Metrics extends MetricContract {
        @Override
        protected Map<String, Supplier<Metric>> metrics() {
            return all(Kind.METRIC);
        }
    }
}
