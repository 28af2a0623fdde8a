package org.recloop.scenarios.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.io.TempDir;
import org.recloop.core.act.Intervention;
import org.recloop.core.contract.InterventionContract;
import org.recloop.scenarios.schema.ScenarioLoader;

/** Walks the registry: every intervention keeps the contract in a real run (sim-core's shared test). */
class InterventionContractIT extends InterventionContract {

    private static final ObjectMapper MAPPER = ScenarioLoader.newMapper();
    private static final Registry REGISTRY = StandardComponents.registry(MAPPER);

    @TempDir
    Path dir;

    /** Each intervention at tick 3 with the smallest parameters it needs. */
    static JsonNode spec(String type) throws Exception {
        return switch (type) {
            case "switch-recommender" -> MAPPER.readTree("{\"type\": \"switch-recommender\", \"at\": 3,"
                    + " \"recommender\": \"most-popular\"}");
            case "add-users" -> MAPPER.readTree("{\"type\": \"add-users\", \"at\": 3, \"count\": 20}");
            case "add-items" -> MAPPER.readTree("{\"type\": \"add-items\", \"at\": 3, \"count\": 10}");
            case "retire-items" -> MAPPER.readTree("{\"type\": \"retire-items\", \"at\": 3, \"count\": 5}");
            case "set-group" -> MAPPER.readTree("{\"type\": \"set-group\", \"at\": 3, \"model\": \"mnl\","
                    + " \"activityScale\": 2.0}");
            case "forget" -> MAPPER.readTree("{\"type\": \"forget\", \"at\": 3, \"count\": 5,"
                    + " \"reason\": \"contract\"}");
            case "attack" -> MAPPER.readTree("{\"type\": \"attack\", \"at\": 3, \"accounts\": 20,"
                    + " \"targets\": [1, 2]}");
            default -> MAPPER.readTree("{\"type\": \"" + type + "\", \"at\": 3}");
        };
    }

    @Override
    protected Map<String, Supplier<Intervention>> interventions() {
        Map<String, Supplier<Intervention>> m = new LinkedHashMap<>();
        for (String name : REGISTRY.names(Kind.INTERVENTION)) {
            try {
                var c = REGISTRY.<Intervention>resolve(Kind.INTERVENTION, spec(name), "interventions[0]");
                m.put(name, c::create);
            } catch (Exception e) {
                throw new IllegalStateException("cannot resolve intervention " + name, e);
            }
        }
        return m;
    }

    @Override
    protected Path workDir() {
        return dir;
    }
}
