package org.recloop.scenarios.gui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.awt.GraphicsEnvironment;
import java.awt.Rectangle;
import java.awt.Robot;
import java.awt.Toolkit;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import javax.swing.JComponent;
import javax.swing.JFrame;
import javax.swing.SwingUtilities;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.recloop.scenarios.runner.ScenarioRunner;
import org.recloop.scenarios.schema.ResolvedScenario;
import org.recloop.scenarios.schema.ScenarioLoader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sim.display.Console;

/**
 * Starts the real Console with its displays on a screen (Xvfb on CI: .ci/run runs the tests under
 * xvfb-run), plays a few ticks, and checks the screenshots of the preference map and the metrics
 * chart: several distinct colours, not a blank window. Skipped, with a message, only when the JVM
 * has no display at all.
 *
 * <p>System properties turn it into the tool that makes the README's picture and the frame-time
 * figure: {@code recloop.gui.scenario} (a scenario file instead of the small built-in one),
 * {@code recloop.gui.ticks} (ticks to play before pausing, default 6), {@code
 * recloop.gui.screenshot} (save the whole screen there) and {@code recloop.gui.frames} (time that
 * many redraws of the map and print their median; never asserted).
 */
class GuiScreenshotIT {

    private static final Logger LOG = LoggerFactory.getLogger(GuiScreenshotIT.class);

    @TempDir
    Path out;

