package org.recloop.scenarios;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/recloop} on Java 17 to 24 keeps a class-data-sharing archive next to the jar: the
 * first {@code run} writes it, later commands map it, a rebuilt jar gets a new one, a directory it
 * cannot write gets none, and none of this changes what a command prints or how it exits. Runs
 * the real launcher on the real jar, in a copy of the repository layout under a temporary folder.
 */
class LauncherCdsIT {

    private static final String TINY = """
            name: tiny
            seed: 3
            ticks: 3
            slateSize: 5
            world:
              catalog: {type: chaney, items: 60, dimensions: 4}
              population: {type: chaney, users: 30}
            users: {type: rank-discounted}
            recommender: random
            metrics: [ctr]
            """;

    @TempDir
    Path root;

    Path jsa;
    Path jar;

    @BeforeEach
    void layout() throws IOException {
        assumeThat(Runtime.version().feature()).as("the archive is made on Java 17 to 24").isBetween(17, 24);
        Path built = Path.of("target/recloop.jar").toAbsolutePath();
        assumeThat(built).as("the jar is packaged before integration tests").exists();
        Files.createDirectories(root.resolve("bin"));
        Files.createDirectories(root.resolve("scenarios/target"));
        Files.copy(Path.of("../bin/recloop"), root.resolve("bin/recloop"));
        root.resolve("bin/recloop").toFile().setExecutable(true);
        jar = root.resolve("scenarios/target/recloop.jar");
        Files.createSymbolicLink(jar, built);
        Files.writeString(root.resolve("tiny.yaml"), TINY);
        jsa = root.resolve("scenarios/target/recloop.jsa");
    }

    private record Result(int code, String out) {}

    private Result launch(String javaOpts, String... args) throws Exception {
        List<String> cmd = new java.util.ArrayList<>(List.of(root.resolve("bin/recloop").toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).directory(root.toFile());
        pb.environment().put("RECLOOP_JAVA_OPTS", javaOpts);
        pb.environment().put("PATH", Path.of(System.getProperty("java.home"), "bin") + ":" + System.getenv("PATH"));
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("the launcher finished").isTrue();
        return new Result(p.exitValue(), out);
    }

    private Result runTiny(String javaOpts) throws Exception {
        return launch(javaOpts, "run", root.resolve("tiny.yaml").toString(), "--out", root.resolve("runs").toString(),
                "--no-progress");
    }

    private List<Path> leftovers() throws IOException {
        try (Stream<Path> s = Files.list(jsa.getParent())) {
            return s.filter(p -> p.getFileName().toString().endsWith(".tmp")).toList();
        }
    }

    @Test
    void theFirstRunWritesTheArchiveAndLaterCommandsMapIt() throws Exception {
        Result first = runTiny("-Xmx512m");
        assertThat(first.code()).as(first.out()).isZero();
        assertThat(first.out()).contains("finished").doesNotContain("[cds").doesNotContain("warning");
        assertThat(jsa).exists();
        assertThat(leftovers()).isEmpty();

        Path classes = root.resolve("classes.log");
        Result second = runTiny("-Xmx512m -Xlog:class+load=info:file=" + classes);
        assertThat(second.code()).as(second.out()).isZero();
        assertThat(second.out()).doesNotContain("[cds");
        assertThat(Files.readString(classes)).contains("source: shared objects file (top)");

        // a failing command still exits with its own code and message
        Result bad = launch("-Xmx512m", "run", root.resolve("missing.yaml").toString());
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.out()).contains("missing.yaml");
    }

    @Test
    void aRebuiltJarGetsANewArchive() throws Exception {
        assertThat(runTiny("-Xmx512m").code()).isZero();
        // the build rewrites the jar, so the jar is newer than the archive: date the archive back
        // instead of touching the shared build output
        FileTime made = FileTime.fromMillis(Files.getLastModifiedTime(jar).toMillis() - 60_000);
        Files.setLastModifiedTime(jsa, made);
        Result again = runTiny("-Xmx512m");
        assertThat(again.code()).as(again.out()).isZero();
        assertThat(Files.getLastModifiedTime(jsa)).isGreaterThan(made);
        assertThat(leftovers()).isEmpty();
    }

    @Test
    void aDirectoryItCannotWriteMeansNoArchiveAndAnOrdinaryRun() throws Exception {
        Path target = jsa.getParent();
        assumeThat(target.toFile().setWritable(false, false)).isTrue();
        try {
            assumeThat(Files.isWritable(target)).as("not root (root writes anywhere)").isFalse();
            Result r = runTiny("-Xmx512m");
            assertThat(r.code()).as(r.out()).isZero();
            assertThat(r.out()).contains("finished").doesNotContain("Unable");
            assertThat(jsa).doesNotExist();
        } finally {
            target.toFile().setWritable(true, false);
        }
    }
}
