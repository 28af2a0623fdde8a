package org.recloop.scenarios.act;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.recloop.core.log.RunStatus;
import org.recloop.scenarios.TestScenarios;
import org.recloop.scenarios.runner.RunResult;
import org.recloop.scenarios.runner.ScenarioRunner;
import org.recloop.scenarios.schema.ResolvedScenario;
import org.recloop.scenarios.schema.ScenarioException;
import org.recloop.scenarios.schema.ScenarioLoader;

/**
 * The forget intervention's {@code method} through real runs: finetune with ALS and sharded with
 * a sharded recommender process requests mid-run (the model changes at the request, before the
 * next scheduled fit); a forgotten user is never served again; bad methods are refused at load.
 */
class UnlearningMethodsIT {

    private static final int AT = 4;

    @TempDir
    Path out;

    private static String scenario(String recommender, String forgets) {
        return """
                name: unlearning-methods
                seed: 5
                ticks: 8
                slateSize: 10
                world:
                  catalog: {type: synthetic, items: 120, dimensions: 8, topics: 6}
                  population: {type: synthetic, users: 300, meanActivity: 0.8}
                users: {type: mnl}
                recommender: %s
                learn: {retrainEvery: 3}
                interventions:
                %s
                """.formatted(recommender, forgets);
    }

    private RunResult run(String yaml, String name) throws Exception {
        ResolvedScenario rs = new ScenarioLoader().parse(yaml, name + ".yaml");
        RunResult r = new ScenarioRunner().run(rs, new ScenarioRunner.Options(null, 2, out.resolve(name)), List.of(),
                new ScenarioRunner.Observer() {});
        assertThat(r.status()).isEqualTo(RunStatus.FINISHED);
        return r;
    }

    @Test
    void finetuneAndShardedRequestsAreCarriedOutMidRun() throws Exception {
        String forgets = """
                  - {type: forget, at: %d, scope: users, ids: [7, 8, 9], method: %s}
                  - {type: forget, at: %d, scope: interactions, count: 20, method: %s}
                """;
        RunResult als = run(scenario("{type: als, factors: 8, iterations: 4}",
                forgets.formatted(AT, "finetune", AT + 1, "finetune")), "als");
        RunResult sharded = run(scenario("{type: sharded, shards: 3, of: {type: als, factors: 8, iterations: 4}}",
                forgets.formatted(AT, "sharded", AT + 1, "sharded")), "sharded");
        for (RunResult r : List.of(als, sharded)) {
            try (Connection c = TestScenarios.open(r.runDir())) {
                assertThat(TestScenarios.count(c, "SELECT COUNT(*) FROM forget_requests")).isEqualTo(2);
                // scheduled fits after ticks 2 and 5; the requests at 4 and 5 each change the model at once
                long before = TestScenarios.count(c, "SELECT MAX(model_version) FROM exposures WHERE tick = " + AT);
                long after = TestScenarios.count(c, "SELECT MIN(model_version) FROM exposures WHERE tick = " + (AT + 1));
                assertThat(after).isEqualTo(before + 1);
                // a forgotten user never gets a slate again
                assertThat(TestScenarios.count(c, "SELECT COUNT(*) FROM exposures WHERE tick > " + AT
                        + " AND user_id IN (7, 8, 9)")).isZero();
            }
        }
    }

    @Test
    void aMethodTheRecommenderCannotDoOrAnUnknownOneIsRefusedAtLoadWithTheFieldNamed() {
        assertThatThrownBy(() -> new ScenarioLoader().parse(scenario("{type: item-knn}",
                "  - {type: forget, at: 2, scope: users, ids: [1], method: finetune}"), "bad.yaml"))
                .isInstanceOf(ScenarioException.class)
                .hasMessageContaining("bad.yaml").hasMessageContaining("interventions[0].method")
                .hasMessageContaining("the recommender 'item-knn' cannot unlearn by method finetune");
        assertThatThrownBy(() -> new ScenarioLoader().parse(scenario("{type: als}",
                "  - {type: forget, at: 2, scope: users, ids: [1], method: sharded}"), "bad.yaml"))
                .isInstanceOf(ScenarioException.class).hasMessageContaining("interventions[0].method")
                .hasMessageContaining("cannot unlearn by method sharded");
        assertThatThrownBy(() -> new ScenarioLoader().parse(scenario("{type: als}",
                "  - {type: forget, at: 2, scope: users, ids: [1], method: fast}"), "bad.yaml"))
                .isInstanceOf(ScenarioException.class).hasMessageContaining("interventions[0].method")
                .hasMessageContaining("must be one of exact, sharded, finetune");
    }
}
