package org.recloop.scenarios.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.recloop.scenarios.TestScenarios;

/**
 * Data files that lose rows: {@code run}, {@code sweep} and {@code evaluate} say so (one line per
 * file) and record it in the run folder; with {@code --strict} they refuse, exit 2, and create no
 * run folder.
 */
class DataFileReportIT {

    @TempDir
    Path dir;

    private record Result(int code, String out, String err) {}

    private Result cli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = RecLoopCli.commandLine(new PrintWriter(out, true), new PrintWriter(err, true)).execute(args);
        return new Result(code, out.toString(), err.toString());
    }

    /** The small test scenario with a follow graph from {@code follows.csv} next to it. */
    private Path scenarioWithEdges(String edges) throws Exception {
        Files.writeString(dir.resolve("follows.csv"), edges);
        Path f = dir.resolve("social.yaml");
        Files.writeString(f, TestScenarios.small("social", 50, 40, 2, "most-popular", 1)
                .replace("  population: {type: synthetic, users: 50, meanActivity: 0.5}\n",
                        "  population: {type: synthetic, users: 50, meanActivity: 0.5}\n"
                                + "  graph: {type: edge-list, path: follows.csv}\n"));
        assertThat(Files.readString(f)).contains("edge-list");
        return f;
    }

    private static final String BAD_EDGES = "\uFEFF0,1\n1,2\n3,3\n1,2\n2,0\n";

    @Test
    void runPrintsWhatTheEdgeFileLostAndRecordsItInTheRunFolder() throws Exception {
        Path scenario = scenarioWithEdges(BAD_EDGES);
        Path runs = dir.resolve("runs");
        Result r = cli("run", scenario.toString(), "--out", runs.toString(), "--no-progress");
        assertThat(r.code()).as(r.err()).isZero();
        Path edges = dir.resolve("follows.csv");
        assertThat(r.out()).contains("data      " + edges + ": 5 rows, kept 3; dropped 1 self-follow;"
                + " merged 1 duplicate edge\n");
        Path run;
        try (var list = Files.list(runs)) {
            run = list.findFirst().orElseThrow();
        }
        JsonNode report = new ObjectMapper().readTree(run.resolve("data-report.json").toFile());
        assertThat(report.path("strict").asBoolean()).isFalse();
        assertThat(report.path("files")).hasSize(1);
        JsonNode file = report.path("files").get(0);
        assertThat(file.path("file").asText()).isEqualTo(edges.toString());
        assertThat(file.path("rowsRead").asLong()).isEqualTo(5);
        assertThat(file.path("rowsKept").asLong()).isEqualTo(3);
        assertThat(file.path("dropped").path("self-follow").asLong()).isEqualTo(1);
        assertThat(file.path("merged").path("duplicate edge").asLong()).isEqualTo(1);
    }

    @Test
    void runWithStrictRefusesBeforeAnyRunFolderExists() throws Exception {
        Path scenario = scenarioWithEdges(BAD_EDGES);
        Path runs = dir.resolve("runs");
        Result r = cli("run", scenario.toString(), "--out", runs.toString(), "--no-progress", "--strict");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err().trim()).isEqualTo("invalid data file " + dir.resolve("follows.csv")
                + ":3: column 'followee': user 3 follows itself (--strict refuses rows that would be dropped)");
        assertThat(Files.exists(runs)).isFalse();
    }

    @Test
    void aCleanFileStaysQuietEvenWhenStrict() throws Exception {
        Path scenario = scenarioWithEdges("follower,followee\n0,1\n1,2\n");
        Path runs = dir.resolve("runs");
        Result r = cli("run", scenario.toString(), "--out", runs.toString(), "--no-progress", "--strict");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).doesNotContain("data      ");
    }

    @Test
    void sweepWithStrictRefuses() throws Exception {
        Path scenario = scenarioWithEdges(BAD_EDGES);
        Path out = dir.resolve("sweep");
        Result r = cli("sweep", scenario.toString(), "--seeds", "1", "--out", out.toString(), "--strict");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("invalid data file " + dir.resolve("follows.csv") + ":3: column 'followee'");
        assertThat(Files.exists(out.resolve("runs"))).isFalse();
    }

    @Test
    void evaluatePrintsWhatTheRatingsFileLostAndRefusesWhenStrict() throws Exception {
        StringBuilder sb = new StringBuilder("\uFEFF");
        for (int u = 1; u <= 30; u++) {
            for (int i = 1; i <= 6; i++) {
                sb.append(u).append(',').append(100 + (u + i) % 12).append(',').append(1 + (u * i) % 5).append(',')
                        .append(u * 10 + i).append('\n');
            }
        }
        sb.append("1,999,-1,5\n").append("2,103,5,99999\n");
        Path data = dir.resolve("ratings.csv");
        Files.writeString(data, sb.toString());
        Path csv = dir.resolve("results.csv");
        Result r = cli("evaluate", "--data", data.toString(), "--algorithms", "most-popular", "--split", "random",
                "--k", "5", "--out", csv.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("data      " + data + ": 182 rows, kept 180; dropped 1 negative rating;"
                + " merged 1 duplicate rating\n");
        Result strict = cli("evaluate", "--data", data.toString(), "--algorithms", "most-popular", "--split", "random",
                "--k", "5", "--out", dir.resolve("strict.csv").toString(), "--strict");
        assertThat(strict.code()).isEqualTo(2);
        assertThat(strict.err().trim()).isEqualTo("invalid data file " + data + ":181: column 'rating': negative rating"
                + " -1 of user 1 for item 999 (--strict refuses rows that would be dropped)");
        assertThat(Files.exists(dir.resolve("strict.csv"))).isFalse();
    }
}
