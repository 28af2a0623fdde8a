package org.recloop.scenarios.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.recloop.analysis.offline.Evaluator;
import org.recloop.analysis.offline.OfflineData;
import org.recloop.analysis.offline.Split;
import org.recloop.scenarios.registry.Kind;
import org.recloop.scenarios.registry.StandardComponents;
import org.recloop.scenarios.schema.ScenarioLoader;
import picocli.CommandLine;

/** evaluate's algorithm specs, grid search and sampled metrics, through the real command line. */
class EvaluateSpecsIT {

    @TempDir
    Path dir;

    private record Result(int code, String out, String err) {}

    private static Result evaluate(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        String[] full = new String[args.length + 1];
        full[0] = "evaluate";
        System.arraycopy(args, 0, full, 1, args.length);
        int code = RecLoopCli.commandLine(new PrintWriter(out, true), new PrintWriter(err, true)).execute(full);
        return new Result(code, out.toString(), err.toString());
    }

    /**
     * 120 users in 4 taste groups, 40 items in 4 blocks of 10: user u clicks 8 items of block u % 4
     * (items picked by a fixed stride, so no random source is needed), one per timestamp.
     */
    private Path ratings() throws Exception {
        StringBuilder sb = new StringBuilder("userId,movieId,rating,timestamp\n");
        for (int u = 0; u < 120; u++) {
            int block = u % 4;
            for (int j = 0; j < 8; j++) {
                int item = block * 10 + (u / 4 + 3 * j) % 10;
                sb.append(u + 1).append(',').append(item + 1).append(",5,").append(1000 + u * 10 + j).append('\n');
            }
        }
        Path f = dir.resolve("ratings.csv");
        Files.writeString(f, sb.toString());
        return f;
    }

