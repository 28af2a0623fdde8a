package org.recloop.scenarios.gui;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.swing.SwingUtilities;
import org.jfree.data.xy.XYSeries;
import org.recloop.core.sim.TickListener;
import org.recloop.core.sim.TickSummary;
import sim.util.media.chart.TimeSeriesChartGenerator;

/**
 * Time series of the run's own online metrics (the values the run writes to metrics.csv), one
 * chart with a line per metric the scenario computes among CTR, exposure Gini, homogenisation,
 * coverage and an attack's target hit ratio. Fed as a {@link TickListener}: a tick appears once
 * the log has committed it, usually a tick or two after it closed.
 */
final class MetricCharts implements TickListener {

    /** Metric names charted, in legend order; a name ending in '@' matches any k (hit ratio @k). */
    static final List<String> CHARTED = List.of("ctr", "gini_exposure", "homogenization", "coverage",
            "target_hit_ratio@");

    final TimeSeriesChartGenerator chart = new TimeSeriesChartGenerator();
    private final Map<String, XYSeries> series = new LinkedHashMap<>();

    MetricCharts() {
        chart.setTitle("Metrics per tick");
        chart.setXAxisLabel("tick");
        chart.setYAxisLabel("value");
    }

    /** Forgets the lines of the previous run. */
    void clear() {
        series.clear();
        chart.clearAllSeries();
    }

    @Override
    public void onTick(TickSummary t) {
        // JFreeChart's datasets are not thread-safe: the chart's own thread (Swing) adds the points
        SwingUtilities.invokeLater(() -> add(t));
    }

    private void add(TickSummary t) {
        for (Map.Entry<String, Double> m : t.metrics().entrySet()) {
            if (!charted(m.getKey()) || m.getValue() == null || m.getValue().isNaN()) {
                continue;
            }
            XYSeries s = series.computeIfAbsent(m.getKey(), name -> {
                XYSeries created = new XYSeries(name, false);
                chart.addSeries(created, null);
                return created;
            });
            s.add(t.tick(), m.getValue().doubleValue(), true);
        }
        chart.update(t.tick(), true);
    }

    static boolean charted(String metric) {
        for (String c : CHARTED) {
            if (c.endsWith("@") ? metric.startsWith(c) : metric.equals(c)) {
                return true;
            }
        }
        return false;
    }

    /** The points of each line drawn so far, by metric name: {@code [tick, value]} pairs in tick order (tests). */
    Map<String, double[][]> points() {
        Map<String, double[][]> out = new LinkedHashMap<>();
        for (Map.Entry<String, XYSeries> e : series.entrySet()) {
            XYSeries s = e.getValue();
            double[][] p = new double[s.getItemCount()][];
            for (int i = 0; i < p.length; i++) {
                p[i] = new double[] {s.getX(i).doubleValue(), s.getY(i).doubleValue()};
            }
            out.put(e.getKey(), p);
        }
        return out;
    }

    /** Lines drawn so far (for tests and the frame-time measurement). */
    int lines() {
        return series.size();
    }
}
