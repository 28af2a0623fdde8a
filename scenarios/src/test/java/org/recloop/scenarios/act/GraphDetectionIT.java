package org.recloop.scenarios.act;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.recloop.core.log.RunStatus;
import org.recloop.scenarios.TestScenarios;
import org.recloop.scenarios.runner.RunResult;
import org.recloop.scenarios.runner.ScenarioRunner;
import org.recloop.scenarios.schema.ScenarioLoader;

/**
 * The {@code detect} defence on a small social platform (1,500 rule users on a
 * preferential-attachment follow graph, 30% social feed), judging with and without the follow
 * graph's features, same scenario and seed. 75 fake accounts and 75 ordinary newcomers join at
 * tick 5; detection runs at the fits of ticks 4, 9 and 14, and the metric at the last tick reports
 * the fit of tick 14, when the fakes have acted for 9 ticks.
 */
class GraphDetectionIT {

    @TempDir
    Path out;

    private static final String SCENARIO = """
            name: social-detection
            seed: 11
            ticks: 20
            slateSize: 10
            world:
              catalog: {type: synthetic, items: 300, dimensions: 8, topics: 10}
              population: {type: synthetic, users: 1500, meanActivity: 0.3}
              graph: {type: preferential-attachment, follows: 10}
            feed: {socialShare: 0.3, window: 5}
            users:
              type: rule
              choice: {model: mnl, beta: 5.0, noClickUtility: 0.4, positionDecay: 0.7}
              driftRate: 0.03
              social: {herdWeight: 0.5, window: 5}
              actions: {rate: 0.3, like: 0.4, share: 0.1, follow: 0.05, unfollow: 0.2, post: 0.02, search: 0.1}
            recommender:
              type: detect
              threshold: 0.8
              graphFeatures: %s
              base: {type: als, factors: 8, iterations: 4, alpha: 10}
            learn: {retrainEvery: 5}
            metrics: [detection]
            interventions:
              - {type: add-users, at: 5, count: 75, meanActivity: 0.3,
                 model: {type: mnl, beta: 5.0, noClickUtility: 0.4, driftRate: 0.03}}
              - {type: attack, at: 5, accounts: 75, strategy: %s, goal: push, targets: [11, 22, 33],
                 actionsPerTick: 3, camouflage: %s}
            """;

    /** Precision and recall of the last detection, and how many accounts it flagged. */
    private record Detection(double precision, double recall, double flagged) {}

    private Detection run(boolean graphFeatures, String strategy, double camouflage) throws Exception {
        String text = SCENARIO.formatted(graphFeatures, strategy, camouflage);
        RunResult r = new ScenarioRunner().run(new ScenarioLoader().parse(text, "social-detection.yaml"),
                new ScenarioRunner.Options(null, 2, out), List.of());
        assertThat(r.status()).isEqualTo(RunStatus.FINISHED);
        try (Connection c = TestScenarios.open(r.runDir())) {
            Detection d = new Detection(last(c, "detection_precision"), last(c, "detection_recall"), last(c, "flagged"));
            System.out.printf("%s camouflage %.1f graph features %s: %s%n", strategy, camouflage, graphFeatures, d);
            return d;
        }
    }

    private static double last(Connection c, String metric) throws Exception {
        String v = TestScenarios.string(c, "SELECT CAST(val AS VARCHAR) FROM metrics WHERE name = '" + metric
                + "' AND tick = 19");
        return v == null ? Double.NaN : Double.parseDouble(v);
    }

    /**
     * The {@code social} strategy spends its filler actions on follows of random real users, not
     * on clicks: a fake account's clicks are all on the three targets, so its median item is a
     * target the fakes themselves made popular, and the popularity-deviation feature ranks it among
     * the least suspicious; at camouflage 0.9 it also clicks so rarely (0.3 target actions a
     * tick) that it is neither bursty nor much of a re-clicker. Clicks alone leave the fakes under
     * the threshold. Its follows do not: by tick 14 a fake follows about 13 (camouflage 0.5) or
     * 24 (0.9) accounts, more than the 10 a real user follows, nobody follows it, and the accounts it
     * picked at random have few followers while real users followed well-followed early accounts
     * (preferential attachment). Both graph features put the fakes near the top, so more of them
     * pass the threshold; real users sit mid-range on the graph features, and newcomers follow
     * nobody and keep their click scores, so precision does not suffer.
     */
    @Test
    @Timeout(120)
    void graphFeaturesFindSocialFakesThatClicksMiss() throws Exception {
        for (double camouflage : new double[] {0.5, 0.9}) {
            Detection clicks = run(false, "social", camouflage);
            Detection graph = run(true, "social", camouflage);
            assertThat(graph.recall()).as("recall at camouflage %s", camouflage).isGreaterThan(clicks.recall());
            // nothing flagged has no precision (NaN); clicks alone flag at least one real user here
            assertThat(graph.flagged()).isGreaterThan(0);
            assertThat(graph.precision()).as("precision at camouflage %s", camouflage)
                    .isGreaterThanOrEqualTo(Double.isNaN(clicks.precision()) ? 0 : clicks.precision());
        }
    }

    /**
     * A click-only attack ({@code average}: filler clicks on random items) on the same social
     * platform: the fakes follow nobody, so the graph judges only real users and leaves the fakes
     * their click scores, which already find them. The graph must not make detection worse.
     */
    @Test
    @Timeout(120)
    void graphFeaturesDoNotHideAClickOnlyAttack() throws Exception {
        Detection clicks = run(false, "average", 0.5);
        Detection graph = run(true, "average", 0.5);
        assertThat(clicks.recall()).isGreaterThan(0.9);
        assertThat(graph.recall()).isGreaterThanOrEqualTo(clicks.recall());
        assertThat(graph.precision()).isGreaterThanOrEqualTo(clicks.precision());
    }
}
