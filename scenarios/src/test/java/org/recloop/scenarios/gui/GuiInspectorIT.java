package org.recloop.scenarios.gui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.GraphicsEnvironment;
import java.awt.Rectangle;
import java.awt.Robot;
import java.awt.Toolkit;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
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
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import javax.swing.JFrame;
import javax.swing.SwingUtilities;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.recloop.core.log.LogReader;
import org.recloop.core.react.EventType;
import org.recloop.scenarios.ChatTestServer;
import org.recloop.scenarios.runner.RunResult;
import org.recloop.scenarios.runner.ScenarioRunner;
import org.recloop.scenarios.schema.ResolvedScenario;
import org.recloop.scenarios.schema.ScenarioLoader;
import sim.display.Console;
import sim.portrayal.Inspector;
import sim.portrayal.LocationWrapper;
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
        assertThat(nodes.get(0).hasMemory()).as("a rule model has no memory to show").isFalse();
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
            String yaml = llmScenario(server.baseUrl(), 40, 3);
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
                    assertThat(n.hasMemory()).isTrue();
                    assertThat(n.getMemory()).as("memory of LLM agent %d", agent).isNotEmpty()
                            .allMatch(line -> line.matches("tick \\d+, importance \\d\\.\\d\\d: .+"));
                }
                assertThat(byId.get(0).getMemory()).as("the scripted reason reaches the memory")
                        .anyMatch(line -> line.contains("first one"));
                UserNode rule = byId.get(10);
                assertThat(rule.hasMemory()).isTrue();
                assertThat(rule.getRecentEvents()).as("user 10 acted").isNotEmpty();
                assertThat(rule.getMemory()).as("a rule-driven user remembers nothing").isEmpty();
            } finally {
                gui.finish();
            }
        }
    }

    /**
     * The inspector on a screen, opened as a click on the map opens it (the map's field portrayal
     * makes it): after three ticks of the small LLM scenario, LLM agent 0's inspector lists its
     * recent slates, events and memory. Skipped without a display. With {@code
     * recloop.gui.inspector-screenshot} the whole screen is saved there (the README's picture), and
     * {@code recloop.gui.hold} keeps the window up that many seconds (to capture it from outside).
     */
    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES) // bounds a hang only
    void inspectorOnScreen() throws Exception {
        assumeFalse(GraphicsEnvironment.isHeadless(),
                "no display: run the integration tests under xvfb-run (as .ci/run does) to test the GUI");
        try (ChatTestServer server = ChatTestServer.start("gui-inspector-screen", 16, GuiInspectorIT::answer)) {
            ResolvedScenario rs = new ScenarioLoader().parse(llmScenario(server.baseUrl(), 400, 4),
                    "gui-llm.yaml");
            RecLoopWithUI gui = new RecLoopWithUI(Path.of("gui-llm.yaml"), rs, new ScenarioRunner.Options(4L, 2, out),
                    400, 1);
            Console[] console = new Console[1];
            SwingUtilities.invokeAndWait(() -> {
                console[0] = new Console(gui);
                console[0].setLocation(0, 0);
                console[0].setVisible(true);
                console[0].setWhenShouldPause(3);
                console[0].pressPlay();
            });
            try {
                while (console[0].getPlayState() != Console.PS_PAUSED) {
                    Thread.sleep(100);
                }
                UserNode agent = drawnNodes(gui).stream().filter(n -> n.getId() == 0).findFirst().orElseThrow();
                Inspector[] shown = new Inspector[1];
                SwingUtilities.invokeAndWait(() -> {
                    MapPortrayals p = gui.portrayals();
                    LocationWrapper w = new LocationWrapper(agent, gui.map().users.getObjectLocation(agent), p.users);
                    Bag inspectors = new Bag();
                    Bag names = new Bag();
                    shown[0] = p.users.getInspector(w, gui);
                    inspectors.add(shown[0]);
                    names.add(p.users.getName(w));
                    console[0].setInspectors(inspectors, names);
                    console[0].setBounds(985, 0, 515, 940); // room for the inspector, beside the map
                    console[0].toFront();
                });
                Thread.sleep(1000);
                SwingUtilities.invokeAndWait(() -> { });
                assertThat(shown[0].isShowing()).as("the inspector is on screen").isTrue();
                assertThat(contains(shown[0], UserInspector.class)).as("the user inspector is in the field's").isTrue();
                assertThat(UserInspector.describe(agent)).contains("LLM agent memory", "Recent slates", "Recent events")
                        .contains(agent.getMemory()[0]);
                BufferedImage screen = new Robot().createScreenCapture(
                        new Rectangle(Toolkit.getDefaultToolkit().getScreenSize()));
                Path shots = Path.of("target", "gui-it");
                Files.createDirectories(shots);
                ImageIO.write(screen, "png", shots.resolve("inspector.png").toFile());
                String keep = System.getProperty("recloop.gui.inspector-screenshot");
                if (keep != null) {
                    ImageIO.write(screen, "png", Path.of(keep).toFile());
                }
                Thread.sleep(1000L * Integer.getInteger("recloop.gui.hold", 0));
            } finally {
                SwingUtilities.invokeAndWait(() -> console[0].pressStop());
                while (console[0].getPlayState() != Console.PS_STOPPED) {
                    Thread.sleep(50);
                }
                SwingUtilities.invokeAndWait(() -> {
                    for (Object f : console[0].getAllFrames()) {
                        ((JFrame) f).dispose();
                    }
                    console[0].dispose();
                });
            }
        }
    }

    private static boolean contains(java.awt.Container c, Class<?> type) {
        for (java.awt.Component child : c.getComponents()) {
            if (type.isInstance(child) || child instanceof java.awt.Container k && contains(k, type)) {
                return true;
            }
        }
        return false;
    }

    /** A small hybrid scenario: users 0, 1 and 2 are LLM agents, the others rule-driven. */
    private static String llmScenario(String baseUrl, int users, int ticks) {
        return """
                name: gui-llm
                seed: 3
                ticks: %d
                slateSize: 5
                world:
                  catalog: {type: synthetic, items: 120, dimensions: 8, topics: 4}
                  population: {type: synthetic, users: %d, meanActivity: 3.0}
                users: {type: llm, agents: {users: [0, 1, 2]}, memory: {embeddings: false},
                        provider: {baseUrl: "%s", model: m, maxRetries: 0}}
                recommender: random
                """.formatted(ticks, users, baseUrl);
    }

    private static ChatTestServer.Reply answer(JsonNode req) {
        String prompt = req.path("messages").get(req.path("messages").size() - 1).path("content").asText();
        return ChatTestServer.Reply.ok(prompt.contains("\"insight\"") ? "{\"insight\": \"fine\"}"
                : "{\"choice\": 0, \"reason\": \"the first one looks good\"}");
    }
}
