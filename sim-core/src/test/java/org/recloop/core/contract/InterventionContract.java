package org.recloop.core.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.apache.commons.rng.UniformRandomProvider;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.recloop.core.act.ActContext;
import org.recloop.core.act.Intervention;
import org.recloop.core.log.H2EventLog;
import org.recloop.core.log.RunInfo;
import org.recloop.core.react.EventBuffer;
import org.recloop.core.react.EventType;
import org.recloop.core.react.ReactContext;
import org.recloop.core.react.UserGroupModel;
import org.recloop.core.react.UserModel;
import org.recloop.core.rng.RandomStreams;
import org.recloop.core.serve.SlateBatch;
import org.recloop.core.sim.RecLoopSim;
import org.recloop.core.sim.SimConfig;
import org.recloop.core.world.World;

/**
 * The {@link Intervention} contract, for every intervention a module lists in
 * {@link #interventions} (each scheduled inside {@value #TICKS} ticks): in a real run (MASON
 * schedule, H2 log on disk) it is applied once, in the Act phase of its tick, it is logged in the
 * interventions table with its type and description, and two runs with the same seed give the
 * same log.
 */
public abstract class InterventionContract {

    /** Ticks of the contract's runs; listed interventions must be scheduled before this. */
    protected static final int TICKS = 6;
    private static final long SEED = 17;

    /** The interventions to check by name, each supplier making a fresh instance. */
    protected abstract Map<String, Supplier<Intervention>> interventions();

    /** A folder for the runs' databases (e.g. a JUnit {@code @TempDir}). */
    protected abstract Path workDir();

    @TestFactory
    Stream<DynamicTest> keepTheContract() {
        return interventions().entrySet().stream().map(e -> DynamicTest.dynamicTest(
                e.getKey() + ": applied once at its tick, logged, deterministic", () -> check(e.getKey(), e.getValue())));
    }

    private void check(String name, Supplier<Intervention> make) throws Exception {
        List<Integer> appliedAt = new ArrayList<>();
        Intervention probe = make.get();
        assertThat(probe.tick()).as("%s is scheduled inside the contract's run", name).isBetween(0, TICKS - 1);
        Path a = run(name + "-a", recording(probe, appliedAt));
        assertThat(appliedAt).as("%s: applied once, in the Act phase of its tick", name).containsExactly(probe.tick());
        Path b = run(name + "-b", make.get());
        try (Connection ca = open(a); Connection cb = open(b)) {
            try (Statement st = ca.createStatement();
                    ResultSet rs = st.executeQuery("SELECT tick, type, description FROM interventions")) {
                assertThat(rs.next()).as("%s is logged", name).isTrue();
                assertThat(rs.getInt(1)).isEqualTo(probe.tick());
                assertThat(rs.getString(2)).isEqualTo(probe.type());
                assertThat(rs.getString(3)).isEqualTo(probe.describe());
                assertThat(rs.next()).as("%s is logged once", name).isFalse();
            }
            for (String q : List.of("SELECT * FROM events ORDER BY id", "SELECT * FROM exposures ORDER BY id",
                    "SELECT * FROM interventions ORDER BY tick", "SELECT * FROM metrics ORDER BY tick, name")) {
                assertThat(checksum(cb, q)).as("%s: same seed, same log (%s)", name, q).isEqualTo(checksum(ca, q));
            }
        }
    }

    private static Intervention recording(Intervention iv, List<Integer> appliedAt) {
        return new Intervention() {
            @Override
            public int tick() {
                return iv.tick();
            }

            @Override
            public String type() {
                return iv.type();
            }

            @Override
            public String describe() {
                return iv.describe();
            }

            @Override
            public void apply(ActContext ctx) {
                appliedAt.add(ctx.tick());
                iv.apply(ctx);
            }
        };
    }

    private Path run(String label, Intervention iv) throws Exception {
        Path dir = Files.createDirectories(workDir().resolve(label));
        var world = ContractWorlds.world(SEED);
        RandomStreams streams = new RandomStreams(SEED);
        try (H2EventLog log = new H2EventLog(dir, 8)) {
            RecLoopSim sim = new RecLoopSim(SimConfig.DEFAULTS.withTicks(TICKS).withSlateSize(5).withRetrainEvery(2).withThreads(2).withChunkSize(64), world, streams, new FirstUnconsumedRecommender(),
                    "first-unconsumed", clickFirstSometimes(), List.of(), List.of(iv), log);
            log.open(new RunInfo(label, label, "", "{}", SEED, "contract", 2), world);
            sim.runToEnd();
            assertThat(sim.isDone()).isTrue();
        }
        return dir;
    }

    private static Connection open(Path run) throws Exception {
        return DriverManager.getConnection(H2EventLog.jdbcUrl(run), "sa", "");
    }

    private static String checksum(Connection c, String sql) throws Exception {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            ResultSetMetaData meta = rs.getMetaData();
            while (rs.next()) {
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    md.update(String.valueOf(rs.getObject(i)).getBytes(java.nio.charset.StandardCharsets.UTF_8));
                    md.update((byte) 0x1f);
                }
                md.update((byte) '\n');
            }
        }
        return HexFormat.of().formatHex(md.digest());
    }

    /**
     * Clicks the first item of a slate with probability 0.3 per session (per-user streams). Keeps
     * no per-user state, so it can answer next to the groups that interventions add.
     */
    private static UserModel clickFirstSometimes() {
        return new UserGroupModel() {
            @Override
            public void initGroup(World world, RandomStreams streams, int from, int to) {}

            @Override
            public CompletableFuture<Void> react(ReactContext ctx, SlateBatch slates, int from, int to,
                    EventBuffer out) {
                for (int s = from; s < to; s++) {
                    int u = slates.user(s);
                    UniformRandomProvider g = ctx.streams().stream(4545, u, ctx.tick());
                    if (slates.length(s) > 0 && g.nextDouble() < 0.3) {
                        out.add(u, slates.item(s, 0), EventType.CLICK, s, 0, 1f);
                        out.add(u, slates.item(s, 0), EventType.CONSUME, s, 0, 1f);
                    }
                }
                return CompletableFuture.completedFuture(null);
            }
        };
    }
}
