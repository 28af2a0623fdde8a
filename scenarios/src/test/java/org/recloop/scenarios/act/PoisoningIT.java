package org.recloop.scenarios.act;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.recloop.core.log.RunStatus;
import org.recloop.scenarios.TestScenarios;
import org.recloop.scenarios.runner.RunResult;
import org.recloop.scenarios.runner.ScenarioRunner;
import org.recloop.scenarios.schema.ScenarioLoader;

/**
 * The shipped poisoning scenario: fake accounts that push three items through clicks get them into
 * real users' slates, compared with the same scenario and seed without the attack (the ordinary
 * newcomers who join with the attackers stay, so the two runs differ only in the attack).
 */
class PoisoningIT {

    @TempDir
    Path out;

    private RunResult run(boolean attack) throws Exception {
        ObjectMapper yaml = ScenarioLoader.newMapper();
        ObjectNode root = (ObjectNode) yaml.readTree(Files.readString(Path.of("poisoning.yaml")));
        if (!attack) {
            ArrayNode kept = yaml.createArrayNode();
            root.withArray("interventions").forEach(iv -> {
                if (!iv.path("type").asText().equals("attack")) {
                    kept.add(iv);
                }
            });
            root.set("interventions", kept);
        }
        RunResult r = new ScenarioRunner().run(new ScenarioLoader().parse(yaml.writeValueAsString(root), "poisoning.yaml"),
                new ScenarioRunner.Options(null, 2, out), List.of());
        assertThat(r.status()).isEqualTo(RunStatus.FINISHED);
        return r;
    }

    /** Mean of a metric over ticks {@code from}..end. */
    private static double mean(RunResult r, String metric, int from) throws Exception {
        try (Connection c = TestScenarios.open(r.runDir())) {
            return Double.parseDouble(TestScenarios.string(c, "SELECT CAST(AVG(val) AS VARCHAR) FROM metrics WHERE name = '"
                    + metric + "' AND tick >= " + from));
        }
    }

    @Test
    void pushedItemsReachRealUsersSlates() throws Exception {
        RunResult attacked = run(true);
        RunResult clean = run(false);
        // ALS refits every 5 ticks: the fit after tick 14 is the first that learns from the fake
        // clicks of ticks 11..14, so ticks 15..29 show what the attack did
        double hitAttacked = mean(attacked, "target_hit_ratio@10", 15);
        double hitClean = mean(clean, "target_hit_ratio@10", 15);
        double reachAttacked = mean(attacked, "target_consumption", 29);
        double reachClean = mean(clean, "target_consumption", 29);
        System.out.printf("hit ratio %.4f vs %.4f, reach %.4f vs %.4f%n", hitAttacked, hitClean, reachAttacked, reachClean);
        // Without the attack 3 of 500 items appear in a 10-item slate at roughly 3 * 10 / 500 = 6%
        // of sessions at most (less, as ALS favours items real users clicked). 100 accounts clicking
        // the targets ~150 times a tick make them among the most-clicked items, so the attack must
        // at least double the share of real users' slates that show one, and raise their reach.
        assertThat(hitAttacked).isGreaterThan(2 * hitClean).isGreaterThan(0.1);
        assertThat(reachAttacked).isGreaterThan(reachClean);
        try (Connection c = TestScenarios.open(attacked.runDir())) {
            // the newcomers come first (ids [2000, 2100) with or without the attack), then the
            // attack start, a row of the interventions table naming the accounts and targets
            assertThat(TestScenarios.string(c,
                    "SELECT tick || ' ' || type FROM interventions WHERE type = 'add-users'")).isEqualTo("10 add-users");
            assertThat(TestScenarios.string(c,
                    "SELECT tick || ' ' || type || ': ' || description FROM interventions WHERE type = 'attack'"))
                    .startsWith("10 attack: open 100 fake accounts as fake users [2100, 2200)")
                    .contains("items [101, 202, 303]");
            // the fake accounts are in the users table like anyone else: nothing there marks them
            assertThat(TestScenarios.count(c, "SELECT COUNT(*) FROM users")).isEqualTo(2200);
        }
        try (Connection c = TestScenarios.open(clean.runDir())) {
            // the run without the attack keeps the newcomers
            assertThat(TestScenarios.count(c, "SELECT COUNT(*) FROM users")).isEqualTo(2100);
        }
    }
}
