package org.recloop.scenarios.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import org.recloop.core.serve.ServeContext;
import org.recloop.core.serve.SlateBatch;
import org.recloop.core.sim.RecLoopSim;
import org.recloop.core.world.World;
import org.recloop.recommenders.mf.FactorModel;
import org.recloop.recommenders.mf.ImplicitAlsRecommender;
import org.recloop.scenarios.runner.RunResult;
import org.recloop.scenarios.runner.ScenarioRunner;
import org.recloop.scenarios.schema.ResolvedScenario;
import org.recloop.scenarios.schema.ScenarioLoader;

/**
 * The simulation workloads: a synthetic world, MNL users of whom 10% are active per tick, slates
 * of 10 from ALS refitted every 10 ticks from the log, full event logging, through the real
 * runner (MASON schedule, H2 log). Steady-state figures are medians over the ticks after the
 * first refit; throughput of a phase = sessions of the tick / time in that phase.
 */
public final class SimBenchmark {

    /**
     * @param name workload name
     * @param users users
     * @param items items
     * @param ticks ticks to run
     * @param factors ALS factors
     * @param iterations ALS sweeps per refit
     * @param clusters candidate-retrieval clusters (0 = exact serving)
     * @param perCluster candidates kept per cluster
     * @param exposureSampling share of sessions whose slates are logged
     * @param store where events and slates go ({@code log.store}: h2 or parquet)
     * @param warmIterations ALS sweeps of refits after the first, started from the previous
     *     factors (0 = every refit starts afresh)
     */
    public record Workload(String name, int users, int items, int ticks, int factors, int iterations, int clusters,
            int perCluster, double exposureSampling, String store, int warmIterations) {
        public static Workload of(String name, Integer ticksOverride) {
            Workload w = switch (name) {
                case "small" -> new Workload("small", 10_000, 2_000, 30, 16, 4, 0, 500, 1.0, "h2", 0);
                // medium: many small clusters (256 x 150) serve faster than few large ones
                // (64 x 500) and with better recall (0.95 against 0.93 at tick 30); large keeps
                // 128 clusters because k-means over 1 M users grows with the cluster count
                case "medium" -> new Workload("medium", 100_000, 20_000, 30, 16, 3, 256, 150, 0.1, "h2", 0);
                case "large" -> new Workload("large", 1_000_000, 100_000, 100, 16, 2, 128, 500, 0.1, "h2", 1);
                default -> throw new IllegalArgumentException("unknown workload '" + name
                        + "'; available: small, medium, large, mf");
            };
            return ticksOverride == null ? w
                    : new Workload(w.name, w.users, w.items, ticksOverride, w.factors, w.iterations, w.clusters,
                            w.perCluster, w.exposureSampling, w.store, w.warmIterations);
        }

        /** This workload with {@code log.exposureSampling} and {@code log.store} replaced. */
        public Workload logging(double sampling, String logStore) {
            return new Workload(name, users, items, ticks, factors, iterations, clusters, perCluster, sampling, logStore,
                    warmIterations);
        }

        /** This workload with ALS warm-started refits of {@code sweeps} sweeps (0 = off). */
        public Workload warm(int sweeps) {
            return new Workload(name, users, items, ticks, factors, iterations, clusters, perCluster, exposureSampling,
                    store, sweeps);
        }

        String yaml() {
            // activity -ln(0.9) with no spread: every user arrives with probability exactly 0.1
            return String.format(Locale.ROOT, """
                    name: bench-%s
                    seed: 1
                    ticks: %d
                    slateSize: 10
                    world:
                      catalog: {type: synthetic, items: %d, dimensions: 16, topics: 50}
                      population: {type: synthetic, users: %d, meanActivity: 0.1053605, activitySpread: 0}
                    users: {type: mnl}
                    recommender:
                      type: als
                      factors: %d
                      iterations: %d%s
                      retrieval: {clusters: %d, perCluster: %d}
                    learn: {retrainEvery: 10}
                    metrics: [ctr, coverage, gini-exposure, homogenization, true-utility]
                    log: {exposureSampling: %s, groundTruthEvery: 0, store: %s}
                    """, name, ticks, items, users, factors, iterations,
                    warmIterations > 0 ? "\n  warmIterations: " + warmIterations : "", clusters, perCluster,
                    exposureSampling, store);
        }
    }

