package org.recloop.scenarios.act;

import static org.assertj.core.api.Assertions.assertThat;
import static org.recloop.scenarios.TestScenarios.count;
import static org.recloop.scenarios.TestScenarios.string;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.recloop.core.log.RunStatus;
import org.recloop.core.serve.Interactions;
import org.recloop.core.serve.Recommender;
import org.recloop.core.serve.ServeContext;
import org.recloop.core.serve.SlateBatch;
import org.recloop.core.serve.TrainContext;
import org.recloop.core.sim.RecLoopSim;
import org.recloop.core.world.Population;
import org.recloop.core.world.World;
import org.recloop.recommenders.baseline.MostPopularRecommender;
import org.recloop.scenarios.TestScenarios;
import org.recloop.scenarios.registry.Kind;
import org.recloop.scenarios.registry.Registry;
import org.recloop.scenarios.registry.StandardComponents;
import org.recloop.scenarios.runner.RunResult;
import org.recloop.scenarios.runner.ScenarioRunner;
import org.recloop.scenarios.schema.ScenarioLoader;

/**
 * Interventions that change the world, in a real run (H2 on disk): 100 accounts opened at tick 5
 * act from tick 6; 50 users forgotten at tick 8 never reach a fit again, lose their follows and
 * history, and never arrive again; both are in the interventions table and the forget request
 * in the audit table; the log does not depend on the thread count.
 */
class WorldInterventionsIT {

    private static final int USERS = 300;
    private static final int ADDED = 100;

    @TempDir
    Path out;

    /** A fit as the recommender saw it. */
    record Fit(int tick, int numUsers, Set<Integer> users) {}

    /** Most-popular serving, recording every fit it gets (test only; one run at a time). */
    static final class RecordingRecommender implements Recommender {
        static final List<Fit> FITS = new ArrayList<>();
        private final MostPopularRecommender inner = new MostPopularRecommender(new MostPopularRecommender.Params(false));

        @Override
        public void fit(Interactions all, TrainContext ctx) {
            Set<Integer> users = new TreeSet<>();
            for (int u : all.users()) {
                users.add(u);
            }
            synchronized (FITS) {
                FITS.add(new Fit(ctx.tick(), all.numUsers(), users));
            }
            inner.fit(all, ctx);
        }

        @Override
        public void recommend(SlateBatch slates, int from, int to, ServeContext ctx) {
            inner.recommend(slates, from, to, ctx);
        }

        @Override
        public int modelVersion() {
            return inner.modelVersion();
        }
    }

    private static String scenario() {
        StringBuilder forgotten = new StringBuilder();
        for (int u = 0; u < USERS + ADDED; u += 8) { // 50 users: 38 from the start, 12 added accounts
            forgotten.append(forgotten.isEmpty() ? "" : ", ").append(u);
        }
        return """
                name: grow-and-forget
                seed: 7
                ticks: 12
                slateSize: 10
                world:
                  catalog: {type: synthetic, items: 200, dimensions: 8, topics: 8}
                  population: {type: synthetic, users: %d, meanActivity: 0.8}
                  graph: {type: preferential-attachment}
                users: {type: rule}
                recommender: recording
                learn: {retrainEvery: 2}
                interventions:
                  - {type: add-users, at: 5, count: %d, meanActivity: 2.0, model: mnl}
                  - {type: forget, at: 8, scope: users, ids: [%s], reason: erasure request}
                """.formatted(USERS, ADDED, forgotten);
    }

    private RunResult run(int threads, World[] world) {
        ObjectMapper mapper = ScenarioLoader.newMapper();
        Registry registry = StandardComponents.registry(mapper);
        registry.register(Kind.RECOMMENDER, "recording", StandardComponents.NoParams.class,
                (p, n) -> RecordingRecommender::new, "test double: most-popular that records its fits");
        synchronized (RecordingRecommender.FITS) {
            RecordingRecommender.FITS.clear();
        }
        return new ScenarioRunner().run(new ScenarioLoader(registry).parse(scenario(), "grow.yaml"),
                new ScenarioRunner.Options(null, threads, out.resolve("t" + threads)), List.of(),
                new ScenarioRunner.Observer() {
                    @Override
                    public void started(String runId, Path runDir, RecLoopSim sim) {
                        world[0] = sim.world();
                    }
                });
    }

