package org.recloop.core.log;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.recloop.core.world.Catalog;
import org.recloop.core.world.Population;
import org.recloop.core.world.World;

/**
 * What a SIGKILLed writer leaves on disk: a child JVM opens a run and commits two ticks, says so,
 * and is killed at once (well within H2's background write delay). The database then holds the
 * opening rows and both ticks, and recovers to the end of tick 1; before {@link StoreFlush} it
 * held nothing at all.
 */
class KilledWriterIT {

    private static final int ITEMS = 50;
    private static final int USERS = 20;

    @TempDir
    Path dir;

    /** The child: opens the log in {@code args[0]}, commits ticks 0 and 1, prints "committed", waits to be killed. */
    public static void main(String[] args) throws Exception {
        Catalog c = new Catalog(2, ITEMS);
        for (int i = 0; i < ITEMS; i++) {
            c.add(new float[] {i, -i}, i % 2, i % 3, 0.5f, 1f, 0);
        }
        Population p = new Population(USERS, 2);
        H2EventLog log = new H2EventLog(Path.of(args[0]), 16);
        log.open(new RunInfo("run-k", "killed", "name: killed\n", "{\"seed\":1}", 1L, "test", 1), World.of(c, p));
        for (int t = 0; t < 2; t++) {
            log.metrics(t, java.util.Map.of("m", (double) t));
            log.commitTick(t, 0);
        }
        log.flush(); // the writer has committed both ticks
        System.out.println("committed");
        System.out.flush();
        Thread.sleep(TimeUnit.MINUTES.toMillis(5));
    }

    @Test
    void aWriterKilledRightAfterCommittingKeepsItsOpeningRowsAndCommittedTicks() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                KilledWriterIT.class.getName(), dir.toString()).redirectErrorStream(true).start();
        StringBuilder said = new StringBuilder();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                said.append(line).append('\n');
                if (line.equals("committed")) {
                    child.destroyForcibly(); // SIGKILL on Linux: H2 gets no chance to write anything more
                    break;
                }
            }
        }
        assertThat(child.waitFor(120, TimeUnit.SECONDS)).as("child exits; it said:\n%s", said).isTrue();
        assertThat(said.toString()).contains("committed");
        assertThat(Files.exists(dir.resolve("recloop.mv.db"))).isTrue();

        assertThat(RunRow.recorded(dir)).isTrue();
        try (Connection c = DriverManager.getConnection(H2EventLog.jdbcUrl(dir), "sa", "");
                Statement st = c.createStatement()) {
            assertThat(count(st, "SELECT COUNT(*) FROM items")).isEqualTo(ITEMS);
            assertThat(count(st, "SELECT COUNT(*) FROM users")).isEqualTo(USERS);
            assertThat(count(st, "SELECT COUNT(*) FROM ticks")).isEqualTo(2);
            assertThat(count(st, "SELECT last_committed_tick FROM runs")).isEqualTo(1);
            st.execute("SHUTDOWN");
        }
        Recovery r = H2EventLog.recover(dir);
        assertThat(r.status()).isEqualTo("running");
        assertThat(r.lastCommittedTick()).isEqualTo(1);
        RunRow row = RunRow.read(dir);
        assertThat(row.status()).isEqualTo("interrupted");
        assertThat(row.lastCommittedTick()).isEqualTo(1);
    }

    private static long count(Statement st, String sql) throws Exception {
        try (ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
