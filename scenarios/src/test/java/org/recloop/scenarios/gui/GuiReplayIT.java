package org.recloop.scenarios.gui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.awt.GraphicsEnvironment;
import java.awt.Rectangle;
import java.awt.Robot;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import javax.swing.JComponent;
import javax.swing.JFrame;
import javax.swing.SwingUtilities;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.recloop.core.log.RunStatus;
import org.recloop.scenarios.TestScenarios;
import org.recloop.scenarios.runner.RunResult;
import org.recloop.scenarios.runner.ScenarioRunner;
import org.recloop.scenarios.schema.ScenarioLoader;
import sim.display.Console;

/**
 * {@code recloop gui --replay}: a finished run played back in the real Console under Xvfb draws a
 * non-blank map, its chart holds exactly the run's metrics table, the user inspector has the
 * run's slates and events, and the run folder is not changed by the replay. A run without a
 * follow graph gets no graph window.
 */
class GuiReplayIT {

    @TempDir
    Path out;

    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES) // bounds a hang only
    void replayDrawsTheMapAndChartsTheRunsMetrics() throws Exception {
        assumeFalse(GraphicsEnvironment.isHeadless(),
                "no display: run the integration tests under xvfb-run (as .ci/run does) to test the GUI");
        String yaml = GuiScenarios.social("gui-replay", 1500, 300, 8) + "log: {groundTruthEvery: 2}\n";
        RunResult done = new ScenarioRunner().run(new ScenarioLoader().parse(yaml, "gui-replay.yaml"),
                new ScenarioRunner.Options(9L, 2, out), List.of());
        assertThat(done.status()).isEqualTo(RunStatus.FINISHED);
        Map<String, List<double[]>> table = metricsTable(done.runDir()); // before the fingerprint: H2 may touch the file
        Map<String, String> before = fingerprint(done.runDir());

        ReplayWithUI gui = ReplayWithUI.open(done.runDir(), 2000, 2);
        Console console = playToTheEnd(gui);
        try {
            assertThat(gui.replay().replayed()).isEqualTo(8);
            assertThat(gui.graphDisplay()).as("a social scenario has a follow-graph window").isNotNull();
            assertThat(gui.map().follows.getAllNodes().numObjs).as("follows made during the run").isPositive();
            BufferedImage map = onScreen(gui.mapDisplay().insideDisplay);
            Path shots = Path.of("target", "gui-it");
            Files.createDirectories(shots);
            ImageIO.write(map, "png", shots.resolve("replay-map.png").toFile());
            assertThat(GuiScreenshotIT.colours(map)).as("user colours on the replayed map (target/gui-it/replay-map.png)")
                    .isGreaterThanOrEqualTo(3);

            Map<String, double[][]> charted = new LinkedHashMap<>();
            SwingUtilities.invokeAndWait(() -> charted.putAll(gui.charts().points()));
            assertThat(charted.keySet()).containsExactlyInAnyOrder("ctr", "coverage", "gini_exposure", "homogenization");
            for (Map.Entry<String, double[][]> line : charted.entrySet()) {
                List<double[]> rows = table.get(line.getKey());
                assertThat(line.getValue().length).as(line.getKey()).isEqualTo(rows.size());
                for (int i = 0; i < rows.size(); i++) {
                    assertThat(line.getValue()[i]).as("%s at row %d", line.getKey(), i).containsExactly(rows.get(i));
                }
            }

            UserNode someone = activeDrawnUser(gui);
            assertThat(someone.getRecentSlates()).as("slates of %s", someone).isNotEmpty()
                    .allSatisfy(s -> assertThat(s).matches("tick \\d+: \\[\\d+(, \\d+){9}]"));
            assertThat(someone.getRecentEvents()).isNotEmpty();
        } finally {
            close(console, gui);
        }
        assertThat(fingerprint(done.runDir())).as("the replay wrote nothing into the run folder").isEqualTo(before);
    }

    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES)
    void aRunWithoutFollowGraphGetsNoGraphWindow() throws Exception {
        assumeFalse(GraphicsEnvironment.isHeadless(), "no display: run under xvfb-run");
        String yaml = GuiScenarios.social("gui-replay-flat", 400, 100, 3)
                .replace("  graph: {type: preferential-attachment, follows: 5}\n", "")
                .replace("feed: {socialShare: 0.3, window: 5}\n", "")
                .replace(", follow: 0.05", "");
        RunResult done = new ScenarioRunner().run(new ScenarioLoader().parse(yaml, "gui-replay-flat.yaml"),
                new ScenarioRunner.Options(9L, 1, out), List.of());
        ReplayWithUI gui = ReplayWithUI.open(done.runDir(), 2000, 2);
        Console console = playToTheEnd(gui);
        try {
            assertThat(gui.graphDisplay()).isNull();
            assertThat(console.getAllFrames()).as("the map and chart windows only").hasSize(2);
        } finally {
            close(console, gui);
        }
    }

    private static Console playToTheEnd(ReplayWithUI gui) throws Exception {
        Console[] console = new Console[1];
        SwingUtilities.invokeAndWait(() -> {
            console[0] = new Console(gui);
            console[0].setLocation(0, 0);
            console[0].setVisible(true);
            console[0].pressPlay();
        });
        while (gui.replay() == null || !gui.replay().done() || console[0].getPlayState() != Console.PS_STOPPED) {
            Thread.sleep(100);
        }
        Thread.sleep(1000); // the chart's points arrive on Swing's thread; Swing repaints
        SwingUtilities.invokeAndWait(() -> { });
        return console[0];
    }

    /** Closes the windows and the replay's log (not Console.doClose: it would end the JVM). */
    private static void close(Console console, ReplayWithUI gui) throws Exception {
        SwingUtilities.invokeAndWait(() -> {
            for (Object f : console.getAllFrames()) {
                ((JFrame) f).dispose();
            }
            console.dispose();
            gui.quit();
        });
    }

    private static UserNode activeDrawnUser(ReplayWithUI gui) {
        UserTrail trail = gui.replay().trail();
        for (int id : gui.map().drawnUserIds()) {
            if (trail.slates(id).length > 0 && trail.events(id).length > 0) {
                return new UserNode(gui.replay().world(), id, trail);
            }
        }
        throw new AssertionError("no drawn user was shown a slate");
    }

    /** The metrics table as [tick, value] rows per name, in tick order. */
    private static Map<String, List<double[]>> metricsTable(Path runDir) throws Exception {
        Map<String, List<double[]>> rows = new TreeMap<>();
        try (Connection c = TestScenarios.open(runDir); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT tick, name, val FROM metrics ORDER BY tick")) {
            while (rs.next()) {
                rows.computeIfAbsent(rs.getString(2), k -> new ArrayList<>())
                        .add(new double[] {rs.getInt(1), rs.getDouble(3)});
            }
        }
        return rows;
    }

    /** Every file of the folder with its size and content hash. */
    private static Map<String, String> fingerprint(Path dir) throws Exception {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                byte[] bytes = Files.readAllBytes(f);
                out.put(dir.relativize(f).toString(), bytes.length + " "
                        + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)));
            }
        }
        return out;
    }

    private static BufferedImage onScreen(JComponent c) throws Exception {
        Rectangle[] r = new Rectangle[1];
        SwingUtilities.invokeAndWait(() -> r[0] = new Rectangle(c.getLocationOnScreen(), c.getVisibleRect().getSize()));
        return new Robot().createScreenCapture(r[0]);
    }
}
