package org.recloop.scenarios.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.recloop.scenarios.schema.ScenarioLoader;
import picocli.CommandLine;

/** {@code recloop calibrate --fit} on a small file: the report, the scenario, and bad input. */
class CalibrateFitIT {

    @TempDir
    Path dir;

    private record Result(int code, String out, String err) {}

    private static Result calibrate(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = new CommandLine(new CalibrateCommand());
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return new Result(cl.execute(args), out.toString(), err.toString());
    }

    /** 90 users in 3 groups rating 10 to 29 items each, mostly of their group's 40. */
    private Path ratings() throws Exception {
        StringBuilder sb = new StringBuilder("userId,movieId,rating,timestamp\n");
        for (int u = 0; u < 90; u++) {
            int n = 10 + (u * 7) % 20;
            for (int j = 0; j < n; j++) {
                int item = j % 5 == 4 ? (u * 13 + j * 7) % 120 : (u % 3) * 40 + (j * 3 + u) % 40;
                sb.append(u + 1).append(',').append(item + 1).append(',').append(j % 5 == 4 ? 2 : 5).append(',')
                        .append(j).append('\n');
            }
        }
        Path f = dir.resolve("their.csv");
        Files.writeString(f, sb.toString());
        return f;
    }

    @Test
    void fitsAndWritesARunnableScenario() throws Exception {
        Path data = ratings();
        Path out = dir.resolve("fitted.yaml");
        Result r = calibrate("--data", data.toString(), "--fit", "--out", out.toString(), "--ticks", "60",
                "--evaluations", "12", "--dimensions", "4");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("activity_ks").contains("popularity_ks").contains("density")
                .contains("beta").contains("fitted").contains("ordering  real").contains("wrote     " + out);
        new ScenarioLoader().load(out); // a valid scenario, its data path resolved from its folder
        assertThat(Files.readString(out)).contains("path: 'their.csv'").contains("ticks: 60");
    }

    @Test
    void badInputNamesTheOptionOrFile() throws Exception {
        Path data = ratings();
        Path out = dir.resolve("x.yaml");
        Result bad = calibrate("--data", data.toString(), "--fit", "beta,temperature", "--out", out.toString());
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.err()).contains("--fit: unknown parameter 'temperature'").contains("noClickUtility");

        Result missing = calibrate("--data", dir.resolve("nope.csv").toString(), "--fit", "--out", out.toString());
        assertThat(missing.code()).isEqualTo(2);
        assertThat(missing.err()).contains("nope.csv: no such file");

        Path broken = dir.resolve("broken.csv");
        Files.writeString(broken, "userId,movieId,rating,timestamp\n1,2,five,3\n");
        Result csv = calibrate("--data", broken.toString(), "--fit", "--out", out.toString());
        assertThat(csv.code()).isEqualTo(2);
        assertThat(csv.err()).contains("invalid data file").contains("broken.csv");

        Result fix = calibrate("--data", data.toString(), "--fit", "beta", "--fix", "beta=3", "--out", out.toString());
        assertThat(fix.code()).isEqualTo(2);
        assertThat(fix.err()).contains("--fix beta: it is also in --fit");

        Result noOut = calibrate("--data", data.toString(), "--fit");
        assertThat(noOut.code()).isEqualTo(2);
        assertThat(noOut.err()).contains("--fit needs --out");
        assertThat(out).doesNotExist();
    }
}
