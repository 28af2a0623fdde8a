package org.recloop.scenarios.runner;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.recloop.scenarios.TestScenarios;
import org.recloop.scenarios.schema.ScenarioLoader;

/**
 * Golden logs: every shipped scenario, shortened (at most 12 ticks and 1,500 users, its
 * interventions kept when they fall inside), gives exactly the events, exposures and metrics it
 * gave when the checksums in {@code golden-logs.properties} were recorded. Refactorings must keep
 * them; a deliberate change of behaviour records them again with
 * {@code -Drecloop.golden.record=true} (which rewrites the file under src/test/resources) and says
 * why in its commit.
 *
 * <p>LLM agents have no server here: their provider points at a closed local port with no
 * retries, so every LLM decision falls back to the rule model, deterministically; so does an LLM
 * recommender's model, whose slates keep the candidate order.
 */
class GoldenLogIT {

    private static final Path FILE = Path.of("src/test/resources/golden-logs.properties");
    private static final int MAX_TICKS = 12;
    private static final int MAX_USERS = 1500;

    @TempDir
    Path out;

    /**
     * Recommenders trained by PyTorch: their floats come from native kernels chosen by the CPU's
     * instruction set (AVX2, AVX-512, ...), so the same seed gives the same model on one machine
     * (the neural package's tests check that) but not bit for bit on every machine; a checksum
     * recorded here could fail on CI's CPU. Their scenarios are still run by ShippedScenariosIT.
     */
    private static final java.util.Set<String> MACHINE_DEPENDENT = java.util.Set.of("lightgcn", "sasrec", "two-tower");

    static Stream<Path> scenarios() throws Exception {
        ObjectMapper yaml = ScenarioLoader.newMapper();
        try (var files = Files.list(Path.of("").toAbsolutePath())) {
            List<Path> all = files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
            List<Path> kept = new java.util.ArrayList<>();
            for (Path p : all) {
                if (!MACHINE_DEPENDENT.contains(yaml.readTree(Files.readString(p)).path("recommender").path("type").asText())) {
                    kept.add(p);
                }
            }
            return kept.stream();
        }
    }

    static String shortened(Path file) throws Exception {
        ObjectMapper yaml = ScenarioLoader.newMapper();
        ObjectNode root = (ObjectNode) yaml.readTree(Files.readString(file));
        int ticks = Math.min(root.path("ticks").asInt(MAX_TICKS), MAX_TICKS);
        root.put("ticks", ticks);
        if (root.path("interventions").isArray()) {
            ArrayNode kept = yaml.createArrayNode();
            for (JsonNode iv : root.path("interventions")) {
                if (iv.path("at").asInt() < ticks) {
                    kept.add(iv);
                }
            }
            root.set("interventions", kept);
        }
        ObjectNode pop = (ObjectNode) root.path("world").path("population");
        if (pop.has("users") && pop.get("users").asInt() > MAX_USERS) {
            pop.put("users", MAX_USERS);
        }
        JsonNode provider = root.path("users").path("provider");
        if (provider.isObject()) {
            ((ObjectNode) provider).put("baseUrl", "http://127.0.0.1:9/v1").put("maxRetries", 0);
        }
        JsonNode talker = root.path("users").path("model");
        if (talker.isObject()) { // a conversational agent (or an LLM command parser): every turn falls back
            ((ObjectNode) talker).put("baseUrl", "http://127.0.0.1:9/v1").put("maxRetries", 0);
        }
        JsonNode model = root.path("recommender").path("model");
        if (model.isObject()) { // an LLM recommender: every slate keeps its candidate order
            ((ObjectNode) model).put("baseUrl", "http://127.0.0.1:9/v1").put("maxRetries", 0);
        }
        return yaml.writeValueAsString(root);
    }

    @ParameterizedTest
    @MethodSource("scenarios")
    void logStaysAsRecorded(Path file) throws Exception {
        RunResult r = new ScenarioRunner().run(new ScenarioLoader().parse(shortened(file), file.toString()),
                new ScenarioRunner.Options(null, 2, out), List.of());
        String name = file.getFileName().toString().replace(".yaml", "");
        Properties actual = new Properties();
        try (Connection c = TestScenarios.open(r.runDir())) {
            actual.setProperty(name + ".events", TestScenarios.checksum(c, "SELECT * FROM events ORDER BY id"));
            actual.setProperty(name + ".exposures", TestScenarios.checksum(c,
                    "SELECT id, tick, user_id, item_id, position, score, propensity, model_version, source"
                            + " FROM exposures ORDER BY id"));
            actual.setProperty(name + ".metrics", TestScenarios.checksum(c, "SELECT * FROM metrics ORDER BY tick, name"));
        }
        if (Boolean.getBoolean("recloop.golden.record")) {
            record(actual);
            return;
        }
        Properties golden = new Properties();
        try (InputStream in = Files.newInputStream(FILE)) {
            golden.load(in);
        }
        for (String key : actual.stringPropertyNames()) {
            assertThat(actual.getProperty(key)).as("%s (recorded in %s)", key, FILE).isEqualTo(golden.getProperty(key));
        }
    }

    private static synchronized void record(Properties actual) throws Exception {
        Properties all = new Properties();
        if (Files.exists(FILE)) {
            try (InputStream in = Files.newInputStream(FILE)) {
                all.load(in);
            }
        }
        all.putAll(actual);
        try (OutputStream o = Files.newOutputStream(FILE)) {
            all.store(o, "SHA-256 of the events, exposures and metrics tables of each shipped scenario, shortened"
                    + " as in GoldenLogIT");
        }
    }
}
