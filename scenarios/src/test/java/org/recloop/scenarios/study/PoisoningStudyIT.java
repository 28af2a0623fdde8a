package org.recloop.scenarios.study;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.recloop.scenarios.cli.RecLoopCli;

/**
 * The poisoning study of the shipped scenario, through the real {@code sweep} and {@code report}
 * commands: attack on or off × the {@code detect} defence off or on, 5 seeds each (common random
 * numbers), read from paired.csv. The grid's fourth arm (defence without attack) is the price of a
 * grid; it is also the defence's cost to real users when nobody attacks.
 *
 * <p>Smaller than the shipped scenario to keep CI time down: 1000 users instead of 2000 and 50
 * fake accounts instead of 100, so the attackers are still 5% of the accounts and their target
 * clicks (50 accounts × 3 actions × half not camouflage = 75 a tick) still outnumber the clicks any
 * real item gets (about 1000 × 0.3 sessions × a click rate under 0.5, spread over 500 items), which
 * is what makes ALS serve the targets; the detection features are percentiles among the accounts,
 * so they do not depend on the population size. Hit ratio is read as the mean over ticks >= 15:
 * the fit after tick 14 is the first that learns from the fake clicks (ALS refits every 5 ticks).
 */
class PoisoningStudyIT {

    private static final String ALS = "{type: als, factors: 16, iterations: 6, alpha: 10}";
    private static final String ATTACK = "[{type: attack, at: 10, accounts: 50, strategy: average, goal: push,"
            + " targets: [101, 202, 303], actionsPerTick: 3, camouflage: 0.5}]";
    private static final String HIT = "target_hit_ratio@10";

    @TempDir
    Path dir;

    private static int cli(StringWriter err, String... args) {
        return RecLoopCli.commandLine(new PrintWriter(new StringWriter(), true), new PrintWriter(err, true))
                .execute(args);
    }

    /** The paired.csv row of an arm and metric over ticks >= 15: mean_diff and excludes_zero. */
    private static String[] row(Path paired, String armStart, String metric) throws Exception {
        List<String> lines = Files.readAllLines(paired);
        assertThat(lines.get(0)).startsWith("arm,baseline,metric,over,n,mean_diff,ci_low,ci_high,excludes_zero,unpaired_seeds");
        for (String line : lines) {
            if (line.startsWith("\"" + armStart) && line.contains("," + metric + ",mean_from_15,")) {
                String tail = line.substring(line.indexOf("," + metric + ",mean_from_15,") + 1);
                return tail.split(",", -1); // metric, over, n, mean_diff, ci_low, ci_high, excludes_zero, unpaired
            }
        }
        throw new AssertionError("no row for " + armStart + " / " + metric + " in\n" + String.join("\n", lines));
    }

    @Test
    @Timeout(900) // bounds a hang only
    void theAttackRaisesTheTargetsHitRatioAndTheDefenceLowersItOverFiveSeeds() throws Exception {
        Path sweep = dir.resolve("sweep");
        StringWriter err = new StringWriter();
        long t0 = System.nanoTime();
        int code = cli(err, "sweep", "poisoning.yaml", "--param", "world.population.users=1000",
                "--param", "interventions=[]," + ATTACK,
                "--param", "recommender=" + ALS + ",{type: detect, threshold: 0.8, base: " + ALS + "}",
                "--seeds", "5", "--from-tick", "15", "--out", sweep.toString(), "--parallel", "2");
        System.out.printf("poisoning study: sweep of 20 runs took %.1f s%n", (System.nanoTime() - t0) / 1e9);
        assertThat(code).as(err.toString()).isZero();

        // baseline: the first arm, no attack and no defence
        String[] attack = row(sweep.resolve("paired.csv"), "world.population.users=1000, interventions=[{", HIT);
        String attackNoDefence = "world.population.users=1000, interventions=" + ATTACK + ", recommender=" + ALS;
        System.out.println("attack vs none: " + String.join(",", attack));
        assertThat(attack[2]).isEqualTo("5");
        assertThat(Double.parseDouble(attack[3])).isPositive();
        assertThat(attack[6]).isEqualTo("true");

        // the defence against the attack without it: the report over the sweep's runs, another baseline
        Path report = dir.resolve("report");
        code = cli(err, "report", sweep.resolve("runs").toString(), "--out", report.toString(), "--baseline",
                attackNoDefence, "--from-tick", "15");
        assertThat(code).as(err.toString()).isZero();
        String[] defended = row(report.resolve("paired.csv"), "world.population.users=1000, interventions=[{", HIT);
        System.out.println("attack with detect vs attack: " + String.join(",", defended));
        assertThat(defended[2]).isEqualTo("5");
        assertThat(Double.parseDouble(defended[3])).isNegative();
        assertThat(defended[6]).isEqualTo("true");

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
