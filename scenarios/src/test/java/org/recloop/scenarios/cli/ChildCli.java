package org.recloop.scenarios.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** A {@code recloop} command in a child JVM (the CLI's main class), as a person would start it. */
final class ChildCli {

    final Process process;
    private final Path log;

    private ChildCli(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /** Starts {@code recloop <args>}, its output (stdout and stderr) going to {@code log}. */
    static ChildCli start(Path log, String... args) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>(List.of(java, "-Xmx1g", "-cp", System.getProperty("java.class.path"),
                RecLoopCli.class.getName()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.redirectErrorStream(true);
        pb.redirectOutput(log.toFile());
        return new ChildCli(pb.start(), log);
    }

    String log() throws Exception {
        return Files.exists(log) ? Files.readString(log) : "";
    }

    /** Waits (bounded) until {@code ready} holds, failing if the child ends first. */
    void await(String what, Predicate<ChildCli> ready) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            if (ready.test(this)) {
                return;
            }
            assertThat(process.isAlive()).as("child still running while waiting for %s; log:\n%s", what, log()).isTrue();
            Thread.sleep(100);
        }
        throw new AssertionError("timed out waiting for " + what + "; log:\n" + log());
    }

    /** Waits until a run folder under {@code runs} shows at least {@code ticks} finished ticks. */
    void awaitTicks(Path runs, int ticks) throws Exception {
        await(ticks + " ticks in " + runs, c -> {
            try (var dirs = Files.list(runs)) {
                for (Path d : dirs.filter(Files::isDirectory).toList()) {
                    Path csv = d.resolve("metrics.csv");
                    if (Files.exists(csv) && Files.readAllLines(csv).size() > ticks) {
                        return true;
                    }
                }
                return false;
            } catch (java.io.IOException e) {
                return false;
            }
        });
    }

    /** Sends SIGINT, as Ctrl-C does ({@link Process#destroy()} sends SIGTERM). */
    void sigint() throws Exception {
        Process kill = new ProcessBuilder("kill", "-INT", Long.toString(process.pid())).inheritIO().start();
        assertThat(kill.waitFor()).isZero();
    }

    /** Waits for the exit (bounded) and returns its code. */
    int exitCode() throws Exception {
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("child exits; log:\n%s", log()).isTrue();
        return process.exitValue();
    }
}