    @Test
    @Timeout(value = 15, unit = TimeUnit.MINUTES) // bounds a hang only
    void consoleDrawsTheMapAndTheChart() throws Exception {
        assumeFalse(GraphicsEnvironment.isHeadless(),
                "no display: run the integration tests under xvfb-run (as .ci/run does) to test the GUI");
        String file = System.getProperty("recloop.gui.scenario");
        ResolvedScenario rs = file == null
                ? new ScenarioLoader().parse(GuiScenarios.social("gui-screenshot", 2000, 400, 12), "gui-screenshot.yaml")
                : new ScenarioLoader().load(Path.of(file));
        int ticks = Integer.getInteger("recloop.gui.ticks", 6);
        RecLoopWithUI gui = new RecLoopWithUI(Path.of(file == null ? "gui-screenshot.yaml" : file), rs,
                new ScenarioRunner.Options(null, null, out), 2000, 2);
        Console[] console = new Console[1];
        SwingUtilities.invokeAndWait(() -> {
            console[0] = new Console(gui);
            console[0].setLocation(0, 0);
            console[0].setVisible(true);
            console[0].setWhenShouldPause(ticks);
            console[0].pressPlay();
        });
        try {
            while (console[0].getPlayState() != Console.PS_PAUSED) {
                Thread.sleep(100);
            }
            assertThat(gui.sim().ticksDone()).isEqualTo(ticks);
            Thread.sleep(1500); // the last committed ticks reach the chart; Swing repaints
            SwingUtilities.invokeAndWait(() -> { });

            Path shots = Path.of("target", "gui-it");
            Files.createDirectories(shots);
            BufferedImage map = onScreen(gui.mapDisplay().insideDisplay);
            BufferedImage chart = onScreen(gui.charts().chart.getChartPanel());
            ImageIO.write(map, "png", shots.resolve("map.png").toFile());
            ImageIO.write(chart, "png", shots.resolve("chart.png").toFile());
            BufferedImage screen = new Robot().createScreenCapture(new Rectangle(Toolkit.getDefaultToolkit().getScreenSize()));
            ImageIO.write(screen, "png", shots.resolve("screen.png").toFile());
            String keep = System.getProperty("recloop.gui.screenshot");
            if (keep != null) {
                ImageIO.write(screen, "png", Path.of(keep).toFile());
            }

            assertThat(gui.charts().lines()).as("chart lines (ctr, coverage, gini, homogenisation)").isEqualTo(4);
            // the built-in scenario has three archetypes; any scenario has at least one user colour
            assertThat(colours(map)).as("user colours on the map (see target/gui-it/map.png)")
                    .isGreaterThanOrEqualTo(file == null ? 3 : 1);
            assertThat(colours(chart)).as("coloured lines on the chart (see target/gui-it/chart.png)").isGreaterThanOrEqualTo(3);

            int frames = Integer.getInteger("recloop.gui.frames", 0);
            if (frames > 0) {
                measure(gui, frames, shots);
            }
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
        assertThat(gui.lastResult().ticks()).isEqualTo(ticks);
    }

    /** What the screen shows of {@code c}, captured from the screen itself. */
    private static BufferedImage onScreen(JComponent c) throws Exception {
        Rectangle[] r = new Rectangle[1];
        SwingUtilities.invokeAndWait(() -> {
            c.scrollRectToVisible(new Rectangle(0, 0, 1, 1));
            r[0] = new Rectangle(c.getLocationOnScreen(), c.getVisibleRect().getSize());
        });
        return new Robot().createScreenCapture(r[0]);
    }

    /** Distinct clearly coloured (not grey) colours, in 32 levels per channel. */
    static int colours(BufferedImage img) {
        Set<Integer> seen = new HashSet<>();
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                int rgb = img.getRGB(x, y);
                int r = rgb >> 16 & 0xff;
                int g = rgb >> 8 & 0xff;
                int b = rgb & 0xff;
                if (Math.max(r, Math.max(g, b)) - Math.min(r, Math.min(g, b)) > 60) {
                    seen.add((r >> 3) << 10 | (g >> 3) << 5 | (b >> 3));
                }
            }
        }
        // a colour drawn by the program covers many pixels; anti-aliasing leaves a few of each blend
        return seen.size() < 3 ? seen.size() : (int) seen.stream().filter(c -> count(img, c) >= 20).count();
    }

    private static int count(BufferedImage img, int quantised) {
        int n = 0;
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                int rgb = img.getRGB(x, y);
                if (((rgb >> 19 & 31) << 10 | (rgb >> 11 & 31) << 5 | (rgb >> 3 & 31)) == quantised) {
                    n++;
                }
            }
        }
        return n;
    }

    /**
     * Median time of a map refresh (projection of the drawn users and items) and of a repaint of the
     * map display, over {@code frames} frames, while the run is paused. Printed, never asserted.
     */
    private static void measure(RecLoopWithUI gui, int frames, Path shots) throws Exception {
        List<Double> refresh = new ArrayList<>();
        List<Double> paint = new ArrayList<>();
        JComponent inside = gui.mapDisplay().insideDisplay;
        BufferedImage img = new BufferedImage(inside.getWidth(), inside.getHeight(), BufferedImage.TYPE_INT_RGB);
        for (int f = 0; f < frames; f++) {
            long t0 = System.nanoTime();
            gui.map().refresh(gui.sim());
            refresh.add((System.nanoTime() - t0) / 1e6);
            long[] t = new long[1];
            SwingUtilities.invokeAndWait(() -> {
                var g = img.createGraphics();
                long p0 = System.nanoTime();
                inside.paint(g);
                t[0] = System.nanoTime() - p0;
                g.dispose();
            });
            paint.add(t[0] / 1e6);
        }
        String line = String.format(Locale.ROOT, "%s: %,d users, %d drawn users and %d drawn items; median over %d"
                + " frames: map refresh %.1f ms, map repaint %.1f ms, total %.1f ms", gui.sim().world().population().size() > 0 ? "map" : "",
                gui.sim().world().population().size(), gui.map().drawnUsers(), gui.map().drawnItems(), frames,
                median(refresh), median(paint), median(refresh) + median(paint));
        LOG.info("frame time {}", line);
        System.out.println("FRAME TIME " + line);
        Files.writeString(shots.resolve("frame-times.txt"), line + "\n");
    }

    private static double median(List<Double> xs) {
        List<Double> s = new ArrayList<>(xs);
        s.sort(null);
        return s.get(s.size() / 2);
    }
}
