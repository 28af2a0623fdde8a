package org.recloop.scenarios.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.stream.Stream;
import org.assertj.core.api.recursive.comparison.RecursiveComparisonConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.recloop.core.log.H2EventLog;
import org.recloop.core.log.LogReader;
import org.recloop.core.log.TickStream;
import org.recloop.core.serve.Interactions;
import org.recloop.core.log.RunStatus;
import org.recloop.scenarios.cli.RecLoopCli;
import org.recloop.scenarios.schema.ScenarioLoader;

/**
 * {@code log.store: parquet} against the H2 store on real runs: the same scenario written to both
 * reads the same through {@link LogReader} (every tick's events and exposures, per tick and
 * streamed, the clicks a recommender trains on, forgotten rows left out), gives the same
 * metrics.csv, leaves files DuckDB reads with the logged row counts, does not depend on the thread
 * count, ignores files of a tick that never committed, and feeds {@code report} and {@code export}.
 */
class ParquetStoreIT {

    @TempDir
    Path tmp;

    /** Floats equal bit for bit (NaN, an unrecorded click probability, equals NaN). */
    private static final RecursiveComparisonConfiguration BITWISE = RecursiveComparisonConfiguration.builder()
            .withEqualsForType((p, q) -> Float.floatToIntBits(p) == Float.floatToIntBits(q), Float.class)
            .withEqualsForType((p, q) -> Double.doubleToLongBits(p) == Double.doubleToLongBits(q), Double.class)
            .build();

    /** A shipped scenario shrunk, with the given store; {@code users}/{@code items}/{@code ticks} replaced. */
    private static String shrunk(String file, int users, int items, int ticks, String store) throws Exception {
        return shrunk(file, users, items, ticks, store, 0);
    }

    /** As above, with slates of {@code slateSize} (0: the file's). */
    private static String shrunk(String file, int users, int items, int ticks, String store, int slateSize)
            throws Exception {
        ObjectMapper yaml = ScenarioLoader.newMapper();
        ObjectNode root = (ObjectNode) yaml.readTree(Files.readString(Path.of(file)));
        root.put("ticks", ticks);
        ((ObjectNode) root.path("world").path("catalog")).put("items", items);
        ((ObjectNode) root.path("world").path("population")).put("users", users);
        root.putObject("log").put("store", store);
        if (slateSize > 0) {
            root.put("slateSize", slateSize);
        }
        return yaml.writeValueAsString(root);
    }

    private Path run(String name, String yaml, int threads) throws Exception {
        var rs = new ScenarioLoader().parse(yaml, name + ".yaml");
        Path out = Files.createDirectories(tmp.resolve(name));
        new ScenarioRunner().run(rs, new ScenarioRunner.Options(null, threads, out), List.of());
        try (Stream<Path> s = Files.list(out)) {
            return s.filter(Files::isDirectory).findFirst().orElseThrow();
        }
    }

    @Test
    void quickstartReadsTheSameFromParquetAsFromH2() throws Exception {
        Path h2 = run("qs-h2", shrunk("quickstart.yaml", 400, 200, 8, "h2"), 2);
        Path pq = run("qs-pq", shrunk("quickstart.yaml", 400, 200, 8, "parquet"), 2);
        assertThat(Files.isDirectory(h2.resolve("log"))).isFalse();
        assertThat(pq.resolve("log/events/tick=3/part-0.parquet")).isRegularFile();
        assertThat(pq.resolve("log/slates/tick=3/part-0.parquet")).isRegularFile();
        assertSameLog(h2, pq);
        assertDuckDbCounts(pq);
    }

    @Test
    void chaneyReplicationReadsTheSameFromParquetAsFromH2() throws Exception {
        Path h2 = run("ch-h2", shrunk("chaney-replication.yaml", 60, 150, 14, "h2", 20), 1);
        Path pq = run("ch-pq", shrunk("chaney-replication.yaml", 60, 150, 14, "parquet", 20), 1);
        assertSameLog(h2, pq);
        assertDuckDbCounts(pq);
    }

