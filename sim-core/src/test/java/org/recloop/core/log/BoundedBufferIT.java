package org.recloop.core.log;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.BitSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.recloop.core.react.EventBuffer;
import org.recloop.core.react.EventType;
import org.recloop.core.serve.SlateBatch;
import org.recloop.core.serve.SlateSource;
import org.recloop.core.world.Catalog;
import org.recloop.core.world.Population;
import org.recloop.core.world.World;

/** The writer never holds more than the configured number of staged rows; sampled exposures. */
class BoundedBufferIT {

    @TempDir
    Path dir;

    private static World world() {
        Catalog cat = new Catalog(2, 20);
        for (int i = 0; i < 20; i++) {
            cat.add(new float[] {1, 0}, 0, 0, 0.5f, 1, 0);
        }
        return World.of(cat, new Population(100, 2));
    }

    private static SlateBatch slates(int users) {
        int[] u = new int[users];
        for (int i = 0; i < users; i++) {
            u[i] = i;
        }
        SlateBatch b = new SlateBatch(u, 3);
        for (int s = 0; s < users; s++) {
            for (int p = 0; p < 3; p++) {
                b.set(s, p, (s + p) % 20, 1f, 1f, SlateSource.RECOMMENDER);
            }
        }
        return b;
    }

    @Test
    void stagingBlocksInsteadOfBufferingMoreThanTheLimit() throws Exception {
        long rows = 0;
        try (H2EventLog log = new H2EventLog(dir, 64, 500)) {
            log.open(new RunInfo("r", "r", "", "{}", 1, "t", 1), world());
            for (int t = 0; t < 30; t++) {
                SlateBatch b = slates(100); // 300 exposure rows per tick, staged as fast as possible
                log.exposures(t, b);
                log.events(t, b, new EventBuffer());
                log.commitTick(t, 100);
                rows += 300;
            }
            log.flush();
            // two 300-row tasks never fit under 500 at once: without the bound the 64-task queue
            // would hold up to 30 x 300 rows
            assertThat(log.peakBufferedRows()).isPositive().isLessThanOrEqualTo(500);
            log.finish(RunStatus.FINISHED, null);
        }
        try (Connection c = DriverManager.getConnection(H2EventLog.jdbcUrl(dir), "sa", "");
                ResultSet rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM exposures")) {
            rs.next();
            assertThat(rs.getLong(1)).isEqualTo(rows);
        }
    }

    @Test
    void sampledExposuresKeepOnlyTheSampledSlatesAndLinksStayRight() throws Exception {
        try (H2EventLog log = new H2EventLog(dir, 8)) {
            log.open(new RunInfo("r", "r", "", "{}", 1, "t", 1), world());
            SlateBatch b = slates(10);
            BitSet logged = new BitSet();
            logged.set(1);
            logged.set(4);
            EventBuffer ev = new EventBuffer();
            ev.add(1, b.item(1, 2), EventType.CLICK, 1, 2, 1f); // sampled slate: linked
            ev.add(2, b.item(2, 0), EventType.CLICK, 2, 0, 1f); // unsampled slate: no link
            log.exposures(0, b, logged);
            log.events(0, b, ev);
            log.commitTick(0, 10);
            log.finish(RunStatus.FINISHED, null);
        }
        try (Connection c = DriverManager.getConnection(H2EventLog.jdbcUrl(dir), "sa", "")) {
            ResultSet rs = c.createStatement().executeQuery("SELECT COUNT(*), COUNT(DISTINCT user_id) FROM exposures");
            rs.next();
            assertThat(rs.getLong(1)).isEqualTo(6);
            assertThat(rs.getLong(2)).isEqualTo(2);
            rs = c.createStatement().executeQuery("SELECT e.user_id, x.user_id, x.position FROM events e"
                    + " LEFT JOIN exposures x ON x.id = e.exposure_id ORDER BY e.id");
            rs.next();
            assertThat(rs.getInt(2)).isEqualTo(1);
            assertThat(rs.getInt(3)).isEqualTo(2);
            rs.next();
            assertThat(rs.getObject(2)).isNull();
        }
    }
}
