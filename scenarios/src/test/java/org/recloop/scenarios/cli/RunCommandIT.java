package org.recloop.scenarios.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.recloop.scenarios.TestScenarios;

class RunCommandIT {

    @TempDir
    Path dir;

    private int run(StringWriter out, StringWriter err, String... args) {
        return RecLoopCli.commandLine(new PrintWriter(out, true), new PrintWriter(err, true)).execute(args);
    }

    @Test
    void runsAScenarioAndPrintsWhereItsDatabaseIs() throws Exception {
        Path f = dir.resolve("tiny.yaml");
        Files.writeString(f, TestScenarios.small("tiny", 300, 80, 4, "most-popular", 2));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = run(out, err, "run", f.toString(), "--out", dir.resolve("runs").toString(), "--seed", "3",
                "--no-progress");
        assertThat(code).as(err.toString()).isZero();
        assertThat(out.toString()).contains("finished: 4 ticks").contains("seed 3").contains("recloop.mv.db")
                .contains("exposures").contains("homogenization");
        try (var runs = Files.list(dir.resolve("runs"))) {
            Path run = runs.findFirst().orElseThrow();
            assertThat(run.getFileName().toString()).startsWith("tiny-s3-");
            assertThat(out.toString()).contains(run.resolve("recloop.mv.db").toAbsolutePath().toString());
        }
    }

    @Test
    void invalidScenarioFailsBeforeAnyRunFolderExists() throws Exception {
        Path f = dir.resolve("bad.yaml");
        Files.writeString(f, TestScenarios.small("bad", 300, 80, 4, "{type: nope}", 2));
        Path runs = dir.resolve("runs");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = run(out, err, "run", f.toString(), "--out", runs.toString());
        assertThat(code).isEqualTo(2);
        assertThat(err.toString().trim()).startsWith("invalid scenario " + f
                + ":9:15 recommender.type: unknown recommender type 'nope'; available: ").contains("random")
                .doesNotContain("\n");
        assertThat(Files.exists(runs)).isFalse();
    }

    @Test
    void badArgumentsAreRejected() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        assertThat(run(out, err, "run")).isEqualTo(2);
        assertThat(err.toString()).contains("SCENARIO");
        assertThat(run(out, err, "run", "x.yaml", "--threads", "zero")).isEqualTo(2);
        assertThat(err.toString()).contains("--threads");
        StringWriter err2 = new StringWriter();
        assertThat(run(out, err2, "run", dir.resolve("missing.yaml").toString())).isEqualTo(2);
        assertThat(err2.toString()).contains("missing.yaml: no such file");
    }
}
