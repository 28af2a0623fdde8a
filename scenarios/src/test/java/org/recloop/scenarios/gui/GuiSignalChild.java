package org.recloop.scenarios.gui;

import java.nio.file.Path;
import javax.swing.SwingUtilities;
import org.recloop.scenarios.runner.ScenarioRunner;
import org.recloop.scenarios.schema.ScenarioLoader;
import sim.display.Console;

/**
 * A GUI process for {@link GuiSignalIT}: opens the Console on a small social scenario, plays two
 * ticks, pauses and prints "PAUSED", then waits to be stopped by a signal. Args: the output folder.
 */
public final class GuiSignalChild {

    private GuiSignalChild() {}

    public static void main(String[] args) throws Exception {
        var rs = new ScenarioLoader().parse(GuiScenarios.social("gui-signal", 400, 100, 20), "gui-signal.yaml");
        RecLoopWithUI gui = new RecLoopWithUI(Path.of("gui-signal.yaml"), rs,
                new ScenarioRunner.Options(4L, 1, Path.of(args[0])), 200, 2);
        Console[] console = new Console[1];
        SwingUtilities.invokeAndWait(() -> {
            console[0] = new Console(gui);
            console[0].setVisible(true);
            console[0].setWhenShouldPause(2);
            console[0].pressPlay();
        });
        while (console[0].getPlayState() != Console.PS_PAUSED) {
            Thread.sleep(50);
        }
        System.out.println("PAUSED");
        System.out.flush();
        gui.awaitQuit();
    }
}
