package org.recloop.scenarios.runner;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * A run of {@code recloop run} in a child JVM that the test SIGKILLs ({@link
 * Process#destroyForcibly}) once it is past a seeded random tick: no shutdown hook runs, nothing
 * is flushed, as after {@code kill -9} or the kernel's out-of-memory killer.
 */
final class KilledRun {

    private KilledRun() {}

    /**
     * The tick to kill after, drawn from {@code seed} in {@code [from, to)} and printed, so a
     * failure can be rerun with the same tick ({@code -Drecloop.killSeed=SEED}).
     */
    static int killTick(String test, long defaultSeed, int from, int to) {
        long seed = Long.getLong("recloop.killSeed", defaultSeed);
        int tick = from + new SplittableRandom(seed).nextInt(to - from);
        System.out.printf("%s: killing the run once tick %d is logged (kill seed %d)%n", test, tick, seed);
        return tick;
    }

    /**
     * Starts {@code scenario} in a child JVM writing under {@code runs}, waits until its
     * metrics.csv shows tick {@code tick} (written as the tick is handed to the log writer, so
     * the kill lands while ticks are being committed), kills it, and returns its run folder.
     */
    static Path killAfter(Path scenario, Path runs, int tick, Path childLog) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-Xmx1g", "-cp", System.getProperty("java.class.path"),
                "org.recloop.scenarios.cli.RecLoopCli", "run", scenario.toString(), "--out", runs.toString(),
                "--no-progress", "--threads", "1");
        pb.redirectErrorStream(true);
        pb.redirectOutput(childLog.toFile());
        Process p = pb.start();
        try {
            Path dir = awaitTick(p, runs, tick, childLog);
            p.destroyForcibly(); // SIGKILL on Linux
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
            System.out.printf("killed %s after tick %d; child's output:%n%s%n", dir.getFileName(), tick,
                    Files.readString(childLog));
            return dir;
        } finally {
            p.destroyForcibly();
        }
    }

    /** Waits (a generous bound: the machine may be loaded) until a metrics.csv shows tick {@code tick}. */
    private static Path awaitTick(Process p, Path runs, int tick, Path childLog) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(300);
        while (System.nanoTime() < deadline) {
            assertThat(p.isAlive()).as("the child is still running (it must be killed mid-run); its output:\n%s",
                    Files.readString(childLog)).isTrue();
            if (Files.isDirectory(runs)) {
                try (var dirs = Files.list(runs)) {
                    for (Path d : dirs.filter(Files::isDirectory).toList()) {
                        Path csv = d.resolve("metrics.csv");
                        if (Files.exists(csv) && lastTick(csv) >= tick) {
                            return d;
                        }
                    }
                }
            }
            Thread.sleep(10);
        }
        throw new AssertionError("no progress to tick " + tick + "; child's output:\n" + Files.readString(childLog));
    }

    /** The highest tick metrics.csv holds a row of (-1: none yet). */
    private static int lastTick(Path csv) throws Exception {
        int last = -1;
        for (String line : Files.readAllLines(csv)) {
            int comma = line.indexOf(',');
            String first = comma < 0 ? line : line.substring(0, comma);
            if (!first.isEmpty() && first.chars().allMatch(Character::isDigit)) {
                last = Math.max(last, Integer.parseInt(first));
            }
        }
        return last;
    }
}
