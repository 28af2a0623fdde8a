package org.recloop.scenarios.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.commons.rng.UniformRandomProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.recloop.core.rng.RandomStreams;
import org.recloop.scenarios.TestScenarios;

/** The neural recommenders through the real command line: evaluate, and bad parameters on run. */
class NeuralCliIT {

    @TempDir
    Path dir;

    private record Result(int code, String out, String err) {}

    private static Result recloop(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = RecLoopCli.commandLine(new PrintWriter(out, true), new PrintWriter(err, true)).execute(args);
        return new Result(code, out.toString(), err.toString());
    }

    /**
     * A small MovieLens CSV with order in it: 200 users each watch 8 consecutive items of one of
     * 10 chains of 12 items (chain c holds c, c+10, c+20, ...), one per second, from a random
     * start. Small enough that both models fit in seconds.
     */
    private Path chainRatings() throws Exception {
        StringBuilder sb = new StringBuilder("userId,movieId,rating,timestamp\n");
        RandomStreams streams = new RandomStreams(3);
        for (int u = 0; u < 200; u++) {
            UniformRandomProvider rng = streams.stream(RandomStreams.purpose("test.neural.chains"), u, 0);
            int chain = rng.nextInt(10);
            int start = rng.nextInt(12 - 8 + 1);
            for (int q = 0; q < 8; q++) {
                sb.append(u + 1).append(',').append(1 + (start + q) * 10 + chain).append(",5,")
                        .append(1_000_000L + u * 100L + q).append('\n');
            }
        }
        Path f = dir.resolve("chains.csv");
        Files.writeString(f, sb.toString());
        return f;
    }

    @Test
    void evaluateRanksWithLightGcnAndSasRec() throws Exception {
        Path csv = dir.resolve("results.csv");
        Result r = recloop("evaluate", "--data", chainRatings().toString(), "--algorithms", "lightgcn,sasrec,most-popular",
                "--split", "loo", "--k", "10", "--out", csv.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("evaluated lightgcn").contains("evaluated sasrec").contains("ndcg@10");
        List<String> lines = Files.readAllLines(csv);
        for (String alg : List.of("lightgcn", "sasrec")) {
            String row = lines.stream().filter(l -> l.startsWith(alg + ",ndcg,10,")).findFirst().orElseThrow(
                    () -> new AssertionError("no ndcg@10 row for " + alg + " in\n" + String.join("\n", lines)));
            double ndcg = Double.parseDouble(row.split(",", -1)[3]); // algorithm,metric,k,value,phase
            assertThat(ndcg).as(alg).isBetween(0.0, 1.0);
        }
    }

    /**
     * TIGER through {@code evaluate} (no titles in a ratings file: semantic IDs from the clicks).
     * On chains MostPopular is near random (every item of a chain is about equally popular), so
     * a model that reads the order of the last clicks must be far above it.
     */
    @Test
    void evaluateRanksWithTiger() throws Exception {
        Path csv = dir.resolve("results.csv");
        Result r = recloop("evaluate", "--data", chainRatings().toString(), "--algorithms",
                "tiger:maxLength=12,blocks=1,dimensions=32,epochs=40,rqEpochs=50,codebook=8,beam=20,patience=4,most-popular",
                "--split", "loo", "--k", "10", "--out", csv.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("evaluated tiger");
        List<String> lines = Files.readAllLines(csv);
        double tiger = ndcg(lines, "tiger");
        double pop = ndcg(lines, "most-popular");
        assertThat(tiger).as("tiger vs most-popular " + pop).isGreaterThan(pop + 0.2);
    }

    /** The ndcg@10 value of the algorithm whose label starts with {@code alg} (a label may hold commas). */
    private static double ndcg(List<String> lines, String alg) {
        for (String l : lines) {
            String[] f = l.split(",", -1); // algorithm,metric,k,value,phase
            if (l.replace("\"", "").startsWith(alg) && f.length >= 5 && f[f.length - 4].equals("ndcg")
                    && f[f.length - 3].equals("10")) {
                return Double.parseDouble(f[f.length - 2]);
            }
        }
        throw new AssertionError("no ndcg@10 row for " + alg + " in\n" + String.join("\n", lines));
    }

    @Test
    void aNegativeDimensionIsOneLineNamingTheFieldAndExit2() throws Exception {
        Path scenario = dir.resolve("neural.yaml");
        Files.writeString(scenario, TestScenarios.small("neural", 100, 50, 3, "{type: lightgcn, dimensions: -1}", 2));
        Result r = recloop("run", scenario.toString(), "--out", dir.resolve("runs").toString(), "--no-progress");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err().strip().lines()).hasSize(1).first().asString()
                .contains("neural.yaml").contains("recommender.dimensions").contains("must be > 0, was -1");
        assertThat(dir.resolve("runs")).doesNotExist();
    }

    /**
     * {@code device: gpu} on a machine without a GPU: one line on the console, in a child JVM
     * with the CLI's own logging configuration (the test class path also holds sim-core's
     * logback-test.xml, which would win otherwise). DJL's CUDA probe used to add two warnings.
     */
    @Test
    void gpuWithoutAGpuIsOneLineAndExit2() throws Exception {
        Path scenario = dir.resolve("gpu.yaml");
        Files.writeString(scenario, TestScenarios.small("gpu", 100, 50, 3, "{type: sasrec, device: gpu}", 2));
        Path log = dir.resolve("child.log");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-Xmx1g", "-Dlogback.configurationFile=logback.xml", "-cp",
                System.getProperty("java.class.path"), RecLoopCli.class.getName(), "run", scenario.toString(),
                "--out", dir.resolve("runs").toString(), "--no-progress")
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        assertThat(child.waitFor(120, TimeUnit.SECONDS)).as("child exits").isTrue();
        String out = Files.readString(log);
        org.junit.jupiter.api.Assumptions.assumeFalse(child.exitValue() == 0, "this machine has a GPU");
        assertThat(child.exitValue()).as(out).isEqualTo(2);
        assertThat(out.strip().lines()).as(out).hasSize(1).first().asString()
                .contains("gpu.yaml").contains("recommender.device").contains("no GPU");
        assertThat(dir.resolve("runs")).doesNotExist();
    }
}