    @Test
    void addedAccountsActFromTheNextTickAndForgottenUsersNeverReachAFitAgain() throws Exception {
        World[] world = new World[1];
        RunResult r = run(2, world);
        assertThat(r.status()).isEqualTo(RunStatus.FINISHED);
        Set<Integer> forgotten = new TreeSet<>();
        for (int u = 0; u < USERS + ADDED; u += 8) {
            forgotten.add(u);
        }
        assertThat(forgotten).hasSize(50);

        try (Connection c = TestScenarios.open(r.runDir())) {
            // the accounts: in the users table, silent up to tick 5, acting from tick 6
            assertThat(count(c, "SELECT COUNT(*) FROM users")).isEqualTo(USERS + ADDED);
            assertThat(count(c, "SELECT COUNT(*) FROM exposures WHERE user_id >= " + USERS + " AND tick <= 5"))
                    .isZero();
            assertThat(count(c, "SELECT MIN(tick) FROM exposures WHERE user_id >= " + USERS)).isEqualTo(6);
            assertThat(count(c, "SELECT COUNT(*) FROM events WHERE user_id >= " + USERS + " AND tick = 6"))
                    .isPositive();
            // both interventions logged with their parameters, the forget request audited
            assertThat(count(c, "SELECT COUNT(*) FROM interventions")).isEqualTo(2);
            assertThat(string(c, "SELECT type FROM interventions WHERE tick = 5")).isEqualTo("add-users");
            assertThat(string(c, "SELECT description FROM interventions WHERE tick = 5"))
                    .startsWith("add 100 accounts").contains("meanActivity=2.0").contains("mnl");
            assertThat(string(c, "SELECT type FROM interventions WHERE tick = 8")).isEqualTo("forget");
            assertThat(string(c, "SELECT description FROM interventions WHERE tick = 8")).contains("erasure request");
            assertThat(count(c, "SELECT COUNT(*) FROM forget_requests")).isEqualTo(1);
            assertThat(string(c, "SELECT tick || ' ' || scope || ' ' || size || ' ' || reason FROM forget_requests"))
                    .isEqualTo("8 USERS 50 erasure request");
            assertThat(count(c, "SELECT COUNT(*) FROM forgotten WHERE tick = 8 AND scope = 'USERS'")).isEqualTo(50);
            // forgotten accounts are closed: no session after tick 8
            assertThat(count(c, "SELECT COUNT(*) FROM exposures WHERE tick > 8 AND MOD(user_id, 8) = 0")).isZero();
        }

        List<Fit> fits;
        synchronized (RecordingRecommender.FITS) {
            fits = List.copyOf(RecordingRecommender.FITS);
        }
        // before: fits saw the users to be forgotten; after tick 5 they count the new accounts
        assertThat(fits.stream().filter(f -> f.tick() == 7).findFirst().orElseThrow().users())
                .containsAnyElementsOf(forgotten)
                .anyMatch(u -> u >= USERS);
        assertThat(fits.stream().filter(f -> f.tick() > 5)).allMatch(f -> f.numUsers() == USERS + ADDED);
        // the refit at the request (tick 8) and every later fit: none of their rows
        List<Fit> after = fits.stream().filter(f -> f.tick() >= 8).toList();
        assertThat(after).extracting(Fit::tick).containsExactly(8, 9);
        for (Fit f : after) {
            assertThat(f.users()).as("users in the fit at tick %d", f.tick()).doesNotContainAnyElementsOf(forgotten)
                    .isNotEmpty();
        }
        // the platform dropped their follows (both ways), history and recent activity
        World w = world[0];
        for (int u : forgotten) {
            assertThat(w.population().status(u)).isEqualTo(Population.FORGOTTEN);
            assertThat(w.graph().outDegree(u)).isZero();
            assertThat(w.history().size(u)).isZero();
            assertThat(w.activity().count(u)).isZero();
        }
        for (int v = 0; v < w.population().size(); v++) {
            for (int i = 0; i < w.graph().outDegree(v); i++) {
                assertThat(forgotten).as("user %d follows a forgotten user", v).doesNotContain(w.graph().followee(v, i));
            }
        }
    }

    @Test
    void theLogDoesNotDependOnTheThreadCount() throws Exception {
        RunResult one = run(1, new World[1]);
        RunResult three = run(3, new World[1]);
        try (Connection a = TestScenarios.open(one.runDir()); Connection b = TestScenarios.open(three.runDir())) {
            for (String q : List.of("SELECT tick, user_id, item_id, type FROM events ORDER BY id",
                    "SELECT tick, user_id, item_id, position FROM exposures ORDER BY id",
                    "SELECT id, archetype, activity, CAST(preference AS VARCHAR) FROM users ORDER BY id", "SELECT * FROM interventions ORDER BY tick")) {
                assertThat(TestScenarios.checksum(b, q)).as(q).isEqualTo(TestScenarios.checksum(a, q));
            }
        }
    }
}
