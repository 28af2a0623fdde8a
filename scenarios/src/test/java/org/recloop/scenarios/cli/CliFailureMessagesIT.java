package org.recloop.scenarios.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.recloop.scenarios.TestScenarios;
import org.recloop.scenarios.runner.RunResult;
import org.recloop.scenarios.runner.ScenarioRunner;
import org.recloop.scenarios.schema.ScenarioLoader;
import picocli.CommandLine;

/**
 * Wrong files and places give one clear line naming the file and the reason, with exit code 2 (1
 * for a failure while writing), and never a stack trace: a scenario that is a folder, UTF-16 or
 * binary; a data file that is UTF-16; a huge field (quoted only by a short prefix); {@code metrics
 * --out} on a folder or inside a file. {@code --help} of every command prints no picocli warning.
 */
class CliFailureMessagesIT {

    @TempDir
    Path dir;

    private record Result(int code, String out, String err) {
        String all() {
            return out + err;
        }

        /** One line on stderr, no exception class or stack frame anywhere. */
        void isOneCleanLine(int expectedCode) {
            assertThat(code).as(all()).isEqualTo(expectedCode);
            assertThat(err.strip().lines().count()).as(err).isEqualTo(1);
            assertThat(all()).doesNotContain("Exception").doesNotContain("at org.").doesNotContain("at java.");
        }
    }

