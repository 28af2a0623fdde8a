package org.recloop.analysis.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javax.imageio.ImageIO;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Writes a report over runs into a folder:
 * <ul>
 *   <li>{@code index.html}: one self-contained page (inline CSS, charts as base64 PNG data URIs,
 *       no external resource) with the runs, the scenario text of each distinct scenario, a
 *       summary table (arm × metric: final-tick mean ± 95% confidence half-width, n) and one
 *       chart per metric (mean per arm over ticks with a shaded 95% confidence band);</li>
 *   <li>{@code <metric>.png}: the same chart;</li>
 *   <li>{@code <metric>.csv}: {@code arm,tick,n,mean,ci_low,ci_high};</li>
 *   <li>{@code summary.csv}: {@code arm,metric,n,mean,ci_low,ci_high} at each arm's final tick
 *       (the last tick at which a run of the arm has a value), then the final-tick paired difference
 *       against the baseline ({@link SummaryPairs}: {@code vs,diff,diff_ci_low,diff_ci_high,d_z,p_holm},
 *       empty for the baseline itself);</li>
 *   <li>{@code paired.csv}, when there are several arms and some share seeds with the baseline
 *       arm: the paired differences of {@link PairedComparison}, also as a table in the page.</li>
 * </ul>
 * Charts are drawn off-screen with XChart; run the JVM with {@code -Djava.awt.headless=true} on
 * machines without a display. Numbers in the CSV files use the shortest exact decimal form
 * ({@link Double#toString(double)}); a missing value is an empty cell.
 */
public final class ReportWriter {

    /** Line colours of the arms, in order (Tableau 10). */
    private static final Color[] PALETTE = {
        new Color(0x1f77b4), new Color(0xff7f0e), new Color(0x2ca02c), new Color(0xd62728), new Color(0x9467bd),
        new Color(0x8c564b), new Color(0xe377c2), new Color(0x7f7f7f), new Color(0xbcbd22), new Color(0x17becf),
    };
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss xxx", Locale.ROOT);

    private final Clock clock;
    private final int width;
    private final int height;

    /** A writer with the system clock and 900 × 500 pixel charts. */
    public ReportWriter() {
        this(Clock.systemDefaultZone(), 900, 500);
    }

    /**
     * @param clock gives the generation date shown in the page
     * @param width chart width in pixels
     * @param height chart height in pixels
     */
    public ReportWriter(Clock clock, int width, int height) {
        if (width < 200 || height < 150) {
            throw new IllegalArgumentException("charts must be at least 200 x 150 pixels, was " + width + " x " + height);
        }
        this.clock = clock;
        this.width = width;
        this.height = height;
    }

    /**
     * Writes the report into {@code dir} (created if needed; files of an earlier report are
     * replaced) and returns the path of {@code index.html}.
     */
    public Path write(List<RunData> runs, Path dir) throws IOException {
        return write(runs, dir, PairedComparison.Options.DEFAULT);
    }

    /**
     * Writes the report, pairing the arms as {@code pairing} says, into {@code dir}.
     *
     * @throws IllegalArgumentException if the stated baseline is not an arm of the runs
     */
    public Path write(List<RunData> runs, Path dir, PairedComparison.Options pairing) throws IOException {
        if (runs.isEmpty()) {
            throw new IllegalArgumentException("no runs to report on");
        }
        Files.createDirectories(dir);
        List<ArmSummary> arms = ArmSummary.byArm(runs);
        Set<String> metricSet = new LinkedHashSet<>();
        for (RunData r : runs) {
            metricSet.addAll(r.metrics());
        }
        List<String> metrics = List.copyOf(metricSet);
        Map<String, String> stems = fileStems(metrics);

        Map<String, byte[]> charts = new LinkedHashMap<>();
        for (String m : metrics) {
            byte[] png = chart(m, arms);
            charts.put(m, png);
            Files.write(dir.resolve(stems.get(m) + ".png"), png);
            Files.writeString(dir.resolve(stems.get(m) + ".csv"), metricCsv(m, arms), StandardCharsets.UTF_8);
        }
        List<String> armNames = PairedComparison.arms(runs);
        String baseline = pairing.baselineOf(armNames);
        List<PairedComparison.Row> paired = PairedComparison.compare(runs, baseline, pairing.fromTick());
        boolean pairs = armNames.size() > 1 && PairedComparison.pairable(runs, baseline);
        Files.writeString(dir.resolve("summary.csv"),
                summaryCsv(metrics, arms, pairs ? SummaryPairs.of(paired) : SummaryPairs.none()), StandardCharsets.UTF_8);
        if (pairs) {
            Files.writeString(dir.resolve("paired.csv"), PairedComparison.csv(paired), StandardCharsets.UTF_8);
        } else {
            Files.deleteIfExists(dir.resolve("paired.csv")); // an earlier report's
        }
        Path index = dir.resolve("index.html");
        StringBuilder pairedHtml = new StringBuilder();
        if (pairs) {
            PairedSection.append(pairedHtml, paired, baseline, pairing.fromTick());
        }
        Files.writeString(index, html(runs, arms, metrics, stems, charts, pairedHtml), StandardCharsets.UTF_8);
        return index;
    }

    // ------------------------------------------------------------------ CSV

    static String metricCsv(String metric, List<ArmSummary> arms) {
        StringBuilder sb = new StringBuilder("arm,tick,n,mean,ci_low,ci_high\n");
        for (ArmSummary a : arms) {
            for (ArmSummary.Point p : a.series(metric)) {
                sb.append(csvField(a.arm())).append(',').append(p.tick()).append(',').append(p.n()).append(',')
                        .append(num(p.mean())).append(',').append(num(p.ciLow())).append(',').append(num(p.ciHigh()))
                        .append('\n');
            }
        }
        return sb.toString();
    }

    static String summaryCsv(List<String> metrics, List<ArmSummary> arms, SummaryPairs pairs) {
        StringBuilder sb = new StringBuilder("arm,metric,n,mean,ci_low,ci_high," + SummaryPairs.HEADER + "\n");
        for (ArmSummary a : arms) {
            for (String m : metrics) {
                ArmSummary.Point p = a.last(m);
                sb.append(csvField(a.arm())).append(',').append(csvField(m)).append(',');
                if (p == null) {
                    sb.append("0,,,");
                } else {
                    sb.append(p.n()).append(',').append(num(p.mean())).append(',').append(num(p.ciLow())).append(',')
                            .append(num(p.ciHigh()));
                }
                sb.append(pairs.cells(a.arm(), m)).append('\n');
            }
        }
        return sb.toString();
    }

    private static String num(double v) {
        return Double.isNaN(v) ? "" : Double.toString(v);
    }

    private static String csvField(String s) {
        if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) {
            return s;
        }
        return '"' + s.replace("\"", "\"\"") + '"';
    }

    /** File names of the metrics: unsafe characters become '_', clashes get a suffix. */
    static Map<String, String> fileStems(List<String> metrics) {
        Map<String, String> out = new LinkedHashMap<>();
        Set<String> used = new HashSet<>(Set.of("index", "summary", "paired"));
        for (String m : metrics) {
            String base = m.replaceAll("[^A-Za-z0-9._-]", "_");
            if (base.isEmpty() || base.startsWith(".")) {
                base = "metric" + base;
            }
            String stem = base;
            for (int k = 2; !used.add(stem.toLowerCase(Locale.ROOT)); k++) {
                stem = base + "_" + k;
            }
            out.put(m, stem);
        }
        return out;
    }

    // ------------------------------------------------------------------ charts

    private byte[] chart(String metric, List<ArmSummary> arms) throws IOException {
        boolean any = false;
        for (ArmSummary a : arms) {
            any |= a.last(metric) != null;
        }
        if (!any) {
            return placeholder(metric);
        }
        XYChart chart = new XYChartBuilder().width(width).height(height)
                .title(metric + ": mean over runs, shaded band = 95% confidence interval")
                .xAxisTitle("tick").yAxisTitle(metric).build();
        Styler.LegendPosition legend = Styler.LegendPosition.OutsideS;
        chart.getStyler().setLegendPosition(legend).setLegendLayout(Styler.LegendLayout.Horizontal)
                .setLegendBorderColor(Color.WHITE).setChartBackgroundColor(Color.WHITE)
                .setPlotBackgroundColor(Color.WHITE).setPlotBorderColor(new Color(0x999999))
                .setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 14))
                .setAntiAlias(true).setMarkerSize(6);
        chart.getStyler().setPlotGridLinesColor(new Color(0xdddddd)).setXAxisDecimalPattern("0")
                .setYAxisDecimalPattern(yPattern(metric, arms)).setLocale(Locale.ROOT)
                .setAxisTitleFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        int serial = 0;
        // bands first, so the mean lines are drawn over them
        for (int i = 0; i < arms.size(); i++) {
            Color c = PALETTE[i % PALETTE.length];
            Color fill = new Color(c.getRed(), c.getGreen(), c.getBlue(), 60);
            for (double[][] poly : bands(arms.get(i).series(metric))) {
                XYSeries s = chart.addSeries("band " + (serial++), poly[0], poly[1]);
                s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.PolygonArea);
                s.setFillColor(fill);
                s.setLineStyle(SeriesLines.NONE);
                s.setMarker(SeriesMarkers.NONE);
                s.setShowInLegend(false);
            }
        }
        for (int i = 0; i < arms.size(); i++) {
            List<ArmSummary.Point> pts = arms.get(i).series(metric);
            if (pts.isEmpty()) {
                continue;
            }
            double[] x = new double[pts.size()];
            double[] y = new double[pts.size()];
            int finite = 0;
            for (int k = 0; k < pts.size(); k++) {
                x[k] = pts.get(k).tick();
                y[k] = pts.get(k).mean();
                finite += Double.isNaN(y[k]) ? 0 : 1;
            }
            if (finite == 0) {
                continue;
            }
            Color c = PALETTE[i % PALETTE.length];
            XYSeries s = chart.addSeries("mean " + (serial++), x, y);
            s.setLabel(arms.get(i).arm() + "  (n = " + arms.get(i).runs().size() + ")");
            s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
            s.setLineColor(c);
            s.setLineStyle(new BasicStroke(2f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
            s.setMarker(finite < 2 ? SeriesMarkers.CIRCLE : SeriesMarkers.NONE);
            s.setMarkerColor(c);
        }
        return BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
    }

    /**
     * Decimal pattern of the y axis labels, from the range of the plotted values: enough
     * decimals to tell the labels apart, with a leading zero (XChart's default drops it).
     */
    static String yPattern(String metric, List<ArmSummary> arms) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (ArmSummary a : arms) {
            for (ArmSummary.Point p : a.series(metric)) {
                if (p.n() > 0) {
                    lo = Math.min(lo, p.ciLow());
                    hi = Math.max(hi, p.ciHigh());
                }
            }
        }
        double range = hi - lo;
        if (!(range > 0)) {
            range = Math.abs(hi);
        }
        if (!(range > 0) || !Double.isFinite(range)) {
            return "0.###";
        }
        if (range < 1e-4 || range >= 1e7) {
            return "0.00E0";
        }
        // about ten labels over the range: steps of about range/10 need floor(-log10(range)) + 1
        // decimals, and the optional one more steps such as 0.25 or 0.025
        int decimals = Math.max(0, Math.min(6, (int) Math.floor(-Math.log10(range)) + 1));
        return "0." + "0".repeat(decimals) + "#";
    }

    /**
     * Closed polygons {x[], y[]} of the confidence band: upper ends left to right, then lower
     * ends right to left, one polygon per stretch of consecutive points with a value; stretches
     * without any interval (all n = 1) are left out.
     */
    static List<double[][]> bands(List<ArmSummary.Point> pts) {
        List<double[][]> out = new ArrayList<>();
        int k = 0;
        while (k < pts.size()) {
            if (pts.get(k).n() == 0) {
                k++;
                continue;
            }
            int start = k;
            boolean interval = false;
            while (k < pts.size() && pts.get(k).n() > 0) {
                interval |= pts.get(k).n() > 1;
                k++;
            }
            int len = k - start;
            if (!interval || len < 2) {
                continue;
            }
            double[] x = new double[2 * len];
            double[] y = new double[2 * len];
            for (int j = 0; j < len; j++) {
                ArmSummary.Point p = pts.get(start + j);
                x[j] = p.tick();
                y[j] = p.ciHigh();
                ArmSummary.Point q = pts.get(k - 1 - j);
                x[len + j] = q.tick();
                y[len + j] = q.ciLow();
            }
            out.add(new double[][] {x, y});
        }
        return out;
    }

    private byte[] placeholder(String metric) throws IOException {
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, width, height);
            g.setColor(Color.DARK_GRAY);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 16));
            String text = metric + ": no values in any run";
            int w = g.getFontMetrics().stringWidth(text);
            g.drawString(text, Math.max(10, (width - w) / 2), height / 2);
        } finally {
            g.dispose();
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ImageIO.write(img, "png", bytes);
        return bytes.toByteArray();
    }

    // ------------------------------------------------------------------ HTML

    private String html(List<RunData> runs, List<ArmSummary> arms, List<String> metrics, Map<String, String> stems,
            Map<String, byte[]> charts, CharSequence pairedSection) {
        Set<String> names = new LinkedHashSet<>();
        for (RunData r : runs) {
            names.add(r.scenarioName());
        }
        String title = "RecLoop report: " + String.join(", ", names);
        StringBuilder h = new StringBuilder(64 * 1024);
        h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>").append(esc(title)).append("</title>\n<style>\n").append(CSS).append("</style>\n")
                .append("</head>\n<body>\n");
        h.append("<h1>").append(esc(title)).append("</h1>\n");
        h.append("<p class=\"meta\">Generated ").append(esc(ZonedDateTime.now(clock).format(DATE))).append(" &middot; ")
                .append(runs.size()).append(runs.size() == 1 ? " run" : " runs").append(" in ").append(arms.size())
                .append(arms.size() == 1 ? " arm" : " arms").append(" &middot; ").append(metrics.size())
                .append(metrics.size() == 1 ? " metric" : " metrics").append("</p>\n");

        runsSection(h, runs);
        scenariosSection(h, runs);
        summarySection(h, arms, metrics, stems);
        h.append(pairedSection);
        chartsSection(h, metrics, stems, charts);
        h.append("</body>\n</html>\n");
        return h.toString();
    }

    /** The runs table, with a warning above it when some runs did not finish. */
    private static void runsSection(StringBuilder h, List<RunData> runs) {
        h.append("<h2 id=\"runs\">Runs</h2>\n");
        long unfinished = runs.stream().filter(r -> !r.outcome().finished()).count();
        if (unfinished > 0) {
            h.append("<p class=\"warning\"><strong>").append(unfinished).append(" of ").append(runs.size())
                    .append(runs.size() == 1 ? " run" : " runs").append(" not recorded as finished</strong> (marked below): their")
                    .append(" series stop at the last tick they saved, and their &ldquo;final tick&rdquo; in the")
                    .append(" summary is an earlier tick than that of finished runs.</p>\n");
        }
        h.append("<table>\n<thead><tr><th>run</th><th>status</th><th>arm</th><th>scenario</th>")
                .append("<th class=\"num\">seed</th><th class=\"num\">ticks</th></tr></thead>\n<tbody>\n");
        for (RunData r : runs) {
            RunOutcome o = r.outcome();
            h.append(o.finished() ? "<tr>" : "<tr class=\"unfinished\">").append("<td><code>").append(esc(r.runId()))
                    .append("</code></td><td>").append(o.finished() ? esc(o.status())
                            : "<strong>&#9888; " + esc(o.status()) + "</strong>"
                                    + (o.detail().isEmpty() ? "" : "<br><span class=\"n\">" + esc(o.detail()) + "</span>"))
                    .append("</td><td>").append(esc(r.arm()))
                    .append("</td><td>").append(esc(r.scenarioName())).append("</td><td class=\"num\">").append(r.seed())
                    .append("</td><td class=\"num\">").append(r.rows()).append("</td></tr>\n");
        }
        h.append("</tbody>\n</table>\n");
    }

    /** One collapsible block per distinct scenario text, naming its runs' arms. */
    private static void scenariosSection(StringBuilder h, List<RunData> runs) {
        Map<String, List<RunData>> scenarios = new LinkedHashMap<>();
        for (RunData r : runs) {
            scenarios.computeIfAbsent(r.scenarioText(), k -> new ArrayList<>()).add(r);
        }
        h.append("<h2 id=\"scenarios\">Scenarios</h2>\n");
        for (Map.Entry<String, List<RunData>> e : scenarios.entrySet()) {
            List<RunData> rs = e.getValue();
            Set<String> armsOf = new LinkedHashSet<>();
            for (RunData r : rs) {
                armsOf.add(r.arm());
            }
            h.append("<details><summary><strong>").append(esc(rs.get(0).scenarioName())).append("</strong> &middot; ")
                    .append(rs.size()).append(rs.size() == 1 ? " run" : " runs").append(" &middot; ")
                    .append(armsOf.size() == 1 ? "arm " : "arms ").append(esc(String.join(", ", armsOf)))
                    .append("</summary>\n<pre>").append(esc(e.getKey())).append("</pre></details>\n");
        }
    }

    private static void summarySection(StringBuilder h, List<ArmSummary> arms, List<String> metrics,
            Map<String, String> stems) {
        h.append("<h2 id=\"summary\">Summary at the final tick</h2>\n")
                .append("<p class=\"note\">Mean over the runs of each arm &plusmn; half-width of the 95% confidence ")
                .append("interval (Student t, n &minus; 1 degrees of freedom; no interval for a single run), at the ")
                .append("last tick with a value. Also in <code>summary.csv</code>.</p>\n");
        h.append("<div class=\"scroll\"><table>\n<thead><tr><th>arm</th>");
        for (String m : metrics) {
            h.append("<th><a href=\"#metric-").append(esc(stems.get(m))).append("\">").append(esc(m))
                    .append("</a></th>");
        }
        h.append("</tr></thead>\n<tbody>\n");
        for (ArmSummary a : arms) {
            h.append("<tr><td>").append(esc(a.arm())).append("</td>");
            for (String m : metrics) {
                ArmSummary.Point p = a.last(m);
                h.append("<td class=\"num\">");
                if (p == null) {
                    h.append("&ndash;");
                } else {
                    h.append(fmt(p.mean()));
                    if (p.n() > 1) {
                        h.append(" &plusmn; ").append(fmt(p.halfWidth()));
                    }
                    h.append("<br><span class=\"n\">n = ").append(p.n()).append(", tick ").append(p.tick())
                            .append("</span>");
                }
                h.append("</td>");
            }
            h.append("</tr>\n");
        }
        h.append("</tbody>\n</table></div>\n");
    }

    private void chartsSection(StringBuilder h, List<String> metrics, Map<String, String> stems,
            Map<String, byte[]> charts) {
        h.append("<h2 id=\"charts\">Metrics over ticks</h2>\n")
                .append("<p class=\"note\">Line: mean over the runs of the arm; shaded band: 95% confidence interval ")
                .append("of the mean. Each tick uses the runs that reached it.</p>\n");
        for (String m : metrics) {
            String stem = stems.get(m);
            h.append("<section class=\"chart\">\n<h3 id=\"metric-").append(esc(stem)).append("\">").append(esc(m))
                    .append("</h3>\n<img alt=\"").append(esc(m)).append(" over ticks\" width=\"").append(width)
                    .append("\" height=\"").append(height).append("\" src=\"data:image/png;base64,")
                    .append(Base64.getEncoder().encodeToString(charts.get(m))).append("\">\n<p class=\"note\">Data: <code>")
                    .append(esc(stem)).append(".csv</code>, image: <code>").append(esc(stem))
                    .append(".png</code></p>\n</section>\n");
        }
    }

    /** Four significant digits, as shown in the summary table; NaN as a dash. */
    public static String fmt(double v) {
        if (Double.isNaN(v)) {
            return "\u2013";
        }
        return String.format(Locale.ROOT, "%.4g", v);
    }

    static String esc(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&#39;");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }

    private static final String CSS = """
            body { font-family: -apple-system, "Segoe UI", Helvetica, Arial, sans-serif; margin: 2em auto;
                   max-width: 1100px; padding: 0 1em; color: #222; line-height: 1.4; }
            h1 { font-size: 1.6em; margin-bottom: 0.2em; }
            h2 { font-size: 1.3em; margin-top: 1.8em; border-bottom: 1px solid #ddd; padding-bottom: 0.2em; }
            h3 { font-size: 1.1em; margin: 1.2em 0 0.4em; }
            .meta, .note { color: #666; font-size: 0.9em; }
            table { border-collapse: collapse; font-size: 0.9em; }
            th, td { border: 1px solid #ddd; padding: 0.3em 0.6em; text-align: left; vertical-align: top; }
            th { background: #f4f4f4; }
            td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
            .n { color: #888; font-size: 0.85em; }
            .scroll { overflow-x: auto; }
            details { margin: 0.4em 0; border: 1px solid #ddd; border-radius: 4px; padding: 0.3em 0.6em; }
            summary { cursor: pointer; }
            pre { background: #f8f8f8; padding: 0.6em; overflow-x: auto; font-size: 0.85em; }
            img { max-width: 100%; height: auto; border: 1px solid #eee; }
            a { color: #1f5f9f; }
            tr.unfinished td { background: #fff4e5; }
            .warning { background: #fff4e5; border-left: 4px solid #e08a00; padding: 0.4em 0.8em; }
            """;
}
