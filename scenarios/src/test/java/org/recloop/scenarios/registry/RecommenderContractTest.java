package org.recloop.scenarios.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.recloop.agents.llm.Environment;
import org.recloop.agents.llm.LangChainLanguageModels;
import org.recloop.core.capability.GroundTruth;
import org.recloop.core.capability.RunCapabilities;
import org.recloop.core.contract.RecommenderContract;
import org.recloop.core.lm.LanguageModels;
import org.recloop.core.rng.RandomStreams;
import org.recloop.core.serve.Recommender;
import org.recloop.core.world.World;
import org.recloop.scenarios.schema.ScenarioLoader;

/**
 * Walks the registry: every recommender, with its defaults (re-rankers and defences over most-popular, an A/B
 * split of most-popular and random, sharded ALS, the LLM re-ranker over most-popular against a local
 * test server that ranks the candidates reversed), keeps sim-core's shared recommender contract. The http
 * adapter needs a server and has its own tests.
 */
class RecommenderContractTest extends RecommenderContract {

    private static final ObjectMapper MAPPER = ScenarioLoader.newMapper();
    private static final Registry REGISTRY = StandardComponents.registry(MAPPER);

    /** The LLM re-ranker's model: the candidates of each prompt, reversed. */
    private static final org.recloop.scenarios.ChatTestServer SERVER = startServer();

    private static org.recloop.scenarios.ChatTestServer startServer() {
        try {
            return org.recloop.scenarios.ChatTestServer.start("contract-llm", 16, req -> {
                JsonNode msgs = req.path("messages");
                String prompt = msgs.path(msgs.size() - 1).path("content").asText();
                java.util.List<Integer> ids = new java.util.ArrayList<>();
                var m = java.util.regex.Pattern.compile("(?m)^\\[(\\d+)\\] ").matcher(prompt);
                while (m.find()) {
                    ids.add(0, Integer.parseInt(m.group(1)));
                }
                return org.recloop.scenarios.ChatTestServer.Reply.ok("{\"ranking\": " + ids + "}");
            });
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @AfterAll
    static void stopServer() {
        SERVER.close();
    }

    private static Recommender create(String name, World world) {
        ObjectNode spec = MAPPER.createObjectNode().put("type", name);
        if (name.equals("llm-rerank")) {
            spec.putObject("candidates").put("type", "most-popular");
            // retries: a call lost to a loaded machine must not turn one run's slate into the fallback
            spec.putObject("model").put("baseUrl", SERVER.baseUrl()).put("maxRetries", 3).put("backoffMs", 50);
        }
        if (Set.of("mmr", "calibrated", "xquad", "fair-exposure", "detect", "robust").contains(name)) {
            spec.putObject("base").put("type", "most-popular");
        }
        if (name.equals("sharded")) {
            spec.putObject("of").put("type", "als").put("factors", 4).put("iterations", 2);
        }
        if (name.equals("ab-split")) {
            var arms = spec.putArray("arms");
            arms.addObject().put("name", "a").put("recommender", "most-popular");
            arms.addObject().put("name", "b").put("recommender", "random");
        }
        return REGISTRY.<Recommender>resolve(Kind.RECOMMENDER, spec, "recommender")
                .create(new RunCapabilities().grant(GroundTruth.class, GroundTruth.of(world))
                        .grant(LanguageModels.class, new LangChainLanguageModels(Environment.of(Map.of()),
                                new RandomStreams(1))));
    }

    @Override
    protected Map<String, Function<World, Recommender>> recommenders() {
        Map<String, Function<World, Recommender>> m = new LinkedHashMap<>();
        for (String name : REGISTRY.names(Kind.RECOMMENDER)) {
            if (!name.equals("http")) {
                m.put(name, w -> create(name, w));
            }
        }
        return m;
    }
}