    private static Result cli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = RecLoopCli.commandLine(new PrintWriter(out, true), new PrintWriter(err, true)).execute(args);
        return new Result(code, out.toString(), err.toString());
    }

    private static byte[] utf16le(String text) {
        byte[] body = text.getBytes(StandardCharsets.UTF_16LE);
        byte[] b = new byte[body.length + 2];
        b[0] = (byte) 0xFF;
        b[1] = (byte) 0xFE;
        System.arraycopy(body, 0, b, 2, body.length);
        return b;
    }

    @Test
    void sweepOnAFolderSaysItIsAFolder() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("scenario.yaml"));
        Result r = cli("sweep", folder.toString(), "--out", dir.resolve("out").toString());
        r.isOneCleanLine(2);
        assertThat(r.err().strip()).isEqualTo("invalid scenario " + folder + ": is a folder, not a file");
    }

    @Test
    void sweepAndRunOnAUtf16ScenarioSayWhatItLooksLike() throws Exception {
        Path f = dir.resolve("utf16.yaml");
        Files.write(f, utf16le(TestScenarios.small("u16", 50, 40, 2, "random", 1)));
        for (String command : List.of("sweep", "run")) {
            Result r = cli(command, f.toString(), "--out", dir.resolve("out-" + command).toString());
            r.isOneCleanLine(2);
            assertThat(r.err().strip()).isEqualTo("invalid scenario " + f
                    + ": looks like UTF-16 (byte-order mark FF FE); RecLoop reads UTF-8 text");
        }
    }

    @Test
    void sweepOnABinaryFileGivesTheOffsetOfItsFirstNulByte() throws Exception {
        Path f = dir.resolve("image.yaml");
        Files.write(f, new byte[] {'P', 'K', 3, 4, 0, 0, 1});
        Result r = cli("sweep", f.toString(), "--out", dir.resolve("out").toString());
        r.isOneCleanLine(2);
        assertThat(r.err().strip()).isEqualTo("invalid scenario " + f
                + ": looks binary (NUL byte at offset 4); RecLoop reads UTF-8 text");
    }

    /** The small test scenario with a follow graph from {@code follows.csv} next to it. */
    private Path scenarioWithEdges(byte[] edges) throws Exception {
        Files.write(dir.resolve("follows.csv"), edges);
        Path f = dir.resolve("social.yaml");
        Files.writeString(f, TestScenarios.small("social", 50, 40, 2, "most-popular", 1)
                .replace("  population: {type: synthetic, users: 50, meanActivity: 0.5}\n",
                        "  population: {type: synthetic, users: 50, meanActivity: 0.5}\n"
                                + "  graph: {type: edge-list, path: follows.csv}\n"));
        return f;
    }

    @Test
    void aUtf16DataFileIsNamedWithWhatItLooksLike() throws Exception {
        Path scenario = scenarioWithEdges(utf16le("0,1\n1,2\n"));
        Result r = cli("run", scenario.toString(), "--out", dir.resolve("runs").toString(), "--no-progress");
        r.isOneCleanLine(2);
        assertThat(r.err().strip()).isEqualTo("invalid data file " + dir.resolve("follows.csv")
                + ": looks like UTF-16 (byte-order mark FF FE); RecLoop reads UTF-8 text");
    }

    @Test
    void aHugeFieldIsQuotedByAShortPrefixAndItsLength() throws Exception {
        String huge = "x".repeat(5_000_000);
        Path scenario = scenarioWithEdges(("0,1\n1," + huge + "\n").getBytes(StandardCharsets.UTF_8));
        Result r = cli("run", scenario.toString(), "--out", dir.resolve("runs").toString(), "--no-progress");
        r.isOneCleanLine(2);
        assertThat(r.err().strip()).isEqualTo("invalid data file " + dir.resolve("follows.csv")
                + ":2: user ids must be whole numbers, found '1," + "x".repeat(78) + "…' (5000002 chars)");
    }

    @Test
    void metricsOutOnAFolderOrInsideAFileIsRefusedBeforeTheReplay() throws Exception {
        RunResult run = new ScenarioRunner().run(new ScenarioLoader().parse(
                TestScenarios.small("m", 50, 40, 2, "random", 1), "m.yaml"),
                new ScenarioRunner.Options(null, 1, dir.resolve("runs")), List.of());
        Path folder = Files.createDirectories(dir.resolve("csv-folder"));
        Result r = cli("metrics", run.runDir().toString(), "--metrics", "ctr", "--out", folder.toString());
        r.isOneCleanLine(2);
        assertThat(r.err().strip()).isEqualTo("recloop metrics: --out " + folder
                + " is a folder; give the name of a CSV file");
        Path file = Files.writeString(dir.resolve("plain.txt"), "x");
        Path inside = file.resolve("m.csv");
        r = cli("metrics", run.runDir().toString(), "--metrics", "ctr", "--out", inside.toString());
        r.isOneCleanLine(2);
        assertThat(r.err().strip()).isEqualTo("recloop metrics: --out " + inside + " is inside "
                + file.toAbsolutePath() + ", which is a file, not a folder");
        Path missing = dir.resolve("no/such/folder/m.csv");
        r = cli("metrics", run.runDir().toString(), "--metrics", "ctr", "--out", missing.toString());
        r.isOneCleanLine(2);
        assertThat(r.err()).contains("--out " + missing + " is in a folder that does not exist");
    }

    @Test
    void benchNamesEveryWorkloadWhenOneIsUnknown() {
        Result r = cli("bench", "--workload", "nope");
        r.isOneCleanLine(2);
        assertThat(r.err().strip()).isEqualTo(
                "recloop bench: unknown workload 'nope'; available: small, medium, large, mf, chaney");
    }

    /** picocli writes its warnings to System.err, not to the command line's writers. */
    @Test
    void helpOfEveryCommandPrintsNoWarning() {
        PrintStream saved = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        StringBuilder all = new StringBuilder();
        try {
            System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
            CommandLine root = RecLoopCli.commandLine(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()));
            List<String> commands = List.copyOf(root.getSubcommands().keySet());
            assertThat(commands).contains("run", "sweep", "bench", "metrics");
            for (String c : commands) {
                Result r = cli(c, "--help");
                assertThat(r.code()).as(c + ": " + r.all()).isZero();
                all.append(r.all());
            }
            all.append(cli("--help").all());
        } finally {
            System.setErr(saved);
        }
        String warnings = captured.toString(StandardCharsets.UTF_8);
        assertThat(warnings).doesNotContain("[picocli WARN]");
        assertThat(all.toString()).doesNotContain("[picocli WARN]").contains("10% of sessions");
    }
}