    /** Forgotten users, pairs and items are left out of the Parquet reads as out of the H2 ones. */
    @Test
    void unlearningLeavesTheSameRowsOut() throws Exception {
        Path h2 = run("un-h2", shrunk("unlearning.yaml", 600, 120, 22, "h2"), 2);
        Path pq = run("un-pq", shrunk("unlearning.yaml", 600, 120, 22, "parquet"), 2);
        assertSameLog(h2, pq);
        try (LogReader log = LogReader.open(pq)) {
            long all = 0;
            for (int t = 0; t <= log.lastCommittedTick(); t++) {
                all += log.events(t).size();
            }
            assertThat(all).as("forgotten events are left out").isLessThan(sum(log.ticks().events()));
        }
    }

    @Test
    void oneAndTwoThreadsWriteTheSameParquetLog() throws Exception {
        Path one = run("t1", shrunk("quickstart.yaml", 300, 150, 6, "parquet"), 1);
        Path two = run("t2", shrunk("quickstart.yaml", 300, 150, 6, "parquet"), 2);
        assertSameLog(one, two);
    }

    /** A tick's files without its ticks row (a crash between the rename and the commit) are not read. */
    @Test
    void filesOfAnUncommittedTickAreIgnored() throws Exception {
        Path pq = run("crash", shrunk("quickstart.yaml", 300, 150, 5, "parquet"), 1);
        int last;
        Interactions before;
        try (LogReader log = LogReader.open(pq)) {
            last = log.lastCommittedTick();
            before = log.clicks();
        }
        strayTickAfter(pq, last);
        try (LogReader log = LogReader.open(pq)) {
            assertThat(log.events(last + 1).size()).isZero();
            assertThat(log.exposures(last + 1).size()).isZero();
            assertThat(log.clicks().users()).isEqualTo(before.users());
            try (TickStream<LogReader.Events> s = log.eventsByTick()) {
                s.tick(last);
                assertThat(s.tick(last + 1).size()).isZero();
            }
        }
    }

    /**
     * A Parquet run killed mid-run (SIGKILL, child JVM) resumes to exactly the uninterrupted
     * run's log; recovery deletes the partitions of ticks whose ticks row never committed, so the
     * folder holds no file past the log's last tick for readers outside RecLoop.
     */
    @Test
    void aKilledParquetRunResumesToTheUninterruptedLog() throws Exception {
        String yaml = shrunk("quickstart.yaml", 4000, 600, 18, "parquet");
        Path scenario = Files.writeString(tmp.resolve("pq-kill.yaml"), yaml);
        Path whole = run("whole", yaml, 2);
        int killAt = KilledRun.killTick("parquet", 20261201L, 2, 10);
        Path killed = KilledRun.killAfter(scenario, tmp.resolve("killed"), killAt, tmp.resolve("child.log"));
        RunResult resumed = new ContinuedRuns(new ScenarioRunner()).resume(killed, 2, List.of(),
                new ScenarioRunner.Observer() {});
        assertThat(resumed.status()).isEqualTo(RunStatus.FINISHED);
        assertSameLog(whole, killed);
        assertDuckDbCounts(killed);
    }

    /** Recovery drops the partitions of a tick past the last committed one; the committed ones stay. */
    @Test
    void recoveryDropsTheFilesOfAnUncommittedTick() throws Exception {
        Path pq = run("recover", shrunk("quickstart.yaml", 300, 150, 5, "parquet"), 1);
        int last;
        try (LogReader log = LogReader.open(pq)) {
            last = log.lastCommittedTick();
        }
        strayTickAfter(pq, last);
        H2EventLog.recover(pq);
        for (String table : List.of("events", "slates")) {
            assertThat(pq.resolve("log/" + table + "/tick=" + (last + 1))).doesNotExist();
            assertThat(pq.resolve("log/" + table + "/tick=" + last + "/part-0.parquet")).isRegularFile();
        }
        assertDuckDbCounts(pq);
    }

    @Test
    void anUnknownStoreIsRefusedNamingTheFieldAndTheChoices() throws Exception {
        String yaml = shrunk("quickstart.yaml", 100, 50, 2, "lmdb");
        assertThatThrownBy(() -> new ScenarioLoader().parse(yaml, "bad.yaml"))
                .hasMessageContaining("bad.yaml").hasMessageContaining("log.store")
                .hasMessageContaining("h2, parquet").hasMessageContaining("'lmdb'");
    }

