package org.recloop.scenarios.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.recloop.scenarios.TestScenarios;
import org.recloop.scenarios.runner.RunResult;
import org.recloop.scenarios.runner.ScenarioRunner;
import org.recloop.scenarios.schema.ScenarioLoader;

/**
 * A path that reaches an H2 address cannot add connection settings: every route a path takes
 * (the run folder under {@code --out}, a run folder given to {@code metrics}, {@code evaluate}
 * and {@code recover}, a scenario's LLM cache path) carries a payload that, pasted into a JDBC
 * address, makes H2 run {@code INIT=} SQL writing a marker file. The marker must never appear,
 * and the command must say which character it refused.
 */
class H2PathInjectionIT {

    @TempDir
    Path dir;

    private Path marker() {
        return dir.resolve("pwned-marker.txt");
    }

    /** A folder name that, pasted into a JDBC URL, runs SQL writing the marker ({@code --} comments out the rest). */
    private String payload(String prefix) {
        return prefix + ";INIT=CALL FILE_WRITE(STRINGTOUTF8('pwned'),'" + marker() + "')--";
    }

    private record Result(int code, String out, String err) {}

    private Result cli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = RecLoopCli.commandLine(new PrintWriter(out, true), new PrintWriter(err, true)).execute(args);
        return new Result(code, out.toString(), err.toString());
    }

    @Test
    void outFolderCannotInjectSettings() throws Exception {
        Path scenario = dir.resolve("tiny.yaml");
        Files.writeString(scenario, TestScenarios.small("tiny", 50, 30, 2, "{type: random}", 1));
        Path out = Path.of(payload(dir.resolve("out").toString()));
        Result r = cli("run", scenario.toString(), "--out", out.toString(), "--no-progress");
        assertThat(Files.exists(marker())).as("marker written through --out").isFalse();
        assertThat(r.code()).as(r.err()).isEqualTo(2);
        assertThat(r.err()).contains("--out").contains("';'").contains("INIT=");
        assertThat(Files.exists(Path.of(dir.resolve("out").toString() + ";INIT=CALL FILE_WRITE(STRINGTOUTF8('pwned'),'")))
                .as("nothing created under a refused --out").isFalse();
    }

    @Test
    void runFolderArgumentsCannotInjectSettings() throws Exception {
        RunResult run = new ScenarioRunner().run(
                new ScenarioLoader().parse(TestScenarios.small("tiny", 60, 30, 3, "{type: most-popular}", 1), "tiny.yaml"),
                new ScenarioRunner.Options(null, 1, dir.resolve("runs")), List.of());
        Path evil = Path.of(payload(dir.resolve("copy").toString()));
        Files.createDirectories(evil);
        try (Stream<Path> files = Files.list(run.runDir())) {
            for (Path f : files.toList()) {
                Files.copy(f, evil.resolve(f.getFileName()));
            }
        }
        // H2 would open the part before ';' as the database: an attacker ships one there too
        Files.copy(run.runDir().resolve("recloop.mv.db"), dir.resolve("copy.mv.db"));
        List<String[]> commands = List.of(
                new String[] {"metrics", evil.toString(), "--metrics", "ctr", "--out", dir.resolve("m.csv").toString()},
                new String[] {"evaluate", "--data", evil.toString(), "--algorithms", "most-popular", "--split", "random",
                    "--k", "5", "--out", dir.resolve("e.csv").toString()},
                new String[] {"recover", evil.toString()});
        for (String[] c : commands) {
            Result r = cli(c);
            assertThat(Files.exists(marker())).as("marker written through %s", c[0]).isFalse();
            assertThat(r.code()).as("%s: %s", c[0], r.err()).isEqualTo(2);
            assertThat(r.err()).as(c[0]).contains("';'").contains("INIT=");
        }
    }

    @Test
    void scenarioCachePathCannotInjectSettings() throws Exception {
        String cache = payload(dir.resolve("cache").toString());
        String yaml = TestScenarios.small("llmcache", 40, 30, 1, "{type: random}", 1).replace("users: {type: mnl}", """
                users:
                  type: llm
                  agents: {fraction: 0.1}
                  provider: {type: openai, baseUrl: "http://127.0.0.1:9/v1", model: m, maxRetries: 0, timeoutMs: 500}
                  memory: {embeddings: false}
                  cache: {path: "%s", mode: readwrite}
                """.formatted(cache.replace("\\", "\\\\").replace("\"", "\\\"")));
        Path scenario = dir.resolve("llmcache.yaml");
        Files.writeString(scenario, yaml);
        Result r = cli("run", scenario.toString(), "--out", dir.resolve("runs").toString(), "--no-progress");
        assertThat(Files.exists(marker())).as("marker written through users.cache.path").isFalse();
        assertThat(r.code()).as(r.err()).isEqualTo(2);
        assertThat(r.err()).contains("cache").contains("';'");
        assertThat(Files.exists(dir.resolve("runs"))).as("no run folder for a refused scenario").isFalse();
    }
}
