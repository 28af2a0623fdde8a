package org.recloop.scenarios.runner;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.recloop.core.log.RunStatus;
import org.recloop.scenarios.ChatTestServer;
import org.recloop.scenarios.TestScenarios;
import org.recloop.scenarios.schema.ScenarioLoader;

/**
 * LLM users who say feed commands in their own words ({@code feedCommands: true} under the {@code
 * feed-commands} wrapper), through the runner and the real LangChain4j client against a local
 * OpenAI-compatible test server that plays both the users and the command parser: each agent, at
 * its first session, says "no more from creator C" of the creator of the first item on its feed;
 * the parser reads it, it is logged in feed_commands with the user and tick, and from the next
 * tick no slate of that user holds the creator's items for the command's duration, although
 * most-popular serves them to the same users when nothing was said. Odd agents say a wordless
 * command instead: invalid, asked again, the rule model's fallback, counted. A replay from the response
 * caches gives identical events, exposures and feed_commands.
 */
class LlmUserFeedCommandsIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern USER = Pattern.compile("You are user (\\d+) ");
    private static final Pattern DAY = Pattern.compile("It is now day (\\d+)\\.");
    private static final Pattern FIRST = Pattern.compile("(?m)^0\\. item \\d+ by creator (\\d+) ");
    private static final Pattern SAYS = Pattern.compile("The user says: \"no more from creator (\\d+)\"");
    private static final int AGENTS = 10;

    @TempDir
    Path out;

    private ChatTestServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    /** The agents' and the parser's answers; {@code speak}: whether even agents say their command. */
    private static ChatTestServer.Reply answer(JsonNode req, boolean speak, Map<Integer, Integer> firstDay,
            AtomicInteger parserCalls) {
        String system = req.path("messages").path(0).path("content").asText();
        String prompt = LlmRerankIT.userMessage(req);
        ObjectNode a = JSON.createObjectNode();
        if (system.contains("structured constraint")) {
            parserCalls.incrementAndGet();
            Matcher m = SAYS.matcher(prompt);
            assertThat(m.find()).as(prompt).isTrue();
            a.put("kind", "exclude").put("target", "creator").put("value", Integer.parseInt(m.group(1))).putNull("ticks");
            return ChatTestServer.Reply.ok(a.toString());
        }
        Matcher u = USER.matcher(prompt);
        Matcher d = DAY.matcher(prompt);
        assertThat(u.find() && d.find()).as(prompt).isTrue();
        int user = Integer.parseInt(u.group(1));
        int day = Integer.parseInt(d.group(1));
        boolean first = firstDay.computeIfAbsent(user, x -> day) == day;
        a.put("choice", -1).put("reason", "nothing fits");
        Matcher c = FIRST.matcher(prompt);
        if (user % 2 == 1 && first) {
            a.put("command", "?!");
        } else if (speak && first && c.find()) {
            a.put("command", "no more from creator " + c.group(1));
        } else {
            a.putNull("command");
        }
        return ChatTestServer.Reply.ok(a.toString());
    }

    private String scenario(String mode) throws Exception {
        ObjectMapper yaml = ScenarioLoader.newMapper();
        ObjectNode root = (ObjectNode) yaml.readTree(Files.readString(Path.of("feed-commands.yaml").toAbsolutePath()));
        root.put("ticks", 8);
        ((ObjectNode) root.path("world").path("population")).put("users", 200).put("meanActivity", 0.6);
        ((ObjectNode) root.path("world").path("catalog")).put("items", 200).put("creators", 8);
        root.putObject("recommender").put("type", "most-popular");
        String url = server == null ? "http://127.0.0.1:9/v1" : server.baseUrl();
        ObjectNode users = (ObjectNode) root.path("users");
        users.put("probability", 0.0).put("followProbability", 0.0).put("duration", 4).put("parser", "llm");
        ((ObjectNode) users.path("model")).put("baseUrl", url).put("model", "parser-model").put("timeoutMs", 5000)
                .put("backoffMs", 5);
        users.putObject("cache").put("path", out.resolve("cache").resolve("parser").toString()).put("mode", mode);
        ObjectNode llm = users.putObject("users").put("type", "llm").put("feedCommands", true);
        var ids = llm.putObject("agents").putArray("users");
        for (int i = 0; i < AGENTS; i++) {
            ids.add(i);
        }
        llm.putObject("provider").put("baseUrl", url).put("model", "user-model").put("timeoutMs", 5000)
                .put("backoffMs", 5).put("maxRetries", 2); // a transport failure is retried, not a fallback
        llm.putObject("memory").put("embeddings", false);
        llm.putObject("cache").put("path", out.resolve("cache").resolve("users").toString()).put("mode", mode);
        return yaml.writeValueAsString(root);
    }

    private RunResult run(String text) throws Exception {
        return new ScenarioRunner().run(new ScenarioLoader().parse(text, "feed-commands.yaml"),
                new ScenarioRunner.Options(null, 2, out), List.of());
    }

    /** Exposures of a commanding user's items of the named creator, in the command's window. */
    private static final String IN_WINDOW = "SELECT COUNT(*) FROM feed_commands f JOIN exposures e"
            + " ON e.user_id = f.user_id AND e.tick >= f.from_tick AND e.tick < f.until_tick"
            + " JOIN items i ON i.id = e.item_id WHERE f.target = 'creator' AND i.creator = f.val";

    @Test
    void anLlmUsersOwnCommandIsParsedLoggedAndHonouredFromTheNextTickAndReplays() throws Exception {
        AtomicInteger parserCalls = new AtomicInteger();
        Map<Integer, Integer> firstDay = new ConcurrentHashMap<>();
        server = ChatTestServer.start("llm-user-commands-it", 32, req -> answer(req, true, firstDay, parserCalls));
        RunResult r = run(scenario("readwrite"));
        assertThat(r.status()).isEqualTo(RunStatus.FINISHED);
        String events;
        String exposures;
        String commands;
        try (Connection c = TestScenarios.open(r.runDir())) {
            long said = TestScenarios.count(c, "SELECT COUNT(*) FROM feed_commands");
            assertThat(said).isGreaterThanOrEqualTo(2);
            assertThat(TestScenarios.count(c, "SELECT COUNT(*) FROM feed_commands WHERE user_id >= " + AGENTS
                    + " OR MOD(user_id, 2) = 1 OR parser <> 'llm' OR outcome <> 'ok' OR kind <> 'exclude'"
                    + " OR target <> 'creator' OR from_tick <> tick + 1 OR until_tick <> tick + 5"
                    + " OR text <> CONCAT('no more from creator ', val)")).isZero();
            // the command was said of an item on the user's slate at that tick
            assertThat(TestScenarios.count(c, "SELECT COUNT(DISTINCT f.user_id) FROM feed_commands f JOIN exposures e"
                    + " ON e.user_id = f.user_id AND e.tick = f.tick JOIN items i ON i.id = e.item_id"
                    + " WHERE i.creator = f.val")).isEqualTo(said);
            assertThat(TestScenarios.count(c, IN_WINDOW)).isZero();
            assertThat(parserCalls.get()).isEqualTo((int) TestScenarios.count(c,
                    "SELECT COUNT(DISTINCT text) FROM feed_commands"));
            // odd agents' wordless commands: invalid, asked again, invalid, the rule model decided, once each
            long odd = TestScenarios.count(c, "SELECT COUNT(DISTINCT user_id) FROM llm_calls WHERE MOD(user_id, 2) = 1");
            assertThat(odd).isPositive();
            String rows = "SELECT COUNT(*) FROM llm_calls WHERE component = 'user_agent' AND outcome = ";
            assertThat(TestScenarios.count(c, rows + "'invalid'")).isEqualTo(2 * odd);
            assertThat(TestScenarios.count(c, rows + "'fallback'")).isEqualTo(odd);
            assertThat(TestScenarios.count(c, rows + "'fallback' AND MOD(user_id, 2) = 1")).isEqualTo(odd);
            assertThat(TestScenarios.count(c, "SELECT COUNT(*) FROM llm_calls WHERE component = 'command_parser'"
                    + " AND outcome = 'ok'")).isEqualTo(parserCalls.get());
            events = TestScenarios.checksum(c, "SELECT * FROM events ORDER BY id");
            exposures = TestScenarios.checksum(c, "SELECT * FROM exposures ORDER BY id");
            commands = TestScenarios.checksum(c, "SELECT * FROM feed_commands ORDER BY tick, user_id");
        }
        server.close();
        server = null;
        RunResult replay = run(scenario("replay"));
        assertThat(replay.status()).isEqualTo(RunStatus.FINISHED);
        try (Connection c = TestScenarios.open(replay.runDir())) {
            assertThat(TestScenarios.checksum(c, "SELECT * FROM events ORDER BY id")).isEqualTo(events);
            assertThat(TestScenarios.checksum(c, "SELECT * FROM exposures ORDER BY id")).isEqualTo(exposures);
            assertThat(TestScenarios.checksum(c, "SELECT * FROM feed_commands ORDER BY tick, user_id"))
                    .isEqualTo(commands);
        }
        // the same run where nobody speaks: most-popular serves the same users the same creators' items
        Path control = out.resolve("control");
        Files.createDirectories(control);
        Map<Integer, Integer> firstAgain = new ConcurrentHashMap<>();
        server = ChatTestServer.start("llm-user-commands-control", 32,
                req -> answer(req, false, firstAgain, new AtomicInteger()));
        String text = scenario("readwrite").replace(out.resolve("cache").toString(), control.resolve("cache").toString());
        RunResult quiet = new ScenarioRunner().run(new ScenarioLoader().parse(text, "feed-commands.yaml"),
                new ScenarioRunner.Options(null, 2, control), List.of());
        assertThat(quiet.status()).isEqualTo(RunStatus.FINISHED);
        long wouldServe = 0;
        try (Connection c = TestScenarios.open(quiet.runDir());
                Connection said = TestScenarios.open(r.runDir())) {
            assertThat(TestScenarios.count(c, "SELECT COUNT(*) FROM feed_commands")).isZero();
            try (var st = said.createStatement();
                    var rs = st.executeQuery("SELECT user_id, val, from_tick, until_tick FROM feed_commands")) {
                while (rs.next()) {
                    wouldServe += TestScenarios.count(c, "SELECT COUNT(*) FROM exposures e JOIN items i"
                            + " ON i.id = e.item_id WHERE e.user_id = " + rs.getInt(1) + " AND i.creator = "
                            + rs.getInt(2) + " AND e.tick >= " + rs.getInt(3) + " AND e.tick < " + rs.getInt(4));
                }
            }
        }
        assertThat(wouldServe).as("exposures of the named creators in the windows when nobody spoke").isPositive();
    }
}
