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
import org.recloop.analysis.sensitivity.SensitivityTable;
import org.recloop.core.rng.RandomStreams;
import picocli.CommandLine;

class SensitivityCommandIT {

    @TempDir
    Path dir;

    private record Result(int code, String out, String err) {}

    private static Result sensitivity(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = new CommandLine(new RecLoopCli());
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        String[] all = new String[args.length + 1];
        all[0] = "sensitivity";
        System.arraycopy(args, 0, all, 1, args.length);
        int code = cl.execute(all);
        return new Result(code, out.toString(), err.toString());
    }

    /** 50 users (ids from 1) rating 6 of 40 movies (ids from 101), skewed to low ids, rising timestamps. */
    private Path ratings() throws Exception {
        RandomStreams streams = new RandomStreams(11);
        StringBuilder sb = new StringBuilder("userId,movieId,rating,timestamp\n");
        long ts = 1_000_000;
        for (int u = 0; u < 50; u++) {
            UniformRandomProvider r = streams.stream(RandomStreams.purpose("test.sensitivity.cli"), u, 0);
            java.util.Set<Integer> seen = new java.util.HashSet<>();
            while (seen.size() < 6) {
                int m = (int) (40 * Math.pow(r.nextDouble(), 2));
                if (seen.add(m)) {
                    sb.append(u + 1).append(',').append(101 + m).append(',').append(1 + r.nextInt(5)).append(',')
                            .append(ts++).append('\n');
                }
            }
        }
        Path f = dir.resolve("ratings.csv");
        Files.writeString(f, sb.toString());
        return f;
    }

    @Test
    void writesOneRowPerPerturbationAndASummary() throws Exception {
        Path data = ratings();
        Path out = dir.resolve("out/sens.csv");
        Result r = sensitivity("--data", data.toString(), "--algorithm", "most-popular", "--k", "5",
                "--perturbations", "6", "--seed", "3", "--out", out.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("50 users, 40 items, 300 interactions")
                .contains("50 users compared over 6 perturbations (k = 5)")
                .contains("jaccard@k").contains("rbo@k").contains("changed_share")
                .contains("results   " + out.toAbsolutePath());
        List<String> lines = Files.readAllLines(out);
        assertThat(lines).hasSize(1 + 6 + 3);
        assertThat(lines.get(0)).isEqualTo(SensitivityTable.HEADER);
        for (int i = 1; i <= 6; i++) {
            assertThat(lines.get(i)).matches((i - 1) + ",(add|remove),\\d+,\\d+,[01]\\.\\d{6},[01]\\.\\d{6},[01]\\.\\d{6}");
        }
        assertThat(lines.get(7)).startsWith("mean,,,,");
        assertThat(lines.get(8)).startsWith("ci95_low,,,,");
        assertThat(lines.get(9)).startsWith("ci95_high,,,,");

        // same seed, same output
        Path again = dir.resolve("again.csv");
        assertThat(sensitivity("--data", data.toString(), "--algorithm", "most-popular", "--k", "5",
                "--perturbations", "6", "--seed", "3", "--out", again.toString()).code()).isZero();
        assertThat(Files.readString(again)).isEqualTo(Files.readString(out));
    }

    @Test
    void sampledUsersAndAlgorithmParameters() throws Exception {
        Path out = dir.resolve("knn.csv");
        Result r = sensitivity("--data", ratings().toString(), "--algorithm", "item-knn", "--users", "20",
                "--perturbations", "3", "--out", out.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("20 users compared over 3 perturbations (k = 10)");
        assertThat(Files.readAllLines(out)).hasSize(1 + 3 + 3);
    }

    @Test
    void badArgumentsExitTwoWithAClearMessage() throws Exception {
        String data = ratings().toString();
        String out = dir.resolve("x.csv").toString();
        Result k = sensitivity("--data", data, "--algorithm", "most-popular", "--k", "0", "--out", out);
        assertThat(k.code()).isEqualTo(2);
        assertThat(k.err()).contains("recloop sensitivity: --k must be > 0, was 0");
        Result p = sensitivity("--data", data, "--algorithm", "most-popular", "--perturbations", "-1", "--out", out);
        assertThat(p.code()).isEqualTo(2);
        assertThat(p.err()).contains("--perturbations must be >= 0, was -1");
        Result u = sensitivity("--data", data, "--algorithm", "most-popular", "--users", "0", "--out", out);
        assertThat(u.code()).isEqualTo(2);
        assertThat(u.err()).contains("--users must be > 0, was 0");
        Result alg = sensitivity("--data", data, "--algorithm", "nope", "--out", out);
        assertThat(alg.code()).isEqualTo(2);
        assertThat(alg.err()).contains("unknown recommender type 'nope'").contains("most-popular");
        Result param = sensitivity("--data", data, "--algorithm", "most-popular:bogus=1", "--out", out);
        assertThat(param.code()).isEqualTo(2);
        assertThat(param.err()).contains("recloop sensitivity:").contains("bogus");
        Result malformed = sensitivity("--data", data, "--algorithm", "item-knn:neighbours", "--out", out);
        assertThat(malformed.code()).isEqualTo(2);
        assertThat(malformed.err()).contains("parameter 'neighbours' of 'item-knn:neighbours' is not key=value");
        Path missing = dir.resolve("missing.csv");
        Result m = sensitivity("--data", missing.toString(), "--algorithm", "most-popular", "--out", out);
        assertThat(m.code()).isEqualTo(2);
        assertThat(m.err()).contains(missing.toString());
        Result none = sensitivity("--algorithm", "most-popular", "--out", out);
        assertThat(none.code()).isEqualTo(2);
        assertThat(none.err()).contains("--data");
        assertThat(Files.exists(dir.resolve("x.csv"))).isFalse();
    }
}
