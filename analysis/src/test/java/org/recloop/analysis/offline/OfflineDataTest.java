package org.recloop.analysis.offline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.recloop.core.log.H2EventLog;
import org.recloop.core.serve.Interactions;
import org.recloop.core.world.io.DataFileException;
import org.recloop.core.world.io.RatingsFile;

class OfflineDataTest {

    @TempDir
    Path dir;

    @Test
    void ratingsBecomeInteractionsWithTimestampRanksAsTicks() throws Exception {
        // raw users 10, 20, 30 -> 0, 1, 2; raw items 100, 200, 300 -> 0, 1, 2
        // distinct timestamps 500 < 900 < 1700000000000 -> ticks 0, 1, 2 (a millisecond clock fits)
        Path f = dir.resolve("ratings.csv");
        Files.writeString(f, """
                userId,movieId,rating,timestamp
                10,100,5,900
                20,200,3.5,500
                10,300,2,1700000000000
                30,100,4,900
                """);
        OfflineData all = OfflineData.fromRatings(RatingsFile.read(f), null);
        Interactions x = all.interactions();
        assertThat(x.users()).containsExactly(0, 1, 0, 2);
        assertThat(x.items()).containsExactly(0, 1, 2, 0);
        assertThat(x.ticks()).containsExactly(1, 0, 2, 1);
        assertThat(x.values()).containsExactly(1f, 1f, 1f, 1f);
        assertThat(x.numUsers()).isEqualTo(3);
        assertThat(x.numItems()).isEqualTo(3);
        assertThat(all.catalog()).isNull();

        // rating >= 4 only: rows 1 and 4 of the file; ids and ranges stay those of the whole file
        OfflineData liked = OfflineData.fromRatings(RatingsFile.read(f), 4.0);
        assertThat(liked.interactions().users()).containsExactly(0, 2);
        assertThat(liked.interactions().items()).containsExactly(0, 0);
        assertThat(liked.interactions().ticks()).containsExactly(1, 1);
        assertThat(liked.interactions().numItems()).isEqualTo(3);
        assertThat(liked.source()).isEqualTo("4 ratings, 2 with rating >= 4.0");
    }

    @Test
    void aRunFolderGivesItsClicksInLogOrderAndItsCatalog() throws Exception {
        Path run = dir.resolve("run");
        Files.createDirectories(run);
        try (Connection c = DriverManager.getConnection(H2EventLog.jdbcUrl(run), "sa", "");
                Statement st = c.createStatement()) {
            st.execute("CREATE TABLE items (id INT PRIMARY KEY, topic INT, creator INT, quality REAL, popularity REAL,"
                    + " created_tick INT, title VARCHAR(1000), features REAL ARRAY)");
            st.execute("CREATE TABLE users (id INT PRIMARY KEY, archetype TINYINT, activity REAL, preference REAL ARRAY)");
            st.execute("CREATE TABLE events (id BIGINT, tick INT, user_id INT, item_id INT, type TINYINT,"
                    + " exposure_id BIGINT, position SMALLINT, val REAL, target_user INT)");
            st.execute("INSERT INTO items VALUES (0, 1, 2, 0.5, 3, 0, NULL, ARRAY[1.0, 0.0]),"
                    + " (1, 0, 0, 0.25, 1, 0, NULL, ARRAY[0.0, 1.0]), (2, 0, 0, 0.75, 1, 4, 'post', ARRAY[0.5, 0.5])");
            st.execute("INSERT INTO users VALUES (0, 0, 1, NULL), (1, 0, 1, NULL), (2, 0, 1, NULL), (3, 0, 1, NULL)");
            // ticks 0..2 committed; the row of tick 3 below is the half-written tick of a killed run
            st.execute("CREATE TABLE runs (id VARCHAR(200), last_committed_tick INT)");
            st.execute("INSERT INTO runs VALUES ('r', 2)");
            // ids out of insertion order on purpose; type 2 (consume) and 5 (skip) are not clicks
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO events VALUES (?, ?, ?, ?, ?, NULL, 0, 1, NULL)")) {
                int[][] ev = {{3, 1, 2, 1, 1}, {1, 0, 0, 0, 1}, {2, 0, 0, 0, 2}, {4, 1, 0, 2, 1}, {5, 2, 1, -1, 5},
                    {6, 3, 3, 1, 1}};
                for (int[] e : ev) {
                    for (int j = 0; j < 5; j++) {
                        ps.setInt(j + 1, e[j]);
                    }
                    ps.addBatch();
                }
                ps.executeBatch();
            }
        }
        OfflineData d = OfflineData.fromRun(run);
        Interactions x = d.interactions();
        // clicks by id: 1 (tick 0, user 0, item 0), 3 (tick 1, user 2, item 1), 4 (tick 1, user 0, item 2)
        assertThat(x.users()).containsExactly(0, 2, 0);
        assertThat(x.items()).containsExactly(0, 1, 2);
        assertThat(x.ticks()).containsExactly(0, 1, 1);
        assertThat(x.numUsers()).isEqualTo(4);
        assertThat(x.numItems()).isEqualTo(3);
        assertThat(d.catalog()).isNotNull();
        assertThat(d.catalog().size()).isEqualTo(3);
        assertThat(d.catalog().dim()).isEqualTo(2);
        assertThat(d.catalog().feature(2, 0)).isEqualTo(0.5f);
        assertThat(d.catalog().topic(0)).isEqualTo(1);
        assertThat(d.catalog().createdTick(2)).isEqualTo(4);
        assertThat(d.source()).isEqualTo("3 clicks of run run");
    }

    @Test
    void aFolderWithoutADatabaseIsNotARunFolder() {
        assertThatThrownBy(() -> OfflineData.fromRun(dir))
                .isInstanceOf(DataFileException.class)
                .hasMessage(dir + ": not a run folder: no recloop.mv.db in it");
        assertThat(Files.exists(dir.resolve("recloop.mv.db"))).as("nothing created").isFalse();
    }
}