    /** CSV lines without the header, split into fields (labels with commas are quoted). */
    private static List<String[]> rows(Path csv) throws Exception {
        List<String> lines = Files.readAllLines(csv);
        assertThat(lines.get(0)).isEqualTo("algorithm,metric,k,value,phase");
        List<String[]> rows = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            String label;
            String rest;
            if (line.startsWith("\"")) {
                int end = line.indexOf('"', 1);
                label = line.substring(1, end);
                rest = line.substring(end + 2);
            } else {
                label = line.substring(0, line.indexOf(','));
                rest = line.substring(label.length() + 1);
            }
            String[] f = rest.split(",", -1);
            assertThat(f).as(line).hasSize(4);
            rows.add(new String[] {label, f[0], f[1], f[2], f[3]});
        }
        return rows;
    }

    private static Set<String> labels(List<String[]> rows, String phase) {
        Set<String> s = new LinkedHashSet<>();
        rows.stream().filter(r -> r[4].equals(phase)).forEach(r -> s.add(r[0]));
        return s;
    }

    @Test
    void acceptsNamesParamsScenarioSpecsAndSpecFilesWithLabels() throws Exception {
        Path specs = dir.resolve("specs.yaml");
        Files.writeString(specs, "- {type: als, factors: 4, iterations: 3}\n- type: item-knn\n");
        Path csv = dir.resolve("results.csv");
        Result r = evaluate("--data", ratings().toString(), "--split", "loo", "--k", "5", "--out", csv.toString(),
                "--algorithms", "most-popular,bpr:factors=4,epochs=2", "--algorithms", "{type: bpr, factors: 8, epochs: 3}",
                "--algorithms", "{type: bpr, factors: 32, epochs: 1},@" + specs);
        assertThat(r.code()).as(r.err()).isZero();
        // factors: 32 is BPR's default, so the label leaves it out
        assertThat(labels(rows(csv), "test")).containsExactly("most-popular", "bpr:factors=4,epochs=2",
                "bpr:factors=8,epochs=3", "bpr:epochs=1", "als:factors=4,iterations=3", "item-knn");
        assertThat(labels(rows(csv), "validation")).isEmpty();
    }

    @Test
    void aBadSpecIsOneLineNamingTheFieldWithExitTwo() throws Exception {
        Path csv = dir.resolve("results.csv");
        Result r = evaluate("--data", ratings().toString(), "--split", "loo", "--k", "5", "--out", csv.toString(),
                "--algorithms", "most-popular,{type: bpr, factors: 0}");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err().strip()).startsWith("recloop evaluate: --algorithms[1].factors: must be").doesNotContain("\n");
        assertThat(csv).doesNotExist();

        Path specs = dir.resolve("bad.yaml");
        Files.writeString(specs, "- als\n- {type: ease, lambda: -1}\n");
        r = evaluate("--data", ratings().toString(), "--split", "loo", "--k", "5", "--out", csv.toString(),
                "--algorithms", "@" + specs);
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains(specs + "[1].lambda: must be");

        r = evaluate("--data", ratings().toString(), "--split", "loo", "--k", "5", "--out", csv.toString(),
                "--algorithms", "bpr", "--grid", "bpr.factors=8,0");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("factors: must be");
        r = evaluate("--data", ratings().toString(), "--split", "loo", "--k", "5", "--out", csv.toString(),
                "--algorithms", "bpr", "--grid", "als.factors=8");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("--grid: 'als' is not the type of any of --algorithms");
    }

    @Test
    void gridScoresEverySettingOnAValidationSplitOfTheTrainingDataAndTestsTheChosenOne() throws Exception {
        Path data = ratings();
        Path csv = dir.resolve("results.csv");
        Result r = evaluate("--data", data.toString(), "--split", "loo", "--k", "5,10", "--seed", "3", "--out",
                csv.toString(), "--algorithms", "most-popular,bpr", "--grid", "bpr.factors=2,8 bpr.epochs=1,10");
        assertThat(r.code()).as(r.err()).isZero();
        List<String[]> rows = rows(csv);
        List<String> grid = List.of("bpr:factors=2,epochs=1", "bpr:factors=2,epochs=10", "bpr:factors=8,epochs=1",
                "bpr:factors=8,epochs=10");
        assertThat(labels(rows, "validation")).containsExactlyElementsOf(grid);

        // the validation rows are those of the same settings on leave-last-out of the training part only
        var mapper = ScenarioLoader.newMapper();
        var registry = StandardComponents.registry(mapper);
        OfflineData d = OfflineInput.load(data, false, null, new PrintWriter(new StringWriter()),
                new PrintWriter(new StringWriter()));
        Split.Result validation = Split.leaveOneOut(Split.leaveOneOut(d.interactions()).train());
        Evaluator ev = new Evaluator(Evaluator.Options.of(List.of(5, 10), 3));
        String best = null;
        double bestNdcg = -1;
        for (String label : grid) {
            var c = registry.<org.recloop.core.serve.Recommender>resolve(Kind.RECOMMENDER,
                    AlgorithmSpec.parse(mapper, label), "x");
            double ndcg = GridSearch.ndcg(ev.evaluate(validation, d.catalog(), new Evaluator.Algorithm(label,
                    c.factory())), 5);
            String csvValue = rows.stream().filter(x -> x[0].equals(label) && x[1].equals("ndcg") && x[2].equals("5")
                    && x[4].equals("validation")).findFirst().orElseThrow()[3];
            assertThat(Double.parseDouble(csvValue)).as(label).isCloseTo(ndcg, org.assertj.core.api.Assertions.within(1e-6));
            if (ndcg > bestNdcg) {
                best = label;
                bestNdcg = ndcg;
            }
        }
        assertThat(labels(rows, "test")).containsExactly("most-popular", best);
        assertThat(r.out()).contains("chosen " + best).contains("chosen    " + best + ": test ndcg@5");
    }

    @Test
    void sampledMetricsAreAddedOnRequestOnly() throws Exception {
        Path csv = dir.resolve("results.csv");
        Result r = evaluate("--data", ratings().toString(), "--split", "loo", "--k", "5", "--out", csv.toString(),
                "--algorithms", "most-popular", "--sampled", "20");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(rows(csv)).extracting(x -> x[1]).contains("ndcg", "sampled_ndcg", "sampled_hit_rate", "sampled_mrr");
        r = evaluate("--data", ratings().toString(), "--split", "loo", "--k", "5", "--out", csv.toString(),
                "--algorithms", "most-popular", "--sampled", "0");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("--sampled must be > 0");
        assertThat(new CommandLine(new EvaluateCommand()).getUsageMessage()).contains("Krichene & Rendle");
    }
}
