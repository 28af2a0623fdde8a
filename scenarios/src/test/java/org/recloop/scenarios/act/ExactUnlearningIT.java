package org.recloop.scenarios.act;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.recloop.core.capability.RunCapabilities;
import org.recloop.core.log.RunStatus;
import org.recloop.core.react.EventType;
import org.recloop.core.rng.RandomStreams;
import org.recloop.core.serve.Interactions;
import org.recloop.core.serve.Recommender;
import org.recloop.core.serve.ServeContext;
import org.recloop.core.serve.SlateBatch;
import org.recloop.core.serve.TrainContext;
import org.recloop.core.sim.RecLoopSim;
import org.recloop.core.world.Catalog;
import org.recloop.core.world.ConsumptionHistory;
import org.recloop.scenarios.TestScenarios;
import org.recloop.scenarios.runner.RunResult;
import org.recloop.scenarios.runner.ScenarioRunner;
import org.recloop.scenarios.schema.ResolvedScenario;
import org.recloop.scenarios.schema.ScenarioLoader;

/**
 * Exact unlearning: after {@code forget} at tick {@value #AT} of users, of (user, item) pairs or of
 * items, the slates the run serves at the next tick are exactly those of a fresh ALS of the same
 * type and seed fitted on a copy of the run's database from which the forgotten rows were deleted
 * with plain SQL, a path that shares nothing with the log's tombstones (no {@code LogReader}, no
 * {@code forgotten} table). Pairs and items are named in the scenario by id, picked from a probe
 * run of the same scenario and seed without the request (identical up to the request's Act phase):
 * every fourth distinct (user, item) click, and the five most-clicked items, up to tick {@value #AT}.
 *
 * <p>What the copy must reproduce, and why: the refit at the request sees the clicks of ticks
 * [from, {@value #AT}] in log order (from = 0, or the start of the train window), with the
 * {@code TrainContext} of tick {@value #AT}; ALS draws its initial factors from the streams of
 * its fit number, so the fresh model is fitted as many times as the run's model had been (the
 * model version the run logged with the slates). The run serves with the platform's live
 * consumption history, which holds every click up to tick {@value #AT} (not only the window's),
 * minus the forgotten users'; the copy rebuilds it from its CLICK events. One thread, though
 * models do not depend on it.
 */
class ExactUnlearningIT {

    private static final int USERS = 400;
    private static final int ITEMS = 150;
    private static final int AT = 5;
    private static final int SEED = 7;

    @TempDir
    Path out;

    /** What is forgotten: the scenario's forget entry and the SQL that deletes the same rows from a copy. */
    private record Request(String yaml, List<String> deletes) {}

    private static String scenario(int window, Request request) {
        return """
                name: exact-unlearning
                seed: %d
                ticks: %d
                slateSize: 10
                world:
                  catalog: {type: synthetic, items: %d, dimensions: 8, topics: 8}
                  population: {type: synthetic, users: %d, meanActivity: 0.8}
                users: {type: mnl}
                recommender: {type: als, factors: 8, iterations: 5}
                learn: {retrainEvery: 2, window: %d}
                """.formatted(SEED, AT + 3, ITEMS, USERS, window)
                + (request == null ? "" : "interventions:\n  - " + request.yaml() + "\n");
    }

    private static String joined(List<Integer> ids) {
        return ids.stream().map(Object::toString).collect(Collectors.joining(", "));
    }

