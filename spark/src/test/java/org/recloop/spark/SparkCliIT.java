package org.recloop.spark;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.recloop.scenarios.cli.RecLoopCli;

/** {@code recloop run SCENARIO --engine spark} through the command line of recloop-spark.jar. */
class SparkCliIT {

    @TempDir
    Path dir;

    private static int run(StringWriter out, StringWriter err, String... args) {
        return RecLoopCli.commandLine(new PrintWriter(out, true), new PrintWriter(err, true)).execute(args);
    }

    @Test
    void quickstartRunsOnSparkAndGivesTheLocalEnginesMetrics() throws Exception {
        Path file = SparkRuns.shrunk("quickstart.yaml", dir.resolve("scenario"), root -> {
            root.put("ticks", 12);
            ((ObjectNode) root.path("world").path("population")).put("users", 1500);
            ((ObjectNode) root.path("world").path("catalog")).put("items", 300);
        });
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = run(out, err, "run", file.toString(), "--engine", "spark", "--master", "local[2]", "--out",
                dir.resolve("spark").toString(), "--no-progress");
        assertThat(code).as(err.toString()).isZero();
        assertThat(out.toString()).contains("finished: 12 ticks").contains("ctr_gap_share_run")
                .contains("engine    spark local[2], 2 partitions: 12 ticks").contains("phases    users (arrive, serve, react)");
        StringWriter localOut = new StringWriter();
        assertThat(run(localOut, err, "run", file.toString(), "--out", dir.resolve("local").toString(), "--no-progress"))
                .isZero();
        assertThat(metrics(dir.resolve("spark"))).isEqualTo(metrics(dir.resolve("local")));
        // the Spark engine's log: events and slates in Parquet per tick (the scenario names no store)
        try (var s = Files.list(dir.resolve("spark"))) {
            Path run = s.findFirst().orElseThrow();
            assertThat(run.resolve("log/events/tick=11/part-0.parquet")).isRegularFile();
            assertThat(run.resolve("log/slates/tick=0/part-0.parquet")).isRegularFile();
        }
    }

    private static List<String> metrics(Path runs) throws Exception {
        try (var s = Files.list(runs)) {
            return Files.readAllLines(s.findFirst().orElseThrow().resolve("metrics.csv"));
        }
    }

    @Test
    void anUnreachableMasterIsRefusedBeforeAnyRunFolder() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort(); // closed again: nobody listens there
        }
        Path file = SparkRuns.shrunk("quickstart.yaml", dir.resolve("scenario"), root -> {});
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Path runs = dir.resolve("runs");
        int code = run(out, err, "run", file.toString(), "--engine", "spark", "--master", "spark://127.0.0.1:" + port,
                "--out", runs.toString(), "--no-progress");
        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("--master spark://127.0.0.1:" + port).contains("cannot be reached");
        assertThat(runs).doesNotExist();
        code = run(out, err, "run", file.toString(), "--engine", "spark", "--master", "yarn", "--out", runs.toString());
        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("--master must be local, local[N], local[*] or spark://host:port, was 'yarn'");
        assertThat(runs).doesNotExist();
    }

    /**
     * The Chaney world (rank-discounted users, who keep no state of their own: their drift is in the
     * world's rows, their known share eta is drawn per user and item) runs on Spark with the local
     * engine's metrics; before, its user model was refused for having no state rows.
     */
    @Test
    void theChaneyWorldRunsOnSparkWithTheLocalEnginesMetrics() throws Exception {
        Path file = SparkRuns.shrunk("chaney-replication.yaml", dir.resolve("chaney"), root -> root.put("ticks", 20));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        assertThat(run(out, err, "run", file.toString(), "--engine", "spark", "--master", "local[2]", "--partitions", "3",
                "--out", dir.resolve("spark").toString(), "--no-progress")).as(err.toString()).isZero();
        assertThat(run(new StringWriter(), err, "run", file.toString(), "--out", dir.resolve("local").toString(),
                "--no-progress")).as(err.toString()).isZero();
        List<String> metrics = metrics(dir.resolve("spark"));
        assertThat(metrics).hasSizeGreaterThan(20).isEqualTo(metrics(dir.resolve("local")));
    }

    /** A user model whose users' state cannot move between copies is refused before the first tick, naming it. */
    @Test
    void aUserModelThatCannotMoveStateIsRefusedBeforeTheFirstTick() throws Exception {
        Path from = SparkRuns.shrunk("quickstart.yaml", dir.resolve("from-start"), root -> {
            ((ObjectNode) root.path("world").path("population")).put("users", 300);
            root.set("users", read("{type: conversational, users: {type: mnl}, search: titles,"
                    + " model: {type: openai, baseUrl: 'http://127.0.0.1:1/v1', model: m, maxRetries: 0}}"));
        });
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        assertThat(run(out, err, "run", from.toString(), "--engine", "spark", "--master", "local[1]",
                "--out", dir.resolve("runs").toString(), "--no-progress")).isNotZero();
        assertThat(err.toString()).contains("user model ConversationalUserModel around MnlUserModel cannot run on another engine");
        assertThat(out.toString()).doesNotContain("finished");
        assertThat(ticksLogged(dir.resolve("runs"))).isZero();
    }

    private static com.fasterxml.jackson.databind.JsonNode read(String yaml) {
        try {
            return org.recloop.scenarios.schema.ScenarioLoader.newMapper().readTree(yaml);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Ticks with metrics in the one run under {@code runs} (its metrics.csv lines after the header), 0 without the file. */
    private static long ticksLogged(Path runs) throws Exception {
        try (var s = Files.list(runs)) {
            Path csv = s.findFirst().orElseThrow().resolve("metrics.csv");
            return Files.exists(csv) ? Files.readAllLines(csv).stream().skip(1).map(l -> l.split(",")[0]).distinct().count() : 0;
        }
    }
}
