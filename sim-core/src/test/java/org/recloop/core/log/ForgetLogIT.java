package org.recloop.core.log;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.recloop.core.react.EventBuffer;
import org.recloop.core.react.EventType;
import org.recloop.core.rng.RandomStreams;
import org.recloop.core.serve.Interactions;
import org.recloop.core.serve.SlateBatch;
import org.recloop.core.serve.SlateSource;
import org.recloop.core.world.Catalog;
import org.recloop.core.world.Population;
import org.recloop.core.world.World;
import org.recloop.core.world.synthetic.SyntheticCatalog;
import org.recloop.core.world.synthetic.SyntheticPopulation;

/** Forgetting in the log: audit rows, tombstones, and clicks that no longer return forgotten rows. */
class ForgetLogIT {

    @TempDir
    Path dir;

    @Test
    void forgottenUsersItemsAndPairsLeaveTheClicksAndAreAudited() throws Exception {
        RandomStreams rs = new RandomStreams(3);
        Catalog cat = new SyntheticCatalog(new SyntheticCatalog.Params(20, 4, 2, null, null, null)).build(rs);
        Population pop = new SyntheticPopulation(new SyntheticPopulation.Params(10, null, null, null, null)).build(cat, rs);
        World world = World.of(cat, pop);
        try (H2EventLog log = new H2EventLog(dir, 4)) {
            log.open(new RunInfo("r", "r", "", "{}", 3, "test", 1), world);
            // tick 0: every user clicks item (user % 5) at position 0
            int[] users = new int[10];
            for (int u = 0; u < 10; u++) {
                users[u] = u;
            }
            SlateBatch slates = new SlateBatch(users, 1);
            EventBuffer ev = new EventBuffer();
            for (int u = 0; u < 10; u++) {
                slates.set(u, 0, u % 5, 1f, 1f, SlateSource.RECOMMENDER);
                ev.add(u, u % 5, EventType.CLICK, u, 0, 1f);
            }
            log.exposures(0, slates);
            log.events(0, slates, ev);
            log.commitTick(0, 10);
            assertThat(log.clicks(0, 0, 10, 20).size()).isEqualTo(10);

            log.forget(1, ForgetRequest.users("user asked", 2, 7)); // clicks (2,2), (7,2)
            log.forget(1, ForgetRequest.items("takedown", 4)); // clicks (4,4), (9,4)
            log.forget(1, new ForgetRequest(ForgetRequest.Scope.INTERACTIONS, new int[] {0}, new int[] {0}, "")); // (0,0)
            Interactions left = log.clicks(0, 1, 10, 20);
            assertThat(left.users()).containsExactly(1, 3, 5, 6, 8);
            assertThat(left.items()).containsExactly(1, 3, 0, 1, 3);

            // a user who joins during the run is recorded in the users table
            Population grown = new Population(12, pop.dim());
            grown.setActivity(11, 0.7f);
            log.users(1, grown, 10, 12);
            log.commitTick(1, 0);
            log.flush();
        }
        try (Connection c = DriverManager.getConnection(H2EventLog.jdbcUrl(dir), "sa", "");
                Statement st = c.createStatement()) {
            try (ResultSet rs2 = st.executeQuery("SELECT tick, scope, size, reason FROM forget_requests ORDER BY scope")) {
                assertThat(rs2.next()).isTrue();
                assertThat(rs2.getString(2)).isEqualTo("INTERACTIONS");
                assertThat(rs2.next()).isTrue();
                assertThat(rs2.getString(2)).isEqualTo("ITEMS");
                assertThat(rs2.getString(4)).isEqualTo("takedown");
                assertThat(rs2.next()).isTrue();
                assertThat(rs2.getInt(1)).isEqualTo(1);
                assertThat(rs2.getString(2)).isEqualTo("USERS");
                assertThat(rs2.getInt(3)).isEqualTo(2);
                assertThat(rs2.next()).isFalse();
            }
            try (ResultSet rs2 = st.executeQuery("SELECT COUNT(*), MAX(activity) FILTER (WHERE id = 11) FROM users")) {
                rs2.next();
                assertThat(rs2.getInt(1)).isEqualTo(12);
                assertThat(rs2.getFloat(2)).isEqualTo(0.7f);
            }
            try (ResultSet rs2 = st.executeQuery("SELECT COUNT(*) FROM forgotten")) {
                rs2.next();
                assertThat(rs2.getInt(1)).isEqualTo(4);
            }
        }
    }
}