    private final Workload w;
    private final int threads;
    private final Path out;

    public SimBenchmark(Workload w, int threads, Path out) {
        this.w = w;
        this.threads = threads;
        this.out = out;
    }

    /** CPU time of the whole JVM process (every thread), or 0 where the platform does not say. */
    static long processCpuNanos() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? os.getProcessCpuTime() : 0;
    }

    static double median(List<Double> v) {
        double[] a = v.stream().mapToDouble(Double::doubleValue).toArray();
        return a.length == 0 ? Double.NaN : MfBenchmark.median(a);
    }

    static final int RECALL_USERS = 2000;

    /**
     * Recall@10 of the model's candidate serving against its exact top-10, over evenly spaced
     * users, excluding each user's consumed items as serving does.
     */
    static double recall(FactorModel approx, RecLoopSim sim) {
        World world = sim.world();
        int n = world.population().size();
        int[] ids = new int[Math.min(RECALL_USERS, n)];
        for (int j = 0; j < ids.length; j++) {
            ids[j] = (int) ((long) j * n / ids.length);
        }
        ServeContext ctx = new ServeContext((int) sim.schedule.getTime(), world.catalog().size(), world.history(), sim.streams(),
                world.catalog());
        SlateBatch a = new SlateBatch(ids, 10);
        SlateBatch e = new SlateBatch(ids, 10);
        approx.recommend(a, 0, ids.length, ctx);
        approx.recommendExact(e, 0, ids.length, ctx);
        return recall(e, a);
    }

    /** Share of the exact slates' items that the approximate slates also hold. */
    static double recall(SlateBatch exact, SlateBatch approx) {
        long hits = 0;
        long total = 0;
        for (int s = 0; s < exact.size(); s++) {
            java.util.Set<Integer> ex = new java.util.HashSet<>();
            for (int p = 0; p < exact.length(s); p++) {
                ex.add(exact.item(s, p));
            }
            for (int p = 0; p < approx.length(s); p++) {
                hits += ex.contains(approx.item(s, p)) ? 1 : 0;
            }
            total += ex.size();
        }
        return total == 0 ? Double.NaN : (double) hits / total;
    }

    public List<Figure> run(Consumer<String> progress) {
        ResolvedScenario rs = new ScenarioLoader().parse(w.yaml(), "bench-" + w.name + ".yaml");
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            p.resetPeakUsage();
        }
        List<Double> tickSec = new ArrayList<>();
        List<Double> sessionsPerSec = new ArrayList<>();
        List<Double> serveRate = new ArrayList<>();
        List<Double> reactRate = new ArrayList<>();
        List<Double> eventsPerSec = new ArrayList<>();
        List<Double> rowsPerSec = new ArrayList<>();
        long start = System.nanoTime();
        long[] started = new long[1];
        long[] cpuAtStart = new long[1];
        RecLoopSim[] simRef = new RecLoopSim[1];
        long[] last = new long[2];
        long[] lastPhases = new long[8];
        long[] totalSessions = new long[1];
        RunResult r = new ScenarioRunner().run(rs, new ScenarioRunner.Options(1L, threads, out, w.name), List.of(t -> {
            long now = System.nanoTime();
            long[] ph = simRef[0].phaseNanos();
            double dt = (now - last[0]) / 1e9;
            double serve = (ph[1] - lastPhases[1]) / 1e9;
            double react = (ph[2] - lastPhases[2]) / 1e9;
            last[0] = now;
            totalSessions[0] += t.sessions();
            System.arraycopy(ph, 0, lastPhases, 0, 8);
            // steady state: after the first refit (tick 9), not a refit tick itself
            if (t.tick() >= 10 && (t.tick() + 1) % 10 != 0) {
                tickSec.add(dt);
                sessionsPerSec.add(t.sessions() / dt);
                serveRate.add(t.sessions() / Math.max(1e-9, serve));
                reactRate.add(t.sessions() / Math.max(1e-9, react));
                eventsPerSec.add(t.events() / dt);
                rowsPerSec.add((t.events() + t.exposures() * w.exposureSampling) / dt);
            }
            if (t.tick() % 10 == 0) {
                progress.accept(String.format(Locale.ROOT, "tick %d: %.2f s, %,.0f sessions/s", t.tick(), dt,
                        t.sessions() / dt));
            }
        }), new ScenarioRunner.Observer() {
            @Override
            public void started(String runId, Path runDir, RecLoopSim sim) {
                simRef[0] = sim;
                started[0] = System.nanoTime();
                cpuAtStart[0] = processCpuNanos();
                last[0] = started[0];
                progress.accept("world built, database open: " + runDir);
            }
        });
        long peak = 0;
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP && p.getPeakUsage() != null) {
                peak += p.getPeakUsage().getUsed();
            }
        }
        String wl = w.name;
        List<Figure> f = new ArrayList<>();
        f.add(new Figure(wl, "setup (world, database, users and items tables)", (started[0] - start) / 1e9, "s"));
        long end = System.nanoTime();
        long cpu = processCpuNanos() - cpuAtStart[0];
        f.add(new Figure(wl, "total wall time, " + r.ticks() + " ticks", (end - start) / 1e9, "s"));
        f.add(new Figure(wl, "sessions/s, whole run after setup (every tick, refits included)",
                totalSessions[0] / ((end - started[0]) / 1e9), "sessions/s"));
        // on a shared machine the wall figures move with the load; CPU time much less
        f.add(new Figure(wl, "process CPU time after setup (all threads)", cpu / 1e9, "s"));
        f.add(new Figure(wl, "sessions per CPU second after setup", totalSessions[0] / (cpu / 1e9), "sessions/s"));
        f.add(new Figure(wl, "sessions/s, whole run including setup", totalSessions[0] / ((end - start) / 1e9),
                "sessions/s"));
        f.add(new Figure(wl, "ticks/s (steady state)", 1 / median(tickSec), "ticks/s"));
        f.add(new Figure(wl, "sessions/s (steady state: serve, react, log, learn, observe)", median(sessionsPerSec),
                "sessions/s"));
        f.add(new Figure(wl, "events/s logged", median(eventsPerSec), "events/s"));
        f.add(new Figure(wl, "rows/s written (events + exposure rows"
                + (w.exposureSampling < 1 ? ", exposures sampled at " + w.exposureSampling : "") + ")",
                median(rowsPerSec), "rows/s"));
        f.add(new Figure(wl, "recommend throughput (serve phase, k=10" + (w.clusters > 0 ? ", candidate retrieval" : "")
                + ")", median(serveRate), "users/s"));
        f.add(new Figure(wl, "react throughput (MNL choice + drift)", median(reactRate), "users/s"));
        long[] ph = simRef[0].phaseNanos();
        String[] names = {"arrive", "serve", "react", "log (staging)", "learn (refits)", "observe (metrics)", "act",
            "close (commit)"};
        for (int i = 0; i < ph.length; i++) {
            f.add(new Figure(wl, "time in phase " + names[i] + ", whole run", ph[i] / 1e9, "s"));
        }
        if (simRef[0].recommender() instanceof ImplicitAlsRecommender als && als.model() != null
                && als.model().candidates() != null) {
            f.add(new Figure(wl, "recall@10 of candidate retrieval against exact top-10 (final model, "
                    + RECALL_USERS + " users)", recall(als.model(), simRef[0]), "ratio"));
        }
        f.add(new Figure(wl, "peak heap (used, including garbage not yet collected)", peak / 1048576.0, "MiB"));
        f.add(new Figure(wl, "peak heap per agent", (double) peak / w.users, "bytes"));
        f.add(new Figure(wl, "population struct-of-arrays per agent", (4.0 * 16 + 4 + 2), "bytes"));
        return f;
    }
}
