package org.recloop.scenarios.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.recloop.core.log.RunStatus;
import org.recloop.scenarios.TestScenarios;
import org.recloop.scenarios.runner.RunResult;
import org.recloop.scenarios.runner.ScenarioRunner;
import org.recloop.scenarios.schema.ScenarioLoader;
import picocli.CommandLine;

/** {@code recloop report} on real runs: two seeds of a random arm and one most-popular run. */
class ReportCommandIT {

    @TempDir
    static Path shared;

    static Path runs;
    static final List<Path> runDirs = new ArrayList<>();
    static List<String> metrics;

    @TempDir
    Path dir;

    private record Result(int code, String out, String err) {}

    private static Result report(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = new CommandLine(new ReportCommand());
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(args);
        return new Result(code, out.toString(), err.toString());
    }

    @BeforeAll
    static void tinyRuns() throws Exception {
        runs = shared.resolve("sweep");
        String[][] arms = {{"repa", "random", "1"}, {"repa", "random", "2"}, {"repb", "most-popular", "1"}};
        for (String[] a : arms) {
            String yaml = TestScenarios.small(a[0], 150, 60, 4, a[1], 0);
            RunResult r = new ScenarioRunner().run(new ScenarioLoader().parse(yaml, a[0] + ".yaml"),
                    new ScenarioRunner.Options(Long.parseLong(a[2]), 1, runs), List.of());
            assertThat(r.status()).isEqualTo(RunStatus.FINISHED);
            runDirs.add(r.runDir());
        }
        String header = Files.readAllLines(runDirs.get(0).resolve("metrics.csv")).get(0);
        metrics = Arrays.asList(header.split(",")).subList(5, header.split(",").length);
        assertThat(metrics).contains("ctr", "gini_exposure");
    }

    @Test
    void reportsAFolderOfRuns() throws Exception {
        Path out = dir.resolve("report");
        Result r = report(runs.toString(), "--out", out.toString());
        assertThat(r.code()).as(r.err()).isZero();
        Path index = out.resolve("index.html").toAbsolutePath();
        assertThat(r.out()).contains("report of 3 runs in 2 arms").contains(index.toString());
        String html = Files.readString(index);
        assertThat(html).contains("repa / random", "repb / most-popular", "data:image/png;base64,")
                .doesNotContain("http://", "https://");
        for (Path run : runDirs) {
            assertThat(html).contains("<code>" + run.getFileName() + "</code>");
        }
        for (String m : metrics) {
            assertThat(html).contains("\">" + m + "</h3>");
            BufferedImage img = ImageIO.read(out.resolve(m + ".png").toFile());
            assertThat(img).as(m + ".png").isNotNull();
            assertThat(img.getWidth()).isPositive();
            List<String> csv = Files.readAllLines(out.resolve(m + ".csv"));
            assertThat(csv.get(0)).isEqualTo("arm,tick,n,mean,ci_low,ci_high");
            assertThat(csv).hasSize(1 + 2 * 4); // two arms, four ticks each
        }
        List<String> ctr = Files.readAllLines(out.resolve("ctr.csv"));
        assertThat(ctr.get(1)).startsWith("repa / random,0,2,");
        assertThat(ctr.get(5)).startsWith("repb / most-popular,0,1,");
        List<String> summary = Files.readAllLines(out.resolve("summary.csv"));
        assertThat(summary.get(0)).isEqualTo("arm,metric,n,mean,ci_low,ci_high,vs,diff,diff_ci_low,diff_ci_high,d_z,p_holm");
        assertThat(summary).hasSize(1 + 2 * metrics.size());
        assertThat(summary).anyMatch(l -> l.startsWith("repa / random,ctr,2,"))
                .anyMatch(l -> l.startsWith("repb / most-popular,ctr,1,"));
        // the scenario text of both scenarios (the two repa runs share theirs)
        assertThat(html.split("<details>", -1)).hasSize(3);
    }

    @Test
    void reportsRunFoldersGivenOneByOne() throws Exception {
        Path out = dir.resolve("two");
        Result r = report(runDirs.get(0).toString(), runDirs.get(2).toString(), runDirs.get(0).toString(), "--out",
                out.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("report of 2 runs in 2 arms");
        assertThat(Files.readAllLines(out.resolve("ctr.csv")).get(1)).startsWith("repa / random,0,1,");
    }

    @Test
    void missingFolderOrNoRunsExitWith2() throws Exception {
        Result missing = report(dir.resolve("nowhere").toString(), "--out", dir.resolve("r").toString());
        assertThat(missing.code()).isEqualTo(2);
        assertThat(missing.err()).contains("no such folder").contains("nowhere");

        Path empty = Files.createDirectories(dir.resolve("empty/sub"));
        Result none = report(empty.getParent().toString(), "--out", dir.resolve("r").toString());
        assertThat(none.code()).isEqualTo(2);
        assertThat(none.err()).contains("no runs found in " + empty.getParent());

        Result noOut = report(runs.toString());
        assertThat(noOut.code()).isEqualTo(2);
        assertThat(noOut.err()).contains("--out");
        assertThat(Files.exists(dir.resolve("r"))).isFalse();
    }

    @Test
    void malformedRunFolderExitsWith2() throws Exception {
        Path bad = Files.createDirectories(dir.resolve("bad"));
        for (String f : List.of("resolved.json", "scenario.yaml", "metrics.csv")) {
            Files.copy(runDirs.get(0).resolve(f), bad.resolve(f));
        }
        List<String> lines = new ArrayList<>(Files.readAllLines(bad.resolve("metrics.csv")));
        lines.set(2, lines.get(2) + ",extra");
        Files.write(bad.resolve("metrics.csv"), lines);
        Result r = report(bad.toString(), "--out", dir.resolve("r").toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("invalid data file").contains(bad.resolve("metrics.csv") + ":3: expected ");
    }

    @Test
    void marksARunThatDidNotFinish() throws Exception {
        // a real interrupted run: stopped early, as Ctrl-C would (listeners hear of a tick once it
        // is committed, a few ticks after it closed)
        Path own = dir.resolve("mixed");
        String yaml = TestScenarios.small("repa", 150, 60, 40, "random", 0);
        ScenarioRunner.Observer stopEarly = new ScenarioRunner.Observer() {
            @Override
            public void started(String runId, Path runDir, org.recloop.core.sim.RecLoopSim sim) {
                sim.addListener(t -> {
                    if (t.tick() == 0) {
                        sim.requestStop();
                    }
                });
            }
        };
        RunResult stopped = new ScenarioRunner().run(new ScenarioLoader().parse(yaml, "repa.yaml"),
                new ScenarioRunner.Options(3L, 1, own), List.of(), stopEarly);
        assertThat(stopped.status()).isEqualTo(RunStatus.INTERRUPTED);
        Path out = dir.resolve("report");
        Result r = report(own.toString(), runDirs.get(0).toString(), "--out", out.toString());
        assertThat(r.code()).as(r.err()).isZero();
        String id = stopped.runDir().getFileName().toString();
        assertThat(r.out()).contains("not finished: " + id + " is 'interrupted' after ")
                .doesNotContain("not finished: " + runDirs.get(0).getFileName());
        String html = Files.readString(out.resolve("index.html"));
        assertThat(html).contains("1 of 2 runs not recorded as finished")
                .contains("<tr class=\"unfinished\"><td><code>" + id + "</code></td><td><strong>&#9888; interrupted")
                .contains("stopped after ")
                .contains("<tr><td><code>" + runDirs.get(0).getFileName() + "</code></td><td>finished</td>");
    }
}