    @Test
    void reportAndExportWorkOnAParquetRun() throws Exception {
        Path pq = run("cli", shrunk("quickstart.yaml", 300, 150, 5, "parquet"), 2);
        assertThat(cli("report", "--out", tmp.resolve("report").toString(), pq.toString())).isZero();
        assertThat(tmp.resolve("report/index.html")).isRegularFile();
        assertThat(cli("export", "--format=movielens", "--exposures", "--out", tmp.resolve("ml").toString(),
                pq.toString())).isZero();
        long exposures;
        try (LogReader log = LogReader.open(pq)) {
            exposures = sum(log.ticks().exposures());
        }
        try (Stream<Path> files = Files.list(tmp.resolve("ml"))) {
            Path imp = files.filter(p -> p.getFileName().toString().contains("exposure")).findFirst().orElseThrow();
            assertThat(Files.readAllLines(imp).size() - 1L).isEqualTo(exposures);
        }
    }

    /** Copies tick {@code last}'s files as tick last + 1, which has no ticks row (a crash after the rename). */
    private static void strayTickAfter(Path run, int last) throws Exception {
        for (String table : List.of("events", "slates")) {
            Path stray = Files.createDirectories(run.resolve("log/" + table + "/tick=" + (last + 1)));
            Files.copy(run.resolve("log/" + table + "/tick=" + last + "/part-0.parquet"), stray.resolve("part-0.parquet"));
        }
    }

    private static int cli(String... args) {
        StringWriter sink = new StringWriter();
        return RecLoopCli.commandLine(new PrintWriter(sink, true), new PrintWriter(sink, true)).execute(args);
    }

    private static long sum(int[] a) {
        long s = 0;
        for (int v : a) {
            s += v;
        }
        return s;
    }

    /** Every tick's events and exposures, per tick and streamed, the clicks and metrics.csv are equal. */
    static void assertSameLog(Path a, Path b) throws Exception {
        assertThat(Files.readString(b.resolve("metrics.csv"))).isEqualTo(Files.readString(a.resolve("metrics.csv")));
        try (LogReader x = LogReader.open(a); LogReader y = LogReader.open(b)) {
            int last = x.lastCommittedTick();
            assertThat(y.lastCommittedTick()).isEqualTo(last).isPositive();
            assertThat(y.ticks()).usingRecursiveComparison(BITWISE).isEqualTo(x.ticks());
            assertThat(y.clicks()).usingRecursiveComparison(BITWISE).isEqualTo(x.clicks());
            try (TickStream<LogReader.Events> xe = x.eventsByTick(); TickStream<LogReader.Events> ye = y.eventsByTick();
                    TickStream<LogReader.Exposures> xs = x.exposuresByTick();
                    TickStream<LogReader.Exposures> ys = y.exposuresByTick()) {
                long events = 0;
                for (int t = 0; t <= last + 1; t++) {
                    LogReader.Events ev = x.events(t);
                    events += ev.size();
                    assertThat(y.events(t)).as("events of tick %d", t).usingRecursiveComparison(BITWISE).isEqualTo(ev);
                    assertThat(y.exposures(t)).as("exposures of tick %d", t).usingRecursiveComparison(BITWISE)
                            .isEqualTo(x.exposures(t));
                    assertThat(ye.tick(t)).usingRecursiveComparison(BITWISE).isEqualTo(xe.tick(t));
                    assertThat(ys.tick(t)).usingRecursiveComparison(BITWISE).isEqualTo(xs.tick(t));
                }
                assertThat(events).isPositive();
            }
        }
    }

    /** DuckDB's read_parquet over the run's files counts the rows the ticks table says were logged. */
    private static void assertDuckDbCounts(Path run) throws Exception {
        long exposures;
        long events;
        try (LogReader log = LogReader.open(run)) {
            exposures = sum(log.ticks().exposures());
            events = sum(log.ticks().events());
        }
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement st = c.createStatement()) {
            try (ResultSet rs = st.executeQuery("SELECT COUNT(*), COUNT(DISTINCT tick) FROM read_parquet('"
                    + run.resolve("log/events/*/*.parquet") + "', hive_partitioning = true)")) {
                rs.next();
                assertThat(rs.getLong(1)).isEqualTo(events);
            }
            try (ResultSet rs = st.executeQuery("SELECT SUM(len(items)) FROM read_parquet('"
                    + run.resolve("log/slates/*/*.parquet") + "')")) {
                rs.next();
                assertThat(rs.getLong(1)).isEqualTo(exposures);
            }
        }
    }
}
