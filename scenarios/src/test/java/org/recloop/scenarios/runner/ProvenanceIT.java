package org.recloop.scenarios.runner;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.recloop.scenarios.TestScenarios;
import org.recloop.scenarios.cli.RecLoopCli;

/**
 * A run records what made it: the build's commit and tree state, the Java that ran it, the hash
 * of the scenario text and of every data file the scenario names, in the runs table and in the
 * closing table.
 */
class ProvenanceIT {

    @TempDir
    Path dir;

    private static String sha256(byte[] b) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    }

    @Test
    void runsTableAndClosingTableSayWhatMadeTheRun() throws Exception {
        Path edges = dir.resolve("edges.csv");
        Files.writeString(edges, "follower,followee\n0,1\n1,2\n2,0\n3,4\n");
        String yaml = TestScenarios.small("prov", 40, 30, 2, "{type: random}", 1)
                .replace("  population:", "  graph: {type: edge-list, path: edges.csv}\n  population:");
        Path scenario = dir.resolve("prov.yaml");
        Files.writeString(scenario, yaml);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = RecLoopCli.commandLine(new PrintWriter(out, true), new PrintWriter(err, true)).execute("run",
                scenario.toString(), "--out", dir.resolve("runs").toString(), "--no-progress");
        assertThat(code).as(err.toString()).isZero();
        Path run;
        try (Stream<Path> runs = Files.list(dir.resolve("runs"))) {
            run = runs.filter(Files::isDirectory).findFirst().orElseThrow();
        }
        String scenarioHash = sha256(Files.readAllBytes(scenario));
        String edgesHash = sha256(Files.readAllBytes(edges));
        try (Connection c = TestScenarios.open(run); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT code_commit, code_modified, java_version, scenario_sha256,"
                        + " input_files, code_version FROM runs")) {
            assertThat(rs.next()).isTrue();
            String head = gitHead();
            if (head != null) {
                // built from this checkout by the same Maven run that runs this test (in a linked
                // worktree the plugin reads the main checkout: then the commit need only exist)
                if (linkedWorktree()) {
                    assertThat(git("cat-file", "-t", rs.getString(1))).isEqualTo("commit");
                } else {
                    assertThat(rs.getString(1)).isEqualTo(head);
                }
                rs.getBoolean(2);
                assertThat(rs.wasNull()).as("code_modified known in a git checkout").isFalse();
            }
            assertThat(rs.getString(3)).startsWith(Runtime.version().toString());
            assertThat(rs.getString(4)).isEqualTo(scenarioHash);
            JsonNode inputs = new ObjectMapper().readTree(rs.getString(5));
            assertThat(inputs).hasSize(1);
            assertThat(inputs.get(0).path("field").asText()).isEqualTo("world.graph");
            assertThat(inputs.get(0).path("path").asText()).isEqualTo(edges.toAbsolutePath().normalize().toString());
            assertThat(inputs.get(0).path("sha256").asText()).isEqualTo(edgesHash);
            assertThat(inputs.get(0).path("bytes").asLong()).isEqualTo(Files.size(edges));
            assertThat(rs.getString(6)).isNotBlank().isNotEqualTo("unknown");
        }
        String table = out.toString();
        assertThat(table).contains("scenario  sha256 " + scenarioHash);
        assertThat(table).contains("input     world.graph  " + edges.toAbsolutePath().normalize() + "  sha256 " + edgesHash);
        assertThat(table).contains("Java " + Runtime.version());
        String head = gitHead();
        if (head != null && !linkedWorktree()) {
            assertThat(table).contains("commit " + head);
        }
    }

    /** HEAD of the checkout the tests run in, or null without git (a source archive). */
    private static String gitHead() throws Exception {
        String s = git("rev-parse", "HEAD");
        return s != null && s.matches("[0-9a-f]{40}") ? s : null;
    }

    /** Whether the tests run in a linked worktree (its git dir differs from the common one). */
    private static boolean linkedWorktree() throws Exception {
        String dir = git("rev-parse", "--absolute-git-dir");
        String common = git("rev-parse", "--git-common-dir");
        return dir != null && common != null && !Path.of(dir).equals(Path.of(common).toAbsolutePath().normalize());
    }

    /** The trimmed output of a git command, or null if git is missing or fails. */
    private static String git(String... args) throws Exception {
        String[] cmd = new String[args.length + 1];
        cmd[0] = "git";
        System.arraycopy(args, 0, cmd, 1, args.length);
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String s = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0 ? s : null;
        } catch (java.io.IOException noGit) {
            return null;
        }
    }
}
