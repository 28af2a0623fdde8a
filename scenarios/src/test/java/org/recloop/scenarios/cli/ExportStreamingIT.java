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

    private static final int HEAP_MB = 32;

    @TempDir
    Path dir;

    @Test
    void exportsALogLargerThanItsHeap() throws Exception {
        Path yaml = dir.resolve("big.yaml");
        Files.writeString(yaml, ExportCommandIT.scenario("big", 4000, 300, 55, false));
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
        // the exposures alone, as the smallest Java arrays (8 columns of 4-8 bytes), would not fit in the heap
        assertThat(exposures * 36).isGreaterThan(HEAP_MB * 1024 * 1024);
        assertThat(exported).isGreaterThan(2L * HEAP_MB * 1024 * 1024);
        assertThat(Files.size(run.resolve("recloop.mv.db"))).isGreaterThan(HEAP_MB * 1024L * 1024);
    }
}
