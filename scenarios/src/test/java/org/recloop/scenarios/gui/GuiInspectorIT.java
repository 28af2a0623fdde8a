package org.recloop.scenarios.gui;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.recloop.core.log.LogReader;
import org.recloop.core.react.EventType;
import org.recloop.scenarios.ChatTestServer;
import org.recloop.scenarios.runner.RunResult;
import org.recloop.scenarios.runner.ScenarioRunner;
import org.recloop.scenarios.schema.ResolvedScenario;
import org.recloop.scenarios.schema.ScenarioLoader;
import sim.util.Bag;

/**
 * The live GUI's user inspector: the drawn users' recent slates and events are what the run's log
 * holds for them (read back with {@link LogReader}), the record keeps only the drawn users and a
 * few rows each, and an LLM agent's memory shows up (a rule user's is empty). The GUIState is
 * stepped as the Console's play thread steps it; no window is needed.
 */
class GuiInspectorIT {

    @TempDir
    Path out;

    /** Starts the GUIState and steps it like the Console until the run has all its ticks (not finished). */
    private static void play(RecLoopWithUI gui) {
        gui.start();
        int steps = 0;
        while (gui.step()) {
            steps++;
            assertThat(steps).as("the GUI stops by itself after the last tick").isLessThan(1000);
        }
    }

    /** The user nodes on the preference map: the objects the inspector shows. */
    private static List<UserNode> drawnNodes(RecLoopWithUI gui) {
        Bag all = gui.map().users.getAllObjects();
        List<UserNode> nodes = new ArrayList<>();
        for (Object o : all) {
            nodes.add((UserNode) o);
        }
        return nodes;
    }

    @Test
    void drawnUsersRecentSlatesAndEventsAreWhatTheLogHolds() throws Exception {
        int users = 600;
        int drawn = 80;
        int ticks = 6;
        ResolvedScenario rs = new ScenarioLoader().parse(GuiScenarios.social("gui-inspector", users, 300, ticks),
                "gui-inspector.yaml");
        RecLoopWithUI gui = new RecLoopWithUI(Path.of("gui-inspector.yaml"), rs,
                new ScenarioRunner.Options(9L, 2, out), drawn, 2);
        play(gui);
        gui.finish();
        RunResult r = gui.lastResult();
        assertThat(r.ticks()).isEqualTo(ticks);

        Map<Integer, Deque<String>> slates = new HashMap<>();
        Map<Integer, Deque<String>> events = new HashMap<>();
        Set<Integer> loggedUsers = new HashSet<>();
        try (LogReader log = LogReader.open(r.runDir())) {
            for (int t = 0; t < ticks; t++) {
                readSlates(log.exposures(t), t, slates, loggedUsers);
                readEvents(log.events(t), t, events);
            }
        }

        List<UserNode> nodes = drawnNodes(gui);
        assertThat(nodes).hasSize(drawn);
        int withSlates = 0;
        int withManyEvents = 0;
        for (UserNode n : nodes) {
            List<String> wantSlates = new ArrayList<>(slates.getOrDefault(n.getId(), new ArrayDeque<>()));
            List<String> wantEvents = new ArrayList<>(events.getOrDefault(n.getId(), new ArrayDeque<>()));
            assertThat(n.getRecentSlates()).as("slates of %s", n).containsExactlyElementsOf(wantSlates);
            assertThat(n.getRecentEvents()).as("events of %s", n).containsExactlyElementsOf(wantEvents);
            withSlates += wantSlates.isEmpty() ? 0 : 1;
            withManyEvents += wantEvents.size() == UserTrail.EVENTS ? 1 : 0;
        }
        assertThat(withSlates).as("drawn users shown a slate").isGreaterThan(drawn / 2);
        assertThat(withManyEvents).as("drawn users whose event ring is full").isPositive();

        // bounded: only the drawn users are recorded, however many were active
        UserTrail trail = gui.trail();
        assertThat(loggedUsers.size()).isGreaterThan(3 * drawn);
        assertThat(trail.users()).isLessThanOrEqualTo(drawn);
        int notDrawn = loggedUsers.stream().filter(u -> nodes.stream().noneMatch(n -> n.getId() == u)).findFirst()
                .orElseThrow();
        assertThat(trail.tracks(notDrawn)).isFalse();
        assertThat(trail.slates(notDrawn)).isEmpty();
        assertThat(new UserNode(null, notDrawn, new UserNode.Sources(trail, null, null))
                .getRecentSlates()).containsExactly(UserNode.NOT_RECORDED);
        assertThat(nodes.get(0).hideMemory()).as("a rule model has no memory to show").isTrue();
    }