    /** The request of a scope, its ids taken from a probe run without it where they depend on the clicks. */
    private Request request(String scope, int window) throws Exception {
        if (scope.equals("users")) {
            List<Integer> users = IntStream.range(0, USERS).filter(u -> u % 10 == 3).boxed().toList();
            return new Request("{type: forget, at: %d, scope: users, ids: [%s], reason: erasure}".formatted(AT,
                    joined(users)), List.of("DELETE FROM events WHERE user_id IN (" + joined(users) + ")"));
        }
        RunResult probe = new ScenarioRunner().run(new ScenarioLoader().parse(scenario(window, null), "probe.yaml"),
                new ScenarioRunner.Options(null, 1, out.resolve("probe")), List.of());
        try (Connection c = TestScenarios.open(probe.runDir())) {
            String click = "type = " + EventType.CLICK.code() + " AND tick <= " + AT;
            if (scope.equals("items")) {
                List<Integer> items = rows(c, "SELECT item_id, COUNT(*) FROM events WHERE " + click
                        + " GROUP BY item_id ORDER BY COUNT(*) DESC, item_id LIMIT 5").stream().map(r -> r[0]).toList();
                return new Request("{type: forget, at: %d, scope: items, ids: [%s], reason: takedown}".formatted(AT,
                        joined(items)), List.of("DELETE FROM events WHERE item_id IN (" + joined(items) + ")"));
            }
            List<int[]> pairs = rows(c, "SELECT user_id, item_id FROM events WHERE " + click
                    + " GROUP BY user_id, item_id ORDER BY MIN(id)");
            List<Integer> users = new ArrayList<>();
            List<Integer> items = new ArrayList<>();
            List<String> deletes = new ArrayList<>();
            for (int k = 0; k < pairs.size(); k += 4) {
                users.add(pairs.get(k)[0]);
                items.add(pairs.get(k)[1]);
                deletes.add("DELETE FROM events WHERE user_id = " + pairs.get(k)[0] + " AND item_id = " + pairs.get(k)[1]);
            }
            return new Request("{type: forget, at: %d, scope: interactions, ids: [%s], items: [%s], reason: history}"
                    .formatted(AT, joined(users), joined(items)), deletes);
        }
    }

    @ParameterizedTest(name = "{0}, train window {1}")
    @CsvSource({"users, 0", "users, 3", "interactions, 0", "interactions, 3", "items, 0", "items, 3"})
    void refitAtTheRequestServesWhatAModelFittedOnALogWithTheRowsDeletedServes(String scope, int window)
            throws Exception {
        Request request = request(scope, window);
        ResolvedScenario rs = new ScenarioLoader().parse(scenario(window, request), "exact-unlearning.yaml");
        Catalog[] catalog = new Catalog[1];
        RunResult r = new ScenarioRunner().run(rs, new ScenarioRunner.Options(null, 1, out.resolve("run")), List.of(),
                new ScenarioRunner.Observer() {
                    @Override
                    public void started(String runId, Path runDir, RecLoopSim sim) {
                        catalog[0] = sim.world().catalog();
                    }
                });
        assertThat(r.status()).isEqualTo(RunStatus.FINISHED);
        // no item added, and only the forgotten items retired (at tick AT): the catalog is as at tick AT
        assertThat(catalog[0].size()).isEqualTo(ITEMS);
        assertThat(catalog[0].retiredCount()).isEqualTo(scope.equals("items") ? 5 : 0);
        List<Integer> forgotten = IntStream.range(0, USERS).filter(u -> u % 10 == 3).boxed().toList();

        // what the run served at the next tick, and with which model version
        Map<Integer, int[]> served;
        int version;
        try (Connection c = TestScenarios.open(r.runDir())) {
            served = slates(c, AT + 1);
            version = (int) TestScenarios.count(c, "SELECT MIN(model_version) FROM exposures WHERE tick = " + (AT + 1));
            assertThat(TestScenarios.count(c, "SELECT MAX(model_version) FROM exposures WHERE tick = " + (AT + 1)))
                    .isEqualTo(version);
            // the request is a row of the interventions table, naming its scope and ids
            assertThat(rows(c, "SELECT tick, COUNT(*) FROM interventions GROUP BY tick")).singleElement()
                    .satisfies(row -> assertThat(row).containsExactly(AT, 1));
            assertThat(TestScenarios.string(c, "SELECT type || ': ' || description FROM interventions"))
                    .startsWith("forget: forget " + scope + " [");
        }
        if (scope.equals("users")) {
            assertThat(served).isNotEmpty().doesNotContainKeys(forgotten.toArray(Integer[]::new));
        }
        assertThat(version).isGreaterThan(1); // scheduled fits before the request, then the refit

        // the separate path: a copy of the database, the users' rows deleted with plain SQL
        Path copy = out.resolve("copy");
        copyTree(r.runDir(), copy);
        Interactions clicks;
        ConsumptionHistory history = new ConsumptionHistory(USERS);
        try (Connection c = TestScenarios.open(copy)) {
            // the forgotten rows had clicks before the request: deleting them changes the fit
            long before = TestScenarios.count(c, "SELECT COUNT(*) FROM events WHERE type = " + EventType.CLICK.code()
                    + " AND tick <= " + AT);
            try (Statement st = c.createStatement()) {
                for (String delete : request.deletes()) {
                    assertThat(st.executeUpdate(delete)).as(delete).isPositive();
                }
            }
            assertThat(TestScenarios.count(c, "SELECT COUNT(*) FROM events WHERE type = " + EventType.CLICK.code()
                    + " AND tick <= " + AT)).isLessThan(before);
            int from = window > 0 ? Math.max(0, AT - window + 1) : 0;
            clicks = clicks(c, from, AT);
            for (int[] click : rows(c, "SELECT user_id, item_id FROM events WHERE type = " + EventType.CLICK.code()
                    + " AND tick <= " + AT + " ORDER BY id")) {
                history.add(click[0], click[1]);
            }
        }
        if (scope.equals("users")) {
            assertThat(IntStream.of(clicks.users()).boxed().toList()).doesNotContainAnyElementsOf(forgotten).isNotEmpty();
        }

        RandomStreams streams = new RandomStreams(SEED);
        Recommender fresh = rs.recommender().create(new RunCapabilities());
        TrainContext train = new TrainContext(AT, streams, null, 1, catalog[0]);
        for (int k = 0; k < version; k++) { // the same fit number as the run's refit
            fresh.fit(clicks, train);
        }
        assertThat(fresh.modelVersion()).isEqualTo(version);
        int[] users = served.keySet().stream().mapToInt(Integer::intValue).toArray();
        SlateBatch batch = new SlateBatch(users, 10);
        fresh.recommend(batch, 0, users.length, new ServeContext(AT + 1, ITEMS, history, streams, catalog[0]));

        for (int s = 0; s < batch.size(); s++) {
            int[] mine = new int[batch.length(s)];
            for (int p = 0; p < mine.length; p++) {
                mine[p] = batch.item(s, p);
            }
            assertThat(mine).as("slate of user %d at tick %d", users[s], AT + 1).containsExactly(served.get(users[s]));
        }
    }

