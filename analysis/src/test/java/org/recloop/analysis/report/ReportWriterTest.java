package org.recloop.analysis.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportWriterTest {

    private static final List<String> METRICS = List.of("ctr", "gini_exposure", "empty_metric");
    private static final String ARM_A = "quick / als";
    private static final String ARM_B = "base, <random>"; // a comma for CSV quoting, brackets for HTML escaping

    @TempDir
    Path dir;

    @BeforeAll
    static void headless() {
        System.setProperty("java.awt.headless", "true");
    }

    /**
     * Arm A: three runs of ticks 0..2, ctr = 0.1, 0.2, then 1, 2 or 3 at tick 2 (final mean 2,
     * half-width 4.3027 / sqrt(3) = 2.4841). Arm B (the "arm" field): two runs of 4 and 2 ticks.
     * empty_metric has no value anywhere.
     */
    private List<RunData> runs() {
        List<RunData> runs = new ArrayList<>();
        Path parent = dir.resolve("runs");
        for (int s = 1; s <= 3; s++) {
            runs.add(RunData.read(RunFolders.write(parent, "quick-s" + s, "quick", s, "als", null, METRICS,
                    new String[][] {{"0.1", "0.5", ""}, {"0.2", "0.6", ""}, {String.valueOf(s), "0." + (6 + s), ""}})));
        }
        runs.add(RunData.read(RunFolders.write(parent, "base-s1", "base", 1, "random", ARM_B, METRICS,
                new String[][] {{"0.05", "0.1", ""}, {"0.06", "0.1", ""}, {"0.07", "0.1", ""}, {"0.08", "0.1", ""}})));
        runs.add(RunData.read(RunFolders.write(parent, "base-s2", "base", 2, "random", ARM_B, METRICS,
                new String[][] {{"0.05", "0.1", ""}, {"0.04", "0.3", ""}})));
        return runs;
    }

    private Path write() throws Exception {
        Clock clock = Clock.fixed(Instant.parse("2026-03-04T05:06:07Z"), ZoneOffset.UTC);
        return new ReportWriter(clock, 900, 500).write(runs(), dir.resolve("report"));
    }

    @Test
    void indexIsSelfContainedAndComplete() throws Exception {
        Path index = write();
        assertThat(index).isEqualTo(dir.resolve("report/index.html"));
        String html = Files.readString(index);
        assertThat(html).startsWith("<!DOCTYPE html>").contains("<title>RecLoop report: quick, base</title>")
                .contains("Generated 2026-03-04 05:06:07 +00:00").contains("5 runs in 2 arms");
        // runs table
        for (String id : List.of("quick-s1", "quick-s2", "quick-s3", "base-s1", "base-s2")) {
            assertThat(html).contains("<code>" + id + "</code>");
        }
        // every arm, escaped
        assertThat(html).contains(ARM_A).contains("base, &lt;random&gt;").doesNotContain(ARM_B);
        // the scenario text of each distinct scenario (five different scenario.yaml files)
        assertThat(html.split("<details>", -1)).hasSize(6);
        assertThat(html).contains("<pre>name: quick\nseed: 2\nticks: 3\nrecommender: als\n</pre>");
        // every metric has a heading and an embedded chart
        for (String m : METRICS) {
            assertThat(html).contains("<h3 id=\"metric-" + m + "\">" + m + "</h3>");
        }
        Matcher img = Pattern.compile("src=\"data:image/png;base64,([A-Za-z0-9+/=]+)\"").matcher(html);
        int images = 0;
        while (img.find()) {
            BufferedImage png = ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode(img.group(1))));
            assertThat(png).isNotNull();
            assertThat(png.getWidth()).isEqualTo(900);
            images++;
        }
        assertThat(images).isEqualTo(METRICS.size());
        // summary numbers: arm A ctr at tick 2 is 2 +- 2.484 (n = 3); arm B at tick 3 has one run
        assertThat(html).contains("2.000 &plusmn; 2.484<br><span class=\"n\">n = 3, tick 2</span>");
        assertThat(html).contains("0.08000<br><span class=\"n\">n = 1, tick 3</span>");
        // gini_exposure of arm A at tick 2: 0.7, 0.8, 0.9 -> 0.8 +- 4.3027 * 0.1 / sqrt(3) = 0.2484
        assertThat(html).contains("0.8000 &plusmn; 0.2484");
        // no external resources at all
        assertThat(html).doesNotContain("http://").doesNotContain("https://").doesNotContain("<script")
                .doesNotContain("<link");
    }

    @Test
    void pngFilesAreValid() throws Exception {
        Path index = write();
        for (String m : METRICS) {
            Path png = index.resolveSibling(m + ".png");
            byte[] bytes = Files.readAllBytes(png);
            assertThat(bytes).startsWith(0x89, 'P', 'N', 'G', 0x0d, 0x0a, 0x1a, 0x0a);
            BufferedImage img = ImageIO.read(png.toFile());
            assertThat(img).isNotNull();
            assertThat(img.getWidth()).isEqualTo(900);
            assertThat(img.getHeight()).isEqualTo(500);
        }
    }

    @Test
    void metricCsvHasOneRowPerArmAndTick() throws Exception {
        Path index = write();
        List<String> lines = Files.readAllLines(index.resolveSibling("ctr.csv"));
        assertThat(lines.get(0)).isEqualTo("arm,tick,n,mean,ci_low,ci_high");
        assertThat(lines).hasSize(1 + 3 + 4);
        assertThat(lines.get(1)).isEqualTo("quick / als,0,3,0.1,0.1,0.1");
        String[] a2 = lines.get(3).split(",");
        assertThat(a2).hasSize(6);
        assertThat(a2[0]).isEqualTo(ARM_A);
        assertThat(a2[1]).isEqualTo("2");
        assertThat(a2[2]).isEqualTo("3");
        assertThat(Double.parseDouble(a2[3])).isCloseTo(2.0, within(1e-12));
        assertThat(Double.parseDouble(a2[4])).isCloseTo(2 - 2.484137711843753, within(1e-6));
        assertThat(Double.parseDouble(a2[5])).isCloseTo(2 + 2.484137711843753, within(1e-6));
        // arm B, tick 1: 0.06 and 0.04 -> mean 0.05, half-width 12.7062 * 0.0141421 / sqrt(2) = 0.127062
        String[] b1 = lines.get(5).split(",");
        assertThat(b1[0] + "," + b1[1]).isEqualTo("\"base, <random>\"");
        assertThat(b1[2]).isEqualTo("1");
        assertThat(b1[3]).isEqualTo("2");
        assertThat(Double.parseDouble(b1[4])).isCloseTo(0.05, within(1e-12));
        assertThat(Double.parseDouble(b1[6]) - Double.parseDouble(b1[4])).isCloseTo(0.127062047, within(1e-6));
        assertThat(lines.get(7)).isEqualTo("\"base, <random>\",3,1,0.08,0.08,0.08");
        // a metric without values: n = 0 and empty cells
        List<String> empty = Files.readAllLines(index.resolveSibling("empty_metric.csv"));
        assertThat(empty).hasSize(1 + 3 + 4).contains("quick / als,0,0,,,", "\"base, <random>\",3,0,,,");
    }

    @Test
    void summaryCsvHasTheFinalTick() throws Exception {
        Path index = write();
        List<String> lines = Files.readAllLines(index.resolveSibling("summary.csv"));
        assertThat(lines.get(0)).isEqualTo("arm,metric,n,mean,ci_low,ci_high," + SummaryPairs.HEADER);
        assertThat(lines).hasSize(1 + 2 * 3);
        String[] ctr = lines.get(1).split(",");
        assertThat(ctr[0]).isEqualTo(ARM_A);
        assertThat(ctr[1]).isEqualTo("ctr");
        assertThat(ctr[2]).isEqualTo("3");
        assertThat(Double.parseDouble(ctr[3])).isCloseTo(2.0, within(1e-12));
        assertThat(Double.parseDouble(ctr[5]) - Double.parseDouble(ctr[3])).isCloseTo(2.484137711843753, within(1e-6));
        // the arms share no seed: their paired cells stay empty
        assertThat(lines).contains("quick / als,empty_metric,0,,,,,,,,,", "\"base, <random>\",ctr,1,0.08,0.08,0.08,,,,,,");
        // gini_exposure of arm B: tick 3 (0.1, one run)
        assertThat(lines).contains("\"base, <random>\",gini_exposure,1,0.1,0.1,0.1,,,,,,");
    }

    @Test
    void bandPolygonsSkipGapsAndSingleRuns() {
        List<ArmSummary.Point> pts = List.of(
                ArmSummary.point(0, 1, 3), ArmSummary.point(1, 2, 4), ArmSummary.point(2, Double.NaN),
                ArmSummary.point(3, 5), ArmSummary.point(4, 6), ArmSummary.point(5, 1, 2), ArmSummary.point(6, 2, 3));
        List<double[][]> bands = ReportWriter.bands(pts);
        assertThat(bands).hasSize(2); // ticks 0-1, and 3-6 (4 has an interval...), not tick 2
        assertThat(bands.get(0)[0]).containsExactly(0, 1, 1, 0);
        assertThat(bands.get(0)[1][0]).isEqualTo(pts.get(0).ciHigh());
        assertThat(bands.get(0)[1][3]).isEqualTo(pts.get(0).ciLow());
        assertThat(bands.get(1)[0]).containsExactly(3, 4, 5, 6, 6, 5, 4, 3);
        // a stretch where every tick has one run has no band
        assertThat(ReportWriter.bands(List.of(ArmSummary.point(0, 1), ArmSummary.point(1, 2)))).isEmpty();
    }

    @Test
    void yAxisLabelsHaveEnoughDecimals() {
        ArmSummary ctr = ArmSummary.of("a", List.of(RunFolders.run("a", "m", new int[] {0, 1}, 0.03, 0.085)));
        assertThat(ReportWriter.yPattern("m", List.of(ctr))).isEqualTo("0.00#");
        ArmSummary gini = ArmSummary.of("a", List.of(RunFolders.run("a", "m", new int[] {0, 1}, 0.0, 0.96)));
        assertThat(ReportWriter.yPattern("m", List.of(gini))).isEqualTo("0.0#");
        ArmSummary big = ArmSummary.of("a", List.of(RunFolders.run("a", "m", new int[] {0, 1}, 1000, 5000)));
        assertThat(ReportWriter.yPattern("m", List.of(big))).isEqualTo("0.#");
        ArmSummary flat = ArmSummary.of("a", List.of(RunFolders.run("a", "m", new int[] {0, 1}, 1, 1)));
        assertThat(ReportWriter.yPattern("m", List.of(flat))).isEqualTo("0.0#");
        ArmSummary tiny = ArmSummary.of("a", List.of(RunFolders.run("a", "m", new int[] {0, 1}, 1e-6, 3e-6)));
        assertThat(ReportWriter.yPattern("m", List.of(tiny))).isEqualTo("0.00E0");
    }

    @Test
    void fileNamesAreSafeAndDistinct() {
        Map<String, String> stems = ReportWriter.fileStems(List.of("ctr", "a/b", "summary", "a_b", "Index", ""));
        assertThat(stems).containsEntry("ctr", "ctr").containsEntry("a/b", "a_b").containsEntry("summary", "summary_2")
                .containsEntry("a_b", "a_b_2").containsEntry("Index", "Index_2").containsEntry("", "metric");
    }
}
