package org.recloop.scenarios.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.recloop.scenarios.TestScenarios;

/**
 * Absurd sizes are refused before anything is written: exit 2, a message naming the field, its
 * limit or the memory it needs, and no run folder. Without the limits these overflowed, threw
 * NegativeArraySizeException or ran out of memory after the run folder was made.
 */
class SizeLimitsIT {

    @TempDir
    Path dir;

    private final StringWriter err = new StringWriter();

    private int run(String yaml, String... extra) throws Exception {
        Path f = dir.resolve("big.yaml");
        Files.writeString(f, yaml);
        String[] args = new String[4 + extra.length];
        args[0] = "run";
        args[1] = f.toString();
        args[2] = "--out";
        args[3] = dir.resolve("runs").toString();
        System.arraycopy(extra, 0, args, 4, extra.length);
        return RecLoopCli.commandLine(new PrintWriter(new StringWriter(), true), new PrintWriter(err, true))
                .execute(args);
    }

    private static String small(String recommender) {
        return TestScenarios.small("big", 100, 50, 3, recommender, 2);
    }

    private void refused(String yaml, String expected, String... extra) throws Exception {
        assertThat(run(yaml, extra)).as(err.toString()).isEqualTo(2);
        assertThat(err.toString()).contains(expected);
        assertThat(Files.exists(dir.resolve("runs"))).as("no run folder").isFalse();
    }

    @Test
    void twoBillionUsersAreRefusedAtLoad() throws Exception {
        refused(small("random").replace("users: 100", "users: 2000000000"),
                "world.population.users: must be at most 100,000,000 (RecLoop's limit), was 2,000,000,000");
    }

    @Test
    void aHundredMillionDimensionsAreRefusedAtLoad() throws Exception {
        refused(small("random").replace("dimensions: 8", "dimensions: 100000000"),
                "world.catalog.dimensions: must be at most 4,096 (RecLoop's limit), was 100,000,000");
    }

    @Test
    void aSlateOfAMillionIsRefusedAndOneLargerThanTheCatalogIsExplained() throws Exception {
        refused(small("random").replace("slateSize: 10", "slateSize: 1000000"),
                "slateSize: must be at most 1,000 (RecLoop's limit), was 1,000,000");
        refused(small("random").replace("slateSize: 10", "slateSize: 60"),
                "slateSize: must be at most the catalog's 50 items, was 60");
    }

    @Test
    void aHugeQueueCapacityIsRefusedAtLoad() throws Exception {
        refused(small("random") + "log: {queueCapacity: 2000000000}\n",
                "log.queueCapacity: must be at most 65,536 (RecLoop's limit), was 2,000,000,000");
    }

    @Test
    void hugeFactorsAreRefusedAtLoadAndSoAreFactorsInANestedRecommender() throws Exception {
        refused(small("{type: als, factors: 1000000000}"),
                "recommender.factors: must be at most 4,096 (RecLoop's limit), was 1,000,000,000");
        refused(small("{type: mmr, base: {type: bpr, factors: 100000}}"),
                "recommender.base.factors: must be at most 4,096");
    }

    @Test
    void tooManyThreadsAreRefused() throws Exception {
        refused(small("random"), "--threads must be between 1 and 256, was 100000", "--threads", "100000");
        refused(small("random") + "threads: 100000\n", "threads: must be at most 256 (RecLoop's limit), was 100,000");
    }

    @Test
    void aScenarioLargerThanTheHeapIsRefusedWithWhatItNeeds() throws Exception {
        // within every limit, but 50M users with ALS factors need tens of GiB
        String yaml = TestScenarios.small("big", 50_000_000, 1_000_000, 3, "{type: als, factors: 64}", 2);
        refused(yaml, "the scenario needs about ");
        assertThat(err.toString()).contains("of memory (world ").contains(", the heap is ")
                .contains("; set RECLOOP_JAVA_OPTS=-Xmx").doesNotContain("OutOfMemory");
    }

    @Test
    void aSlateLargerThanACatalogReadFromAFileIsRefusedOnceLoaded() throws Exception {
        StringBuilder csv = new StringBuilder("userId,movieId,rating,timestamp\n");
        for (int u = 1; u <= 12; u++) {
            for (int i = 1; i <= 5; i++) {
                csv.append(u).append(',').append(100 + i).append(',').append(1 + (u * i) % 5).append(",1\n");
            }
        }
        Files.writeString(dir.resolve("r.csv"), csv.toString());
        String yaml = """
                name: file
                ticks: 2
                slateSize: 8
                world:
                  catalog: {type: ratings, path: r.csv, dimensions: 2}
                  population: {type: ratings, path: r.csv, dimensions: 2}
                users: mnl
                recommender: random
                """;
        refused(yaml, "slateSize: must be at most the catalog's 5 items, was 8");
    }
}
