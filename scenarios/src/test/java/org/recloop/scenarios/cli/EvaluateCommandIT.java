package org.recloop.scenarios.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.commons.rng.UniformRandomProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.recloop.core.rng.RandomStreams;
import org.recloop.scenarios.TestScenarios;
import org.recloop.scenarios.registry.Kind;
import org.recloop.scenarios.registry.StandardComponents;
import org.recloop.scenarios.schema.ScenarioLoader;
import picocli.CommandLine;

class EvaluateCommandIT {

    @TempDir
    Path dir;

    private record Result(int code, String out, String err) {}

    private static Result evaluate(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = new CommandLine(new EvaluateCommand());
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(args);
        return new Result(code, out.toString(), err.toString());
    }

    /**
     * A MovieLens CSV with clear structure: 300 users in 6 taste groups (user u in group u % 6),
     * 120 items in 6 blocks of 20 (item i in block i / 20). Each user rates 12 distinct items of
     * their own block 4 or 5 stars and 3 items of other blocks 1 or 2 stars. Raw ids are offset
     * (users from 1, items from 1001) and timestamps increase per user.
     */
    private Path structuredRatings() throws Exception {
        RandomStreams streams = new RandomStreams(2024);
        StringBuilder sb = new StringBuilder("userId,movieId,rating,timestamp\n");
        for (int u = 0; u < 300; u++) {
            UniformRandomProvider rng = streams.stream(RandomStreams.purpose("test.evaluate.data"), u, 0);
            int group = u % 6;
            int[] block = new int[20];
            for (int j = 0; j < 20; j++) {
                block[j] = group * 20 + j;
            }
            for (int j = 0; j < 12; j++) { // partial Fisher-Yates: 12 distinct items of the block
                int pick = j + rng.nextInt(20 - j);
                int t = block[j];
                block[j] = block[pick];
                block[pick] = t;
            }
            long ts = 1_000_000L + u * 100L;
            for (int j = 0; j < 12; j++) {
                sb.append(u + 1).append(',').append(1001 + block[j]).append(',').append(4 + rng.nextInt(2)).append(',')
                        .append(ts++).append('\n');
            }
            for (int j = 0; j < 3; j++) {
                int other = (group + 1 + j) % 6;
                int item = other * 20 + rng.nextInt(20);
                sb.append(u + 1).append(',').append(1001 + item).append(',').append(1 + rng.nextInt(2)).append(',')
                        .append(ts++).append('\n');
            }
        }
        Path f = dir.resolve("ratings.csv");
        Files.writeString(f, sb.toString());
        return f;
    }

