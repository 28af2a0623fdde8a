package org.recloop.scenarios.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.recloop.scenarios.TestScenarios;
import org.recloop.scenarios.output.OutputLock;

/** Commands that share an output folder: a sweep's is its own, run folders are each run's own. */
class OutputLockIT {

    @TempDir
    Path dir;

    private Path scenario(String name, int ticks) throws Exception {
        Path f = dir.resolve(name + ".yaml");
        Files.writeString(f, TestScenarios.small(name, 20000, 1000, ticks, "most-popular", 3));
        return f;
    }

    private static int execute(StringWriter out, StringWriter err, String... args) {
        return RecLoopCli.commandLine(new PrintWriter(out, true), new PrintWriter(err, true)).execute(args);
    }

    @Test
    void aSecondSweepIntoABusyFolderFailsFastAndTouchesNothing() throws Exception {
        Path out = dir.resolve("sw");
        Path f = scenario("long", 100000);
        ChildCli first = ChildCli.start(dir.resolve("child.log"), "sweep", f.toString(), "--param", "ticks=4,100000",
                "--seeds", "1", "--parallel", "1", "--out", out.toString());
        first.await("the first arm", c -> {
            try {
                return c.log().contains("[1/2] ticks=4 seed 7: finished");
            } catch (Exception ex) {
                return false;
            }
        });
        first.awaitTicks(out.resolve("runs"), 4 + 2); // the second arm's run is under way
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        int code = execute(o, e, "sweep", f.toString(), "--param", "ticks=3", "--seeds", "1", "--out", out.toString());
        assertThat(code).as(e.toString()).isEqualTo(OutputLock.EXIT_BUSY);
        assertThat(e.toString()).contains("recloop sweep: " + out + " is in use by `recloop sweep " + f
                + " --param ticks=4,100000 --seeds 1 --parallel 1 --out " + out + "` (pid " + first.process.pid()
                + ", since ").contains("); wait for it or choose another --out");
        assertThat(o.toString()).isEmpty();
        // the first sweep goes on, and its summary.csv is its own
        first.process.destroy();
        assertThat(first.exitCode()).as(first.log()).isEqualTo(3);
        List<String> csv = Files.readAllLines(out.resolve("summary.csv"));
        assertThat(csv).anyMatch(r -> r.startsWith("\"ticks=4\",ctr,1,"))
                .anyMatch(r -> r.startsWith("\"ticks=100000\","))
                .noneMatch(r -> r.startsWith("\"ticks=3\""));
        try (var runs = Files.list(out.resolve("runs"))) {
            assertThat(runs.count()).isEqualTo(2);
        }
    }

    @Test
    void runsShareTheirOutFolderAndRecoverLeavesALiveRunAlone() throws Exception {
        Path out = dir.resolve("runs");
        ChildCli live = ChildCli.start(dir.resolve("child.log"), "run", scenario("long", 100000).toString(), "--out",
                out.toString(), "--no-progress", "--threads", "1");
        live.awaitTicks(out, 2);
        Path liveRun;
        try (var dirs = Files.list(out)) {
            liveRun = dirs.filter(Files::isDirectory).findFirst().orElseThrow();
        }
        // a second run into the same --out, while the first is going
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        int code = execute(o, e, "run", scenario("short", 3).toString(), "--out", out.toString(), "--no-progress",
                "--threads", "1");
        assertThat(code).as(e.toString()).isZero();
        assertThat(o.toString()).contains("short-s7-").contains("finished: 3 ticks");
        // recover refuses to repair the live run's database
        StringWriter ro = new StringWriter();
        StringWriter re = new StringWriter();
        assertThat(execute(ro, re, "recover", liveRun.toString())).isEqualTo(OutputLock.EXIT_BUSY);
        assertThat(re.toString()).contains("recloop recover: " + liveRun + " is in use by `recloop run "
                + liveRun.getFileName() + "` (pid " + live.process.pid() + ", since ")
                .contains("the run is still going");
        live.process.destroy();
        assertThat(live.exitCode()).as(live.log()).isEqualTo(3);
        // once the run is over, its folder is free again
        assertThat(execute(ro, re, "recover", liveRun.toString())).isZero();
    }

    private Path smallRun() throws Exception {
        return new org.recloop.scenarios.runner.ScenarioRunner().run(
                new org.recloop.scenarios.schema.ScenarioLoader().parse(TestScenarios.small("m", 500, 100, 3,
                        "most-popular", 3), "m.yaml"),
                new org.recloop.scenarios.runner.ScenarioRunner.Options(null, 1, dir.resolve("runs")), List.of())
                .runDir();
    }

    @Test
    void aCsvFileIsClaimedByItsWriterAndOtherFilesInItsFolderStayFree() throws Exception {
        Path run = smallRun();
        Path results = dir.resolve("results");
        Files.createDirectories(results);
        Path bench = results.resolve("bench.csv");
        ChildCli child = ChildCli.start(dir.resolve("child.log"), "bench", "--workload", "small", "--threads", "1",
                "--out", bench.toString());
        child.await("the bench run", c -> {
            try {
                return c.log().contains("bench: world built, database open");
            } catch (Exception ex) {
                return false;
            }
        });
        // the same file: refused at once, naming the holder, and left alone
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        int code = execute(o, e, "metrics", run.toString(), "--metrics", "ctr", "--out", bench.toString());
        assertThat(code).as(e.toString()).isEqualTo(OutputLock.EXIT_BUSY);
        assertThat(e.toString()).contains("recloop metrics: " + bench + " is in use by `recloop bench --workload small"
                + " --threads 1 --out " + bench + "` (pid " + child.process.pid() + ", since ")
                .contains("); wait for it or choose another --out");
        assertThat(bench).doesNotExist();
        // another file in the same folder: fine while the bench goes on
        Path other = results.resolve("metrics.csv");
        code = execute(o, e, "metrics", run.toString(), "--metrics", "ctr", "--out", other.toString());
        assertThat(code).as(e.toString()).isZero();
        assertThat(Files.readAllLines(other)).hasSize(4).first().isEqualTo("tick,ctr");
        assertThat(child.process.isAlive()).isTrue();
        child.process.destroy();
        assertThat(child.exitCode()).as(child.log()).isEqualTo(3);
        // once the bench is over, the file is free again; no temporary file is left behind
        code = execute(o, e, "metrics", run.toString(), "--metrics", "ctr", "--out", bench.toString());
        assertThat(code).as(e.toString()).isZero();
        try (var files = Files.list(results)) {
            assertThat(files.map(f -> f.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp"));
        }
    }
}
