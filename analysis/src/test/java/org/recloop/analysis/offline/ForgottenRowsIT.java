package org.recloop.analysis.offline;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.recloop.core.log.ForgetRequest;
import org.recloop.core.log.H2EventLog;
import org.recloop.core.log.RunInfo;
import org.recloop.core.log.RunStatus;
import org.recloop.core.metric.Metric;
import org.recloop.core.metric.TickView;
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

/**
 * Rows a run was asked to forget never reach offline evaluation or the metrics replay, whatever
 * tick they were logged in: both read the run through the log's reader.
 */
class ForgottenRowsIT {

    private static final int USERS = 10;
    private static final int ITEMS = 20;

    @TempDir
    Path dir;

    /**
     * Two ticks in which user u is shown items (u % 5) and (10 + u % 5) and clicks the first; at
     * tick 1 users 2 and 7 and item 4 (clicked by users 4 and 9) are forgotten.
     */
    private void writeRun() {
        RandomStreams rs = new RandomStreams(5);
        Catalog cat = new SyntheticCatalog(new SyntheticCatalog.Params(ITEMS, 4, 2, null, null, null)).build(rs);
        Population pop = new SyntheticPopulation(new SyntheticPopulation.Params(USERS, null, null, null, null))
                .build(cat, rs);
        try (H2EventLog log = new H2EventLog(dir, 4)) {
            log.open(new RunInfo("r", "r", "", "{}", 5, "test", 1), World.of(cat, pop));
            for (int tick = 0; tick < 2; tick++) {
                int[] users = new int[USERS];
                for (int u = 0; u < USERS; u++) {
                    users[u] = u;
                }
                SlateBatch slates = new SlateBatch(users, 2);
                EventBuffer ev = new EventBuffer();
                for (int u = 0; u < USERS; u++) {
                    slates.set(u, 0, u % 5, 1f, 1f, SlateSource.RECOMMENDER);
                    slates.set(u, 1, 10 + u % 5, 0.5f, 1f, SlateSource.RECOMMENDER);
                    ev.add(u, u % 5, EventType.CLICK, u, 0, 1f);
                }
                log.exposures(tick, slates);
                log.events(tick, slates, ev);
                if (tick == 1) {
                    log.forget(tick, ForgetRequest.users("asked to be forgotten", 2, 7));
                    log.forget(tick, ForgetRequest.items("taken down", 4));
                }
                log.commitTick(tick, USERS);
            }
            log.finish(RunStatus.FINISHED, null);
        }
    }

    @Test
    void offlineEvaluationDoesNotSeeForgottenUsersOrItems() {
        writeRun();
        Interactions x = OfflineData.fromRun(dir).interactions();
        // per tick 10 clicks, without users 2 and 7 and without item 4 (users 4 and 9): 6
        assertThat(x.size()).isEqualTo(12);
        assertThat(x.users()).doesNotContain(2, 7, 4, 9);
        assertThat(x.items()).doesNotContain(4);
        assertThat(x.ticks()).containsExactly(0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1);
        assertThat(x.numUsers()).as("forgetting does not shrink the world").isEqualTo(USERS);
        assertThat(x.numItems()).isEqualTo(ITEMS);
    }

    @Test
    void metricsReplayDoesNotSeeForgottenUsersOrItems() {
        writeRun();
        List<Map<String, Double>> rows = LogReplay.run(dir, List.of(new Seen()));
        assertThat(rows).hasSize(2);
        for (Map<String, Double> r : rows) {
            assertThat(r.get("forgotten_seen")).isZero();
            // 8 slates (users 2 and 7 gone); item 4 leaves the slates of users 4 and 9
            assertThat(r.get("slates")).isEqualTo(8.0);
            assertThat(r.get("exposures")).isEqualTo(14.0);
            assertThat(r.get("clicks")).isEqualTo(6.0);
        }
    }

    /** Counts what the replay shows a metric, and how much of it should have been forgotten. */
    private static final class Seen implements Metric {
        @Override
        public List<String> names() {
            return List.of("forgotten_seen", "slates", "exposures", "clicks");
        }

        @Override
        public void observe(TickView view, Map<String, Double> out) {
            int forgotten = 0;
            int exposures = 0;
            SlateBatch s = view.slates();
            for (int i = 0; i < s.size(); i++) {
                forgotten += s.user(i) == 2 || s.user(i) == 7 ? 1 : 0;
                for (int p = 0; p < s.length(i); p++) {
                    forgotten += s.item(i, p) == 4 ? 1 : 0;
                    exposures++;
                }
            }
            EventBuffer ev = view.events();
            for (int i = 0; i < ev.size(); i++) {
                forgotten += ev.user(i) == 2 || ev.user(i) == 7 || ev.item(i) == 4 ? 1 : 0;
            }
            out.put("forgotten_seen", (double) forgotten);
            out.put("slates", (double) s.size());
            out.put("exposures", (double) exposures);
            out.put("clicks", (double) ev.count(EventType.CLICK));
        }
    }
}
