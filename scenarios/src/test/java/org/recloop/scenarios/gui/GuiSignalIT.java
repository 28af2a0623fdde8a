package org.recloop.scenarios.gui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.awt.GraphicsEnvironment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.recloop.scenarios.TestScenarios;

/**
 * Ctrl-C while the Console is paused: nothing steps the run to the end of a tick, yet the run
 * must be recorded 'interrupted' as a headless one is (a child JVM gets a real SIGINT).
 */
class GuiSignalIT {

    @TempDir
    Path out;

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES) // bounds a hang only
    void ctrlCWhilePausedRecordsTheRunInterrupted() throws Exception {
        assumeFalse(GraphicsEnvironment.isHeadless(), "no display: run under xvfb-run (as .ci/run does)");
        Path log = out.resolve("child.log");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(List.of(java, "-Xmx512m", "-cp", System.getProperty("java.class.path"),
                GuiSignalChild.class.getName(), out.resolve("runs").toString()))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
            while (!(Files.exists(log) && Files.readString(log).contains("PAUSED"))) {
                assertThat(child.isAlive()).as("child alive; log:\n%s", Files.readString(log)).isTrue();
                assertThat(System.nanoTime()).as("paused in time").isLessThan(deadline);
                Thread.sleep(100);
            }
            Process kill = new ProcessBuilder("kill", "-INT", Long.toString(child.pid())).inheritIO().start();
            assertThat(kill.waitFor()).isZero();
            assertThat(child.waitFor(120, TimeUnit.SECONDS)).as("child exits; log:\n%s", Files.readString(log)).isTrue();
        } finally {
            child.destroyForcibly();
        }
        Path runDir;
        try (var dirs = Files.list(out.resolve("runs"))) {
            runDir = dirs.filter(Files::isDirectory).findFirst().orElseThrow();
        }
        try (Connection c = TestScenarios.open(runDir)) {
            assertThat(TestScenarios.string(c, "SELECT status FROM runs")).as("log:\n%s", Files.readString(log))
                    .isEqualTo("interrupted");
            assertThat(TestScenarios.count(c, "SELECT last_committed_tick FROM runs")).isEqualTo(1);
        }
    }
}
