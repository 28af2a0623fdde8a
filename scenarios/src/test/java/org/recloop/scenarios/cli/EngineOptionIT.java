package org.recloop.scenarios.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.recloop.scenarios.TestScenarios;

/**
 * {@code --engine} on the default launcher, which has no Spark on its class path: local is the
 * default and the same as saying it; spark and unknown engines are refused before a run folder is
 * made; Spark's options need the Spark engine.
 */
class EngineOptionIT {

    @TempDir
    Path dir;

    private int run(StringWriter out, StringWriter err, String... args) {
        return RecLoopCli.commandLine(new PrintWriter(out, true), new PrintWriter(err, true)).execute(args);
    }

    private Path scenario() throws Exception {
        Path f = dir.resolve("tiny.yaml");
        Files.writeString(f, TestScenarios.small("tiny", 200, 60, 3, "most-popular", 2));
        return f;
    }

    @Test
    void sparkWithoutItsJarIsRefusedWithWhereToFindIt() throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Path runs = dir.resolve("runs");
        int code = run(out, err, "run", scenario().toString(), "--engine", "spark", "--out", runs.toString(), "--no-progress");
        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("--engine spark").contains("recloop-spark.jar");
        assertThat(runs).doesNotExist();
    }

    @Test
    void unknownEngineAndSparkOptionsWithoutSparkAreRefused() throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Path runs = dir.resolve("runs");
        assertThat(run(out, err, "run", scenario().toString(), "--engine", "flink", "--out", runs.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("--engine must be local").contains("'flink'");
        assertThat(run(out, err, "run", scenario().toString(), "--master", "local[2]", "--out", runs.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("--master needs --engine spark");
        assertThat(run(out, err, "run", scenario().toString(), "--store", "csv", "--out", runs.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("--store must be one of h2, parquet, was 'csv'");
        assertThat(runs).doesNotExist();
    }

    @Test
    void storeParquetWritesTheEventsAsParquetFilesWithoutSpark() throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Path runs = dir.resolve("pq");
        assertThat(run(out, err, "run", scenario().toString(), "--store", "parquet", "--out", runs.toString(),
                "--no-progress")).as(err.toString()).isZero();
        try (var s = Files.list(runs)) {
            Path run = s.findFirst().orElseThrow();
            assertThat(run.resolve("log/events/tick=2/part-0.parquet")).isRegularFile();
            assertThat(Files.readString(run.resolve("resolved.json"))).containsPattern("\"store\" *: *\"parquet\"");
        }
    }

    @Test
    void localIsTheDefault() throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = run(out, err, "run", scenario().toString(), "--engine", "local", "--out", dir.resolve("runs").toString(),
                "--no-progress");
        assertThat(code).as(err.toString()).isZero();
        assertThat(out.toString()).contains("finished: 3 ticks");
    }
}