    /** algorithm -> "metric@k" -> value, from the CSV. */
    private static Map<String, Map<String, Double>> read(Path csv) throws Exception {
        List<String> lines = Files.readAllLines(csv);
        assertThat(lines.get(0)).isEqualTo("algorithm,metric,k,value,phase");
        Map<String, Map<String, Double>> m = new HashMap<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",", -1);
            assertThat(f).as(line).hasSize(5);
            assertThat(f[4]).as(line).isEqualTo("test");
            assertThat(Integer.parseInt(f[2])).as(line).isPositive();
            m.computeIfAbsent(f[0], x -> new HashMap<>()).put(f[1] + "@" + f[2], Double.parseDouble(f[3]));
        }
        return m;
    }

    @Test
    void alsBeatsRandomOnAStructuredRatingsFile() throws Exception {
        Path data = structuredRatings();
        Path csv = dir.resolve("out/results.csv");
        Result r = evaluate("--data", data.toString(), "--algorithms", "random,most-popular,als", "--split", "random",
                "--k", "10,20", "--test-fraction", "0.2", "--seed", "5", "--min-rating", "4", "--out", csv.toString());
        assertThat(r.code()).as(r.err()).isZero();
        // 300 users x 12 liked = 3600 interactions kept of 4500; per user h = floor(0.2 * 12) = 2 held out
        assertThat(r.out()).contains("4500 ratings, 3600 with rating >= 4.0").contains("300 test users")
                .contains("600 test items").contains("ndcg@10").contains("als").contains("most-popular")
                .contains("results   " + csv.toAbsolutePath());

        List<String> lines = Files.readAllLines(csv);
        // 3 algorithms x 11 metrics (no ILD without item features) x 2 cutoffs
        assertThat(lines).hasSize(1 + 3 * 11 * 2);
        Map<String, Map<String, Double>> v = read(csv);
        assertThat(v.keySet()).containsExactlyInAnyOrder("random", "most-popular", "als");
        Set<String> metrics = v.get("als").keySet().stream().map(k -> k.substring(0, k.indexOf('@')))
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(metrics).containsExactlyInAnyOrder("precision", "recall", "ndcg", "map", "mrr", "hit_rate",
                "coverage", "arp", "aplt", "pop_reo", "novelty");
        assertThat(v.get("als")).containsKeys("ndcg@10", "ndcg@20");

        // random: about 2 relevant among ~108 candidates, ndcg@10 near 0.02; ALS finds the taste block
        // (2 relevant among its ~10 unseen items) and should be far above
        double als = v.get("als").get("ndcg@10");
        double random = v.get("random").get("ndcg@10");
        assertThat(als).as("als %s vs random %s", als, random).isGreaterThan(random + 0.2);
        assertThat(als).isGreaterThan(v.get("most-popular").get("ndcg@10"));
        assertThat(v.get("als").get("recall@20")).isGreaterThanOrEqualTo(v.get("als").get("recall@10"));
        assertThat(v.get("random").get("coverage@10")).as("random covers the catalog").isGreaterThan(0.9);
    }

    @Test
    void evaluatesTheClicksOfARunFolder() throws Exception {
        Path scenario = dir.resolve("tiny.yaml");
        Files.writeString(scenario, TestScenarios.small("tiny", 300, 80, 8, "most-popular", 2));
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        int code = RecLoopCli.commandLine(new PrintWriter(o, true), new PrintWriter(e, true))
                .execute("run", scenario.toString(), "--out", dir.resolve("runs").toString(), "--no-progress");
        assertThat(code).as(e.toString()).isZero();
        Path run;
        try (var runs = Files.list(dir.resolve("runs"))) {
            run = runs.findFirst().orElseThrow();
        }
        Path csv = dir.resolve("run-results.csv");
        Result r = evaluate("--data", run.toString(), "--algorithms", "random,most-popular", "--split", "loo", "--k",
                "5", "--out", csv.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("clicks of run " + run.getFileName()).contains("split     loo:");
        Map<String, Map<String, Double>> v = read(csv);
        // the run's items table has feature vectors: intra-list diversity is reported
        assertThat(v.get("random")).containsKeys("ndcg@5", "ild@5", "novelty@5");
        assertThat(v.get("random").get("ild@5")).isBetween(0.0, 2.0);
        assertThat(Files.readAllLines(csv)).hasSize(1 + 2 * 12);
    }

    @Test
    void unknownAlgorithmsFailWithTheRegistrysList() throws Exception {
        Path data = structuredRatings();
        Path csv = dir.resolve("results.csv");
        Result r = evaluate("--data", data.toString(), "--algorithms", "random,nope", "--split", "random", "--k", "10",
                "--out", csv.toString());
        assertThat(r.code()).isEqualTo(2);
        String available = String.join(", ",
                StandardComponents.registry(ScenarioLoader.newMapper()).names(Kind.RECOMMENDER));
        assertThat(r.err().trim()).isEqualTo("recloop evaluate: --algorithms[1].type: unknown recommender type 'nope';"
                + " available: " + available);
        assertThat(available).contains("als").contains("most-popular").contains("random");
        assertThat(Files.exists(csv)).isFalse();
    }

    @Test
    void aMalformedDataFileFailsWithItsLine() throws Exception {
        Path data = dir.resolve("bad.csv");
        Files.writeString(data, "userId,movieId,rating,timestamp\n1,10,4,100\n1,11,x,101\n");
        Path csv = dir.resolve("results.csv");
        Result r = evaluate("--data", data.toString(), "--algorithms", "random", "--split", "loo", "--k", "10", "--out",
                csv.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err().trim()).isEqualTo("invalid data file " + data + ":3: rating must be a number, found 'x'");
        assertThat(Files.exists(csv)).isFalse();

        Path missing = dir.resolve("missing.csv");
        Result m = evaluate("--data", missing.toString(), "--algorithms", "random", "--split", "loo", "--k", "10",
                "--out", csv.toString());
        assertThat(m.code()).isEqualTo(2);
        assertThat(m.err().trim()).isEqualTo("invalid data file " + missing + ": no such file");

        Result notRun = evaluate("--data", dir.resolve("..").resolve(dir.getFileName()).toString(), "--algorithms",
                "random", "--split", "loo", "--k", "10", "--out", csv.toString());
        assertThat(notRun.code()).isEqualTo(2);
        assertThat(notRun.err()).startsWith("invalid data file ").contains("not a run folder");
    }

    @Test
    void badArgumentsAreRejected() throws Exception {
        Path data = structuredRatings();
        String csv = dir.resolve("results.csv").toString();
        Result split = evaluate("--data", data.toString(), "--algorithms", "random", "--split", "kfold", "--k", "10",
                "--out", csv);
        assertThat(split.code()).isEqualTo(2);
        assertThat(split.err().trim()).isEqualTo("recloop evaluate: --split must be random, temporal or loo, was 'kfold'");

        Result k = evaluate("--data", data.toString(), "--algorithms", "random", "--split", "loo", "--k", "10,0",
                "--out", csv);
        assertThat(k.code()).isEqualTo(2);
        assertThat(k.err()).contains("--k values must be > 0, was 0");

        Result fraction = evaluate("--data", data.toString(), "--algorithms", "random", "--split", "random",
                "--test-fraction", "1.5", "--k", "10", "--out", csv);
        assertThat(fraction.code()).isEqualTo(2);
        assertThat(fraction.err()).contains("--test-fraction must be in (0, 1), was 1.5");

        Result twice = evaluate("--data", data.toString(), "--algorithms", "als,als", "--split", "loo", "--k", "10",
                "--out", csv);
        assertThat(twice.code()).isEqualTo(2);
        assertThat(twice.err()).contains("--algorithms lists 'als' twice");

        Result missing = evaluate("--data", data.toString(), "--algorithms", "random", "--split", "loo", "--k", "10");
        assertThat(missing.code()).isEqualTo(2);
        assertThat(missing.err()).contains("--out");

        Result notANumber = evaluate("--data", data.toString(), "--algorithms", "random", "--split", "loo", "--k",
                "ten", "--out", csv);
        assertThat(notANumber.code()).isEqualTo(2);
        assertThat(notANumber.err()).contains("--k");
        assertThat(Files.exists(Path.of(csv))).isFalse();
    }
}
