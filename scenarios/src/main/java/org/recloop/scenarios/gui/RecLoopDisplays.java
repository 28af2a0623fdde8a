package org.recloop.scenarios.gui;

import java.awt.Color;
import javax.swing.JFrame;
import sim.display.Controller;
import sim.display.Display2D;
import sim.display.GUIState;

/**
 * The windows a RecLoop GUI shows, the same for a live run and a replay: the preference-space
 * map, the sampled follow graph (only for a scenario with a social graph: an empty window would
 * only say "nothing here") and the metrics chart.
 */
final class RecLoopDisplays {

    final MetricCharts charts = new MetricCharts();
    final MapPortrayals portrayals = new MapPortrayals();
    private final boolean socialGraph;
    private Display2D mapDisplay;
    private Display2D graphDisplay;

    /** @param socialGraph whether the scenario has a follow graph to show */
    RecLoopDisplays(boolean socialGraph) {
        this.socialGraph = socialGraph;
    }

    /** Creates and shows the windows (GUIState.init, Swing's thread). */
    void init(GUIState gui, Controller c) {
        mapDisplay = new Display2D(620, 620, gui);
        mapDisplay.setBackdrop(Color.white);
        mapDisplay.setClipping(false);
        mapDisplay.attach(portrayals.items, "Items (size: exposure)");
        mapDisplay.attach(portrayals.users, "Users (colour: archetype; red: fake; grey: churned)");
        show(c, mapDisplay.createFrame(), "Preference space (PCA)", 440, 0, 0, 0);
        if (socialGraph) {
            graphDisplay = new Display2D(440, 440, gui);
            graphDisplay.setBackdrop(Color.white);
            graphDisplay.attach(portrayals.graphEdges, "Follows");
            graphDisplay.attach(portrayals.graphNodes, "Users");
            show(c, graphDisplay.createFrame(), "Follow graph (sample)", 1110, 400, 0, 0);
        }
        show(c, charts.chart.createFrame(), "Metrics", 1110, 0, 480, 390);
    }

    /** Registers and shows a frame; the three sit side by side right of the Console on a 1600-pixel screen. */
    private static void show(Controller c, JFrame frame, String title, int x, int y, int width, int height) {
        frame.setTitle(title);
        if (width > 0) {
            frame.setSize(width, height);
        }
        frame.setLocation(x, y);
        c.registerFrame(frame);
        frame.setVisible(true);
    }

    /** Points the portrayals at a freshly started map and redraws. */
    void attach(PreferenceMap map) {
        portrayals.attach(map);
        for (Display2D d : new Display2D[] {mapDisplay, graphDisplay}) {
            if (d != null) {
                d.reset();
                d.repaint();
            }
        }
    }

    void quit() {
        for (Display2D d : new Display2D[] {mapDisplay, graphDisplay}) {
            if (d != null) {
                d.quit();
            }
        }
    }

    Display2D mapDisplay() {
        return mapDisplay;
    }

    /** The follow-graph display, or null when the scenario has no social graph (or before init). */
    Display2D graphDisplay() {
        return graphDisplay;
    }
}
