package org.recloop.scenarios.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.recloop.core.rng.RandomStreams;
import picocli.CommandLine;

class UnlearningCommandIT {

    @TempDir
    Path dir;

    private record Result(int code, String out, String err) {}

    private static Result unlearning(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = new CommandLine(new RecLoopCli());
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        String[] all = new String[args.length + 1];
        all[0] = "unlearning";
        System.arraycopy(args, 0, all, 1, args.length);
        return new Result(cl.execute(all), out.toString(), err.toString());
    }

    /** 120 users (ids from 1) clicking 10 of 60 movies (ids from 101) in three taste groups. */
    private Path ratings() throws Exception {
        RandomStreams streams = new RandomStreams(17);
        StringBuilder sb = new StringBuilder("userId,movieId,rating,timestamp\n");
        long ts = 1_000_000;
        for (int u = 0; u < 120; u++) {
            UniformRandomProvider r = streams.stream(RandomStreams.purpose("test.unlearning.cli"), u, 0);
            java.util.Set<Integer> seen = new java.util.HashSet<>();
            while (seen.size() < 10) {
                int m = (u % 3) * 20 + (int) (20 * Math.pow(r.nextDouble(), 1.5));
                if (seen.add(m)) {
                    sb.append(u + 1).append(',').append(101 + m).append(",4,").append(ts++).append('\n');
                }
            }
        }
        Path f = dir.resolve("ratings.csv");
        Files.writeString(f, sb.toString());
        return f;
    }

    @Test
    void writesTheFourMeasuresForEachMethod() throws Exception {
        Path data = ratings();
        String[][] runs = {{"als:factors=8,iterations=4", "finetune"}, {"sharded:{shards: 3, of: item-knn}", "sharded"},
                {"item-knn", "exact"}};
        for (String[] run : runs) {
            Path out = dir.resolve(run[1] + ".csv");
            Result r = unlearning("--data", data.toString(), "--algorithm", run[0], "--method", run[1], "--scope",
                    "users", "--forget", "10", "--k", "5", "--seed", "2", "--repeats", "2", "--out", out.toString());
            assertThat(r.code()).as(r.err()).isZero();
            assertThat(r.out()).contains("10 forgotten users").contains("forget_recall@5").contains("mia_advantage")
                    .contains("results   " + out.toAbsolutePath());
            List<String> lines = Files.readAllLines(out);
            assertThat(lines).hasSize(5);
            assertThat(lines.get(0)).isEqualTo("metric,original,unlearned,gold,unlearned_over_gold,k,method,scope,forget,"
                    + "seed,repeats");
            assertThat(lines.get(1)).startsWith("forget_recall@5,").endsWith(",5," + run[1] + ",users,10,2,2");
            assertThat(lines.get(4)).startsWith("seconds,,");
        }
    }

    @Test
    void refusesAnUnknownMethodAndOneTheAlgorithmCannotDo() throws Exception {
        Path data = ratings();
        Result unknown = unlearning("--data", data.toString(), "--algorithm", "als", "--method", "fast", "--out",
                dir.resolve("a.csv").toString());
        assertThat(unknown.code()).isEqualTo(2);
        assertThat(unknown.err()).contains("--method must be one of exact, sharded, finetune, was 'fast'");
        Result cannot = unlearning("--data", data.toString(), "--algorithm", "item-knn", "--method", "finetune",
                "--out", dir.resolve("b.csv").toString());
        assertThat(cannot.code()).isEqualTo(2);
        assertThat(cannot.err()).contains("--method: the recommender 'item-knn' cannot unlearn by method finetune");
        assertThat(dir.resolve("a.csv")).doesNotExist();
        assertThat(dir.resolve("b.csv")).doesNotExist();
    }
}
