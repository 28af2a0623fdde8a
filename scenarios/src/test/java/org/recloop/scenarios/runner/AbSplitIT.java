package org.recloop.scenarios.runner;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.recloop.core.rng.RandomStreams;
import org.recloop.core.serve.ExperimentArms;
import org.recloop.scenarios.TestScenarios;
import org.recloop.scenarios.schema.ResolvedScenario;
import org.recloop.scenarios.schema.ScenarioLoader;

/** An A/B split of one population inside one run: every user stays in its arm; per-arm metrics. */
class AbSplitIT {

    @TempDir
    Path out;

    @Test
    void usersAreServedByTheirArmAndMetricsArePerArm() throws Exception {
        String yaml = TestScenarios.small("ab", 2000, 300, 8,
                "{type: ab-split, arms: [{name: control, share: 3, recommender: most-popular},"
                        + " {name: treatment, share: 1, recommender: random}]}", 2);
        ResolvedScenario rs = new ScenarioLoader().parse(yaml, "ab.yaml");
        assertThat(rs.metrics()).extracting(c -> c.type()).contains("ab-arms");
        RunResult r = new ScenarioRunner().run(rs, new ScenarioRunner.Options(null, 2, out), List.of());
        ExperimentArms arms = new ExperimentArms(List.of("control", "treatment"), new double[] {3, 1});
        RandomStreams streams = new RandomStreams(r.seed());
        try (Connection c = TestScenarios.open(r.runDir());
                ResultSet rs2 = c.createStatement().executeQuery(
                        "SELECT user_id, MIN(propensity), MAX(propensity) FROM exposures GROUP BY user_id")) {
            int users = 0;
            int treated = 0;
            while (rs2.next()) {
                int arm = arms.armOf(streams, rs2.getInt(1));
                users++;
                // most-popular shows with propensity 1, random with k / candidates < 1: a user's
                // exposures all come from its own arm's recommender
                if (arm == 0) {
                    assertThat(rs2.getFloat(2)).isEqualTo(1f);
                } else {
                    treated++;
                    assertThat(rs2.getFloat(3)).isLessThan(1f);
                }
            }
            // share 1/4 treated: 4 binomial standard errors of sqrt(.25 * .75 / n)
            double sd = Math.sqrt(0.25 * 0.75 / users);
            assertThat((double) treated / users).isBetween(0.25 - 4 * sd, 0.25 + 4 * sd);
        }
        double sessions = r.lastMetrics().get("sessions@control") + r.lastMetrics().get("sessions@treatment");
        assertThat(r.lastMetrics()).containsKeys("ctr@control", "ctr@treatment", "utility_per_session@treatment");
        assertThat(sessions).isPositive();
    }
}
