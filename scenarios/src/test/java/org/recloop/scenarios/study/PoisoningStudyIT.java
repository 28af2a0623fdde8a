package org.recloop.scenarios.study;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.recloop.scenarios.cli.RecLoopCli;

/**
 * The poisoning study of the shipped scenario, through the real {@code sweep} and {@code report}
 * commands: attack on or off × the {@code detect} defence off or on, 5 seeds each (common random
 * numbers), read from paired.csv. Every arm keeps the ordinary newcomers who join at the attack's
 * tick (listed first, so they get the same ids and draws in every arm): the arms differ only in
 * the attack and the defence, and the defence cannot find the attackers by account age. The
 * grid's fourth arm (defence without attack) is the price of a grid; it is also the defence's cost
 * to real users when nobody attacks.
 *
 * <p>Smaller than the shipped scenario to keep CI time down: 1000 users instead of 2000, 50 fake
 * accounts and 50 newcomers instead of 100 each, so the attackers are still 5% of the accounts and
 * their target clicks (50 accounts × 3 actions × half not camouflage = 75 a tick, 25 per target)
 * still outnumber the clicks any real item gets (about 600 sessions a tick, one click each,
 * spread over 500 items; in the shipped 2000-user scenario the busiest real item gets about 20 a
 * tick, so about half that here), which, with ALS given no factor to spare for the fakes (as many
 * factors as topics, see the scenario's header), is what makes ALS serve the targets; the
 * detection features are percentiles among the accounts, so they do not depend on the population
 * size. The recommender and newcomers below are the shipped scenario's. Metrics are read as the
 * mean over ticks >= 15: the fit after tick 14 is the first that learns from the fake clicks (ALS
 * refits every 5 ticks).
 */
class PoisoningStudyIT {

    private static final String ALS = "{type: als, factors: 10, iterations: 6, regularization: 0.1, alpha: 1,"
            + " coldUsers: random}";
    private static final String DETECT = "{type: detect, threshold: 0.8, base: " + ALS + "}";
    private static final String NEWCOMERS = "{type: add-users, at: 10, count: 50, tasteSpread: 0.3, meanActivity: 1.0,"
            + " activitySpread: 0.5, model: {type: mnl, beta: 10.0, noClickUtility: 0.6, driftRate: 0.05}}";
    private static final String ATTACK = "{type: attack, at: 10, accounts: 50, strategy: average, goal: push,"
            + " targets: [101, 202, 303], actionsPerTick: 3, camouflage: 0.5}";
    private static final String CLEAN = "[" + NEWCOMERS + "]";
    private static final String ATTACKED = "[" + NEWCOMERS + ", " + ATTACK + "]";
    private static final String HIT = "target_hit_ratio@10";
    private static final String SHIFT = "target_score_percentile";

    @TempDir
    Path dir;

    private static int cli(StringWriter err, String... args) {
        return RecLoopCli.commandLine(new PrintWriter(new StringWriter(), true), new PrintWriter(err, true))
                .execute(args);
    }

    /** The sweep's label of the arm with these interventions and this recommender. */
    private static String arm(String interventions, String recommender) {
        return "world.population.users=1000, interventions=" + interventions + ", recommender=" + recommender;
    }

    /** One CSV line's fields; quoted fields may hold commas and doubled quotes. */
    private static List<String> fields(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    cur.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    cur.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                out.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        out.add(cur.toString());
        return out;
    }

    /**
     * The paired.csv row of {@code arm} against {@code baseline} for {@code metric} over ticks >= 15:
     * arm, baseline, metric, over, n, mean_diff, ci_low, ci_high, excludes_zero, unpaired_seeds.
     */
    private static List<String> row(Path paired, String arm, String baseline, String metric) throws Exception {
        List<String> lines = Files.readAllLines(paired);
        assertThat(lines.get(0)).startsWith("arm,baseline,metric,over,n,mean_diff,ci_low,ci_high,excludes_zero,unpaired_seeds");
        for (String line : lines.subList(1, lines.size())) {
            List<String> f = fields(line);
            if (f.get(0).equals(arm) && f.get(1).equals(baseline) && f.get(2).equals(metric)
                    && f.get(3).equals("mean_from_15")) {
                System.out.println(metric + ", " + f.subList(3, f.size()) + ": " + arm);
                return f;
            }
        }
        throw new AssertionError("no row for " + arm + " / " + metric + " in\n" + String.join("\n", lines));
    }

