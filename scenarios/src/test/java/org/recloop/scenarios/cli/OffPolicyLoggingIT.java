package org.recloop.scenarios.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Off-policy logging end to end: a run served by a stochastic policy, exported with its exposures,
 * lets an inverse-propensity estimate recover the click-through rate of another policy, checked
 * against the truth the other policy's own run records.
 */
class OffPolicyLoggingIT {

    @TempDir
    Path dir;

    /**
     * One tick, so every run sees the same contexts: the same world at start, the same active users
     * (arrivals are drawn from their own stream), and the ideal recommender's ranking of true
     * scores, which needs no training. A multi-tick loop would not do for the comparison: clicks
     * change what each user may be shown next, so two policies would meet different contexts.
     */
    private static String scenario(String name, String serving, int users, int ticks, String recommender) {
        return "name: " + name + "\nseed: 11\nticks: " + ticks + "\nslateSize: 4\n"
                + "world:\n  catalog: {type: synthetic, items: 80, dimensions: 8, topics: 5}\n"
                + "  population: {type: synthetic, users: " + users + ", meanActivity: 1.5, activitySpread: 0.3}\n"
                + "users: {type: mnl, beta: 5.0, noClickUtility: 1.0, driftRate: 0.0}\n"
                + "recommender: " + recommender + "\nmetrics: [ctr]\n"
                + "feed:\n  serving: " + serving + "\n";
    }

    /** Runs the scenario and exports its exposures (MovieLens CSV); returns the exposures file. */
    private Path runAndExport(String name, String yamlText, String... runArgs) throws Exception {
        Path yaml = dir.resolve(name + ".yaml");
        Files.writeString(yaml, yamlText);
        Path runs = dir.resolve("runs-" + name);
        List<String> args = new ArrayList<>(List.of("run", yaml.toString(), "--out", runs.toString(), "--no-progress"));
        args.addAll(List.of(runArgs));
        ExportCommandIT.Result r = ExportCommandIT.cli(args.toArray(String[]::new));
        assertThat(r.code()).as(r.out() + r.err()).isZero();
        Path run;
        try (Stream<Path> s = Files.list(runs)) {
            run = s.filter(Files::isDirectory).findFirst().orElseThrow();
        }
        Path out = dir.resolve("data-" + name);
        r = ExportCommandIT.cli("export", run.toString(), "--format", "movielens", "--exposures", "--out",
                out.toString());
        assertThat(r.code()).as(r.out() + r.err()).isZero();
        return out.resolve("exposures.csv");
    }

    /** One exported slate: items in position order, their propensities, clicks and click probabilities. */
    private record Slate(List<Integer> items, List<Double> propensities, int clicks, double truth) {}

    /** The slates of an exposures file by user (one tick: one slate per active user). */
    private static Map<Integer, Slate> slates(Path csv) throws Exception {
        List<String> lines = Files.readAllLines(csv);
        List<String> header = Arrays.asList(lines.get(0).split(","));
        int user = header.indexOf("user");
        int item = header.indexOf("item");
        int prop = header.indexOf("propensity");
        int clicked = header.indexOf("clicked");
        int truth = header.indexOf("click_probability");
        Map<Integer, Slate> m = new TreeMap<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",", -1);
            int u = Integer.parseInt(f[user]);
            Slate s = m.computeIfAbsent(u, k -> new Slate(new ArrayList<>(), new ArrayList<>(), 0, 0));
            s.items().add(Integer.parseInt(f[item]));
            s.propensities().add(Double.parseDouble(f[prop]));
            assertThat(f[truth]).as("the mnl user model's click probability is recorded").isNotEmpty();
            m.put(u, new Slate(s.items(), s.propensities(), s.clicks() + Integer.parseInt(f[clicked]),
                    s.truth() + Double.parseDouble(f[truth])));
        }
        return m;
    }

    /**
     * The logging policy is epsilon-greedy (0.3) over the ideal recommender's top 40; the target is
     * the deterministic top 4 of the same scores. The self-normalised IPS estimate of the target's
     * clicks per slate, sum(w r) / sum(w) with w = 1[logged slate = target slate] / (product of the
     * slate's recorded conditional propensities), must fall within four standard errors (delta
     * method, from the same data) of the truth: the mean over the contexts of the target slate's
     * summed true click probabilities, which the target's own run records. The standard error is
     * asserted small enough, and the logging policy's own rate far enough from the truth, that the
     * check has teeth.
     */
    @Test
    void ipsOnTheExportedLogRecoversTheTargetPolicysClickRate() throws Exception {
        Map<Integer, Slate> logged = slates(runAndExport("logging",
                scenario("logging", "{policy: epsilon, epsilon: 0.3, candidates: 40}", 20000, 1, "ideal")));
        Map<Integer, Slate> target = slates(runAndExport("target",
                scenario("target", "{policy: top-k}", 20000, 1, "ideal")));
        assertThat(logged.keySet()).as("same contexts").isEqualTo(target.keySet());
        double truth = 0;
        double sumW = 0;
        double sumWr = 0;
        double loggedRate = 0;
        for (Map.Entry<Integer, Slate> e : logged.entrySet()) {
            Slate l = e.getValue();
            Slate t = target.get(e.getKey());
            assertThat(t.propensities()).as("a deterministic policy's propensities").containsOnly(1.0);
            truth += t.truth();
            loggedRate += l.clicks();
            if (l.items().equals(t.items())) {
                double p = 1;
                for (double q : l.propensities()) {
                    p *= q;
                }
                sumW += 1 / p;
                sumWr += l.clicks() / p;
            }
        }
        int n = logged.size();
        truth /= n;
        loggedRate /= n;
        double snips = sumWr / sumW;
        double var = 0;
        for (Map.Entry<Integer, Slate> e : logged.entrySet()) {
            Slate l = e.getValue();
            if (l.items().equals(target.get(e.getKey()).items())) {
                double p = l.propensities().stream().reduce(1.0, (a, b) -> a * b);
                var += Math.pow((l.clicks() - snips) / p, 2);
            }
        }
        double se = Math.sqrt(var) / sumW;
        org.slf4j.LoggerFactory.getLogger(OffPolicyLoggingIT.class).info(
                "{} slates: SNIPS {} (se {}), truth {}, logging policy {}", n, snips, se, truth, loggedRate);
        assertThat(se).as("standard error").isLessThan(0.03);
        assertThat(Math.abs(snips - truth)).as("SNIPS %s vs truth %s (se %s)", snips, truth, se)
                .isLessThanOrEqualTo(4 * se);
        assertThat(Math.abs(loggedRate - truth)).as("the logging policy's own rate %s", loggedRate)
                .isGreaterThan(4 * se);
    }

    /** The drawn slates and their propensities are the same with one worker thread or four. */
    @Test
    void stochasticSlatesDoNotDependOnTheThreadCount() throws Exception {
        String yaml = scenario("threads", "{policy: plackett-luce, temperature: 0.5, candidates: 12}", 400, 6,
                "most-popular");
        Path one = runAndExport("one", yaml.replace("name: threads", "name: one"), "--threads", "1");
        Path four = runAndExport("four", yaml.replace("name: threads", "name: four"), "--threads", "4");
        List<String> a = Files.readAllLines(one);
        assertThat(a.size()).isGreaterThan(1000);
        assertThat(a.stream().skip(1).map(l -> l.split(",")[6]).distinct().count())
                .as("propensities vary").isGreaterThan(10);
        assertThat(Files.readAllLines(four)).isEqualTo(a);
    }
}
