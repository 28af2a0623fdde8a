package org.recloop.scenarios.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The export streams: a child JVM whose heap is far smaller than the log exports every
 * exposure and interaction of it. Holding the rows (or even the CSV text) in memory would not fit.
 */
class ExportStreamingIT {

    /**
     * The child's heap. H2's page cache (16 MB by default) and the JVM's own needs set the floor:
     * below about 20 MB the export fails however it reads, so 24 MB is the smallest heap that
     * tests streaming rather than H2's fixed costs.
     */
    private static final int HEAP_MB = 24;

    @TempDir
    Path dir;

    @Test
    void exportsALogLargerThanItsHeap() throws Exception {
        Path yaml = dir.resolve("big.yaml");
        // 2000 users x 36 ticks x 0.78 sessions x 20 items: about 1.1 million exposures, 1.7 times the
        // heap as the smallest arrays and over twice it as text, in about a third of the time the
        // same rows took as 8-item slates (the run's cost is per slate, the log's per exposure)
        Files.writeString(yaml, ExportCommandIT.scenario("big", 2000, 300, 36, false)
                .replace("slateSize: 8", "slateSize: 20"));
        ExportCommandIT.Result r = ExportCommandIT.cli("run", yaml.toString(), "--out", dir.resolve("runs").toString(),
                "--no-progress");
        assertThat(r.code()).as(r.err()).isZero();
        Path run;
        try (Stream<Path> s = Files.list(dir.resolve("runs"))) {
            run = s.filter(Files::isDirectory).findFirst().orElseThrow();
        }
        Path out = dir.resolve("data");
        Path log = dir.resolve("child.log");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(List.of(java, "-Xmx" + HEAP_MB + "m", "-cp", System.getProperty("java.class.path"),
                RecLoopCli.class.getName(), "export", run.toString(), "--format", "recbole", "--exposures",
                "--events", "click,consume", "--split", "random", "--out", out.toString()))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        assertThat(p.waitFor(300, TimeUnit.SECONDS)).as("child exits").isTrue();
        assertThat(p.exitValue()).as(Files.readString(log)).isZero();
        long exposures = Files.lines(out.resolve("data.exposures")).count() - 1;
        long exported = Files.size(out.resolve("data.exposures")) + Files.size(out.resolve("data.inter"));
        // the exposures alone, as the smallest Java arrays (8 columns of 4-8 bytes), would not fit in
        // the heap, nor would the text written. (The database file itself is smaller: it stores a
        // slate as one compressed row, so its size is not the measure of what a reader must hold.)
        assertThat(exposures * 36).isGreaterThan(3L * HEAP_MB * 1024 * 1024 / 2);
        assertThat(exported).isGreaterThan(2L * HEAP_MB * 1024 * 1024);
    }
}
