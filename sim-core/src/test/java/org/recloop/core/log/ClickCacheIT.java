package org.recloop.core.log;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.recloop.core.react.EventBuffer;
import org.recloop.core.react.EventType;
import org.recloop.core.serve.Interactions;
import org.recloop.core.serve.SlateBatch;
import org.recloop.core.world.Catalog;
import org.recloop.core.world.Population;
import org.recloop.core.world.World;

/** A refit's clicks come from memory ({@link ClickCache}) and must be the rows the events table holds. */
class ClickCacheIT {

    private static final int USERS = 7;
    private static final int ITEMS = 9;
    private static final int TICKS = 6;

    @TempDir
    Path runDir;

    @Test
    void everyRangeOfTicksMatchesTheEventsTableWithForgottenClicksLeftOut() throws Exception {
        Catalog cat = new Catalog(2, ITEMS);
        for (int i = 0; i < ITEMS; i++) {
            cat.add(new float[] {i, 1}, 0, 0, 0.5f, 1f, 0);
        }
        World world = World.of(cat, new Population(USERS, 2));
        try (H2EventLog log = new H2EventLog(runDir, 4)) {
            log.open(new RunInfo("run-1", "it", "name: it\n", "{}", 1L, "test", 1), world);
            for (int tick = 0; tick < TICKS; tick++) {
                int[] users = new int[USERS];
                for (int u = 0; u < USERS; u++) {
                    users[u] = u;
                }
                SlateBatch slates = new SlateBatch(users, 2);
                EventBuffer ev = new EventBuffer();
                for (int u = 0; u < USERS; u++) {
                    slates.set(u, 0, (u + tick) % ITEMS, 1f, 1f, org.recloop.core.serve.SlateSource.RECOMMENDER);
                    slates.set(u, 1, (u + 2 * tick + 1) % ITEMS, 0.5f, 1f, org.recloop.core.serve.SlateSource.RECOMMENDER);
                    // clicks interleaved with other events; tick 3 has no clicks at all
                    if (tick != 3 && (u + tick) % 3 != 0) {
                        ev.add(u, slates.item(u, 0), EventType.CLICK, u, 0, 1f);
                    }
                    ev.add(u, slates.item(u, 1), EventType.SKIP, u, 1, 0f);
                    if (tick != 3 && u % 2 == 0) {
                        ev.add(u, slates.item(u, 1), EventType.CLICK, u, 1, 1f);
                    }
                }
                log.exposures(tick, slates);
                log.events(tick, slates, ev);
                if (tick == 4) {
                    log.forget(tick, ForgetRequest.users("test", 2));
                }
                log.commitTick(tick, USERS);
            }
            log.flush();
            try (Connection c = DriverManager.getConnection(H2EventLog.jdbcUrl(runDir), "sa", "")) {
                Forgotten forgotten = new Forgotten();
                forgotten.add(ForgetRequest.users("test", 2));
                for (int from = -1; from <= TICKS; from++) {
                    for (int to = from - 1; to <= TICKS; to++) {
                        Interactions want = forgotten.filter(LogReader.clicks(c, from, to, USERS, ITEMS));
                        Interactions got = log.clicks(from, to, USERS, ITEMS);
                        assertThat(got.users()).as("users %d..%d", from, to).containsExactly(want.users());
                        assertThat(got.items()).as("items %d..%d", from, to).containsExactly(want.items());
                        assertThat(got.ticks()).as("ticks %d..%d", from, to).containsExactly(want.ticks());
                        assertThat(got.values()).as("values %d..%d", from, to).containsExactly(want.values());
                        assertThat(got.numUsers()).isEqualTo(USERS);
                        assertThat(got.numItems()).isEqualTo(ITEMS);
                    }
                }
                assertThat(log.clicks(0, TICKS, USERS, ITEMS).size()).isPositive();
            }
            log.finish(RunStatus.FINISHED, null);
        }
    }
}