    /** The last {@link UserTrail#SLATES} slates per user, as the inspector writes them. */
    private static void readSlates(LogReader.Exposures e, int tick, Map<Integer, Deque<String>> out,
            Set<Integer> users) {
        StringBuilder b = null;
        for (int r = 0; r < e.size(); r++) {
            int u = e.users()[r];
            users.add(u);
            if (e.positions()[r] == 0) {
                b = new StringBuilder("tick " + tick + ": [");
            } else {
                b.append(", ");
            }
            b.append(e.items()[r]);
            boolean last = r + 1 == e.size() || e.users()[r + 1] != u || e.positions()[r + 1] == 0;
            if (last) {
                keepLast(out.computeIfAbsent(u, k -> new ArrayDeque<>()), b.append(']').toString(), UserTrail.SLATES);
            }
        }
    }

    /** The last {@link UserTrail#EVENTS} events per user, as the inspector writes them. */
    private static void readEvents(LogReader.Events e, int tick, Map<Integer, Deque<String>> out) {
        for (int r = 0; r < e.size(); r++) {
            EventType type = EventType.ofCode(e.types()[r]);
            String row = String.format(Locale.ROOT, "tick %d: %s item %d%s", tick,
                    type.name().toLowerCase(Locale.ROOT), e.items()[r],
                    e.targets()[r] >= 0 ? " user " + e.targets()[r] : "");
            keepLast(out.computeIfAbsent(e.users()[r], k -> new ArrayDeque<>()), row, UserTrail.EVENTS);
        }
    }

    private static void keepLast(Deque<String> q, String row, int max) {
        q.addLast(row);
        if (q.size() > max) {
            q.removeFirst();
        }
    }

    @Test
    void anLlmAgentsMemoryShowsAndARuleUsersIsEmpty() throws Exception {
        try (ChatTestServer server = ChatTestServer.start("gui-inspector-llm", 16, GuiInspectorIT::answer)) {
            String yaml = """
                    name: gui-llm
                    seed: 3
                    ticks: 3
                    slateSize: 5
                    world:
                      catalog: {type: synthetic, items: 120, dimensions: 8, topics: 4}
                      population: {type: synthetic, users: 40, meanActivity: 3.0}
                    users: {type: llm, agents: {users: [0, 1, 2]}, memory: {embeddings: false},
                            provider: {baseUrl: "%s", model: m, maxRetries: 0}}
                    recommender: random
                    """.formatted(server.baseUrl());
            ResolvedScenario rs = new ScenarioLoader().parse(yaml, "gui-llm.yaml");
            RecLoopWithUI gui = new RecLoopWithUI(Path.of("gui-llm.yaml"), rs, new ScenarioRunner.Options(4L, 2, out),
                    100, 1);
            play(gui);
            try {
                Map<Integer, UserNode> byId = new HashMap<>();
                for (UserNode n : drawnNodes(gui)) {
                    byId.put(n.getId(), n);
                }
                assertThat(byId).hasSize(40);
                for (int agent : new int[] {0, 1, 2}) {
                    UserNode n = byId.get(agent);
                    assertThat(n.hideMemory()).isFalse();
                    assertThat(n.getMemory()).as("memory of LLM agent %d", agent).isNotEmpty()
                            .allMatch(line -> line.matches("tick \\d+, importance \\d\\.\\d\\d: .+"));
                }
                assertThat(byId.get(0).getMemory()).as("the scripted reason reaches the memory")
                        .anyMatch(line -> line.contains("first one"));
                UserNode rule = byId.get(10);
                assertThat(rule.hideMemory()).isFalse();
                assertThat(rule.getRecentEvents()).as("user 10 acted").isNotEmpty();
                assertThat(rule.getMemory()).as("a rule-driven user remembers nothing").isEmpty();
            } finally {
                gui.finish();
            }
        }
    }

    private static ChatTestServer.Reply answer(JsonNode req) {
        String prompt = req.path("messages").get(req.path("messages").size() - 1).path("content").asText();
        return ChatTestServer.Reply.ok(prompt.contains("\"insight\"") ? "{\"insight\": \"fine\"}"
                : "{\"choice\": 0, \"reason\": \"the first one looks good\"}");
    }
}