    /** Asserts a row pairs all 5 seeds and its difference has {@code sign} with an interval excluding zero. */
    private static void assertDifference(List<String> row, int sign) {
        assertThat(row.get(4)).as("paired seeds").isEqualTo("5");
        assertThat(Math.signum(Double.parseDouble(row.get(5)))).as("sign of mean_diff").isEqualTo((double) sign);
        assertThat(row.get(8)).as("interval excludes zero").isEqualTo("true");
        assertThat(row.get(9)).as("unpaired seeds").isEmpty();
    }

    @Test
    @Timeout(900) // bounds a hang only
    void theAttackRaisesTheTargetsHitRatioAndTheDefenceLowersItOverFiveSeeds() throws Exception {
        Path sweep = dir.resolve("sweep");
        StringWriter err = new StringWriter();
        long t0 = System.nanoTime();
        int code = cli(err, "sweep", "poisoning.yaml", "--param", "world.population.users=1000",
                "--param", "interventions=" + CLEAN + "," + ATTACKED,
                "--param", "recommender=" + ALS + "," + DETECT,
                "--seeds", "5", "--from-tick", "15", "--out", sweep.toString(), "--parallel", "2");
        System.out.printf("poisoning study: sweep of 20 runs took %.1f s%n", (System.nanoTime() - t0) / 1e9);
        assertThat(code).as(err.toString()).isZero();

        // baseline: the first arm, newcomers only and no defence
        String none = arm(CLEAN, ALS);
        String attacked = arm(ATTACKED, ALS);
        assertDifference(row(sweep.resolve("paired.csv"), attacked, none, HIT), +1);
        // Prediction shift (the targets' mean score percentile among real users' unconsumed items,
        // attack minus none). In the world where ALS has as many factors as topics the targets
        // share the topics' factors with the items real users click, so the fake clicks lift them
        // for real users at large, not only for those whose factors lie near the fakes': after the
        // first fit on fake clicks the percentile is 0.8-0.97 against about 0.43 without the
        // attack (shipped scenario, seed 7), and this study measures +0.38 (0.31 to 0.44). With spare factors (the
        // former world: 16 factors, alpha 10) ALS tied the targets to the fake accounts, they sank
        // for most real users and the mean shift was near zero (+0.010, -0.033 to 0.054), so the
        // sign was not asserted; it is now, as a positive shift is what a push in this world does.
        List<String> shift = row(sweep.resolve("paired.csv"), attacked, none, SHIFT);
        assertDifference(shift, +1);
        assertThat(shift.get(4)).isEqualTo("5");
        assertThat(shift.get(5)).as("a number, not NaN: ALS ranks by scores").isNotEmpty();

        // the defence against the attack without it: the report over the sweep's runs, another baseline
        Path report = dir.resolve("report");
        code = cli(err, "report", sweep.resolve("runs").toString(), "--out", report.toString(), "--baseline",
                attacked, "--from-tick", "15");
        assertThat(code).as(err.toString()).isZero();
        String defended = arm(ATTACKED, DETECT);
        assertDifference(row(report.resolve("paired.csv"), defended, attacked, HIT), -1);
        row(report.resolve("paired.csv"), defended, attacked, SHIFT); // printed for the record

        // the hit ratio curves: one line per arm in the chart's data, and the chart itself
        assertThat(report.resolve("target_hit_ratio_10.png")).isNotEmptyFile();
        // rows arm,tick,n,...: at the last tick, one row per arm with its 5 runs
        assertThat(Files.readAllLines(report.resolve("target_hit_ratio_10.csv"))).filteredOn(l -> l.contains(",29,5,"))
                .hasSize(4);
        assertThat(Files.readString(report.resolve("index.html"))).contains("Paired differences against");

        assertThat(cli(err, "report", sweep.resolve("runs").toString(), "--out", dir.resolve("r2").toString(),
                "--baseline", "no such arm")).isEqualTo(2);
        assertThat(err.toString()).contains("--baseline 'no such arm' is not an arm");
    }
}
