package org.recloop.scenarios.runner;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.recloop.core.log.RunStatus;
import org.recloop.scenarios.TestScenarios;
import org.recloop.scenarios.schema.ScenarioLoader;

/**
 * The ideal recommender gets the ground truth wherever it sits: as both arms of an A/B split,
 * under a re-ranker that keeps the base's order (MMR with lambda 1), and under such a re-ranker
 * inside an A/B arm, a run shows exactly the slates of the ideal recommender at the top level on
 * the same seed (the top true-score unconsumed items). Before capabilities, a nested ideal was never
 * bound to the world and the run failed.
 */
class IdealAtEveryDepthIT {

    @TempDir
    Path out;

    private List<String> slates(String name, String recommender) throws Exception {
        String yaml = TestScenarios.small(name, 300, 200, 4, recommender, 1);
        RunResult r = new ScenarioRunner().run(new ScenarioLoader().parse(yaml, name + ".yaml"),
                new ScenarioRunner.Options(null, 2, out), List.of());
        assertThat(r.status()).as(name).isEqualTo(RunStatus.FINISHED);
        List<String> rows = new ArrayList<>();
        try (Connection c = TestScenarios.open(r.runDir()); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT tick, user_id, position, item_id FROM exposures"
                        + " ORDER BY tick, user_id, position")) {
            while (rs.next()) {
                rows.add(rs.getInt(1) + "," + rs.getInt(2) + "," + rs.getInt(3) + "," + rs.getInt(4));
            }
        }
        return rows;
    }

    @Test
    void idealServesTheSameSlatesAsAnArmUnderAReRankerAndBoth() throws Exception {
        List<String> top = slates("ideal-top", "ideal");
        assertThat(top).hasSizeGreaterThan(1000);
        assertThat(slates("ideal-arms", "{type: ab-split, arms: [{name: a, share: 1, recommender: ideal},"
                + " {name: b, share: 1, recommender: ideal}]}")).isEqualTo(top);
        assertThat(slates("ideal-mmr", "{type: mmr, lambda: 1.0, base: ideal}")).isEqualTo(top);
        assertThat(slates("ideal-arm-mmr", "{type: ab-split, arms: [{name: a, share: 1, recommender:"
                + " {type: mmr, lambda: 1.0, base: ideal}}, {name: b, share: 1, recommender: ideal}]}")).isEqualTo(top);
    }
}