    /** Each user's slate of the tick, items in position order, users in id order. */
    private static Map<Integer, int[]> slates(Connection c, int tick) throws SQLException {
        Map<Integer, List<Integer>> m = new LinkedHashMap<>();
        for (int[] row : rows(c, "SELECT user_id, item_id FROM exposures WHERE tick = " + tick
                + " ORDER BY user_id, position")) {
            m.computeIfAbsent(row[0], u -> new ArrayList<>()).add(row[1]);
        }
        Map<Integer, int[]> out = new LinkedHashMap<>();
        m.forEach((u, items) -> out.put(u, items.stream().mapToInt(Integer::intValue).toArray()));
        return out;
    }

    /** The clicks of ticks [from, to] in log order, each with weight 1, read with plain SQL. */
    private static Interactions clicks(Connection c, int from, int to) throws SQLException {
        List<int[]> rows = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT user_id, item_id, tick FROM events WHERE type = ?"
                + " AND tick BETWEEN ? AND ? ORDER BY id")) {
            ps.setInt(1, EventType.CLICK.code());
            ps.setInt(2, from);
            ps.setInt(3, to);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(new int[] {rs.getInt(1), rs.getInt(2), rs.getInt(3)});
                }
            }
        }
        int n = rows.size();
        int[] u = new int[n];
        int[] i = new int[n];
        int[] t = new int[n];
        float[] v = new float[n];
        for (int k = 0; k < n; k++) {
            u[k] = rows.get(k)[0];
            i[k] = rows.get(k)[1];
            t[k] = rows.get(k)[2];
            v[k] = 1f;
        }
        return new Interactions(u, i, t, v, USERS, ITEMS);
    }

    private static List<int[]> rows(Connection c, String sql) throws SQLException {
        List<int[]> rows = new ArrayList<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                rows.add(new int[] {rs.getInt(1), rs.getInt(2)});
            }
        }
        return rows;
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path p : files.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }
}
