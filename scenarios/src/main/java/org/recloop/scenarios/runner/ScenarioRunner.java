package org.recloop.scenarios.runner;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.recloop.agents.llm.Environment;
import org.recloop.agents.llm.LangChainLanguageModels;
import org.recloop.analysis.output.MetricsCsvWriter;
import org.recloop.core.act.Intervention;
import org.recloop.core.capability.GroundTruth;
import org.recloop.core.config.Check;
import org.recloop.core.capability.RunCapabilities;
import org.recloop.core.capability.SocialGraphView;
import org.recloop.core.lm.LanguageModels;
import org.recloop.core.lm.ModelCallJournal;
import org.recloop.core.lm.RankingDiagnostics;
import org.recloop.core.log.EventLog;
import org.recloop.core.log.H2EventLog;
import org.recloop.core.log.ReplayingLog;
import org.recloop.core.log.H2Url;
import org.recloop.core.log.Provenance;
import org.recloop.core.log.RunInfo;
import org.recloop.core.log.RunStatus;
import org.recloop.core.metric.Metric;
import org.recloop.core.metric.TickView;
import org.recloop.core.react.ModelCallStats;
import org.recloop.core.rng.RandomStreams;
import org.recloop.core.sim.RecLoopSim;
import org.recloop.core.sim.SimConfig;
import org.recloop.core.sim.TickListener;
import org.recloop.core.world.Catalog;
import org.recloop.core.world.LoadPolicy;
import org.recloop.core.world.LoadReport;
import org.recloop.core.world.Population;
import org.recloop.core.world.World;
import org.recloop.scenarios.output.OutputLock;
import org.recloop.scenarios.registry.Component;
import org.recloop.scenarios.schema.ResolvedScenario;
import org.recloop.scenarios.schema.ScenarioException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a resolved scenario headless: builds the world, creates {@code <out>/<run-id>/} with the
 * scenario, its resolved form, the H2 database and metrics.csv, and steps the MASON model to the
 * end. Ctrl-C or SIGTERM stops the run after the tick in progress and records it as 'interrupted'
 * (see {@link StopSignal}); a failure records 'failed' with the error. A run whose user model
 * reports ({@link ModelCallStats}) more failed LLM calls than its scenario tolerates is recorded
 * as 'degraded', with the failure share and the threshold as its error. The run folder is locked
 * ({@link OutputLock}) while the run writes it. A scenario whose slate is larger than its catalog,
 * or whose {@link MemoryEstimate} exceeds the heap, is refused with a {@link ScenarioException}
 * before the run folder exists.
 */
public final class ScenarioRunner {

    private static final Logger LOG = LoggerFactory.getLogger(ScenarioRunner.class);
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    /**
     * Command-line overrides.
     *
     * @param seed replaces the scenario's seed if not null
     * @param threads replaces the scenario's thread count if not null
     * @param outDir parent folder of run folders
     * @param arm label of the experimental arm this run belongs to (sweeps), or null
     * @param data how the world's data files treat rows they would drop or merge ({@code --strict});
     *     null means lenient
     * @param store replaces the scenario's {@code log.store} (h2 or parquet) if not null
     */
    public record Options(Long seed, Integer threads, Path outDir, String arm, LoadPolicy data, String store) {
        public Options {
            if (store != null) {
                SimConfig.Log.checkStore("--store", store);
            }
            if (threads != null) { // the kernel's check, named as the command line spells it
                Check.positive("--threads", threads);
                Check.atMost("--threads", threads, SimConfig.Run.MAX_THREADS);
            }
            outDir = outDir == null ? Path.of("runs") : outDir;
            data = data == null ? LoadPolicy.LENIENT : data;
        }

        public Options(Long seed, Integer threads, Path outDir, String arm, LoadPolicy data) {
            this(seed, threads, outDir, arm, data, null);
        }

        public Options(Long seed, Integer threads, Path outDir, String arm) {
            this(seed, threads, outDir, arm, null);
        }

        public Options(Long seed, Integer threads, Path outDir) {
            this(seed, threads, outDir, null);
        }
    }

    private final ObjectMapper json = new ObjectMapper();
    /** What the run's language models read: the API key, and base URL and model overrides. */
    private final Environment environment;

    /** A runner whose language models read the process environment. */
    public ScenarioRunner() {
        this(Environment.system());
    }

    /**
     * A runner whose language models read {@code environment} (the CLI's {@code --llm-base-url}
     * and {@code --llm-model} over the process environment): a value of this runner, so runs of
     * other runners in the same JVM keep their own.
     */
    public ScenarioRunner(Environment environment) {
        this.environment = java.util.Objects.requireNonNull(environment, "environment");
    }

    /** The RecLoop version recorded in each run. */
    public static String codeVersion() {
        return RunProvenance.version();
    }

    /** Hook for the CLI. */
    public interface Observer {
        /**
         * Told once the world is built, before the run folder exists, with one report per data file
         * the world was loaded from (none for a synthetic world), in load order.
         */
        default void dataLoaded(List<LoadReport> reports) {}

        /** Told once the run folder exists and the model is built. */
        default void started(String runId, Path runDir, RecLoopSim sim) {}

        /**
         * Told once, just before {@link #started}, with the scenario's user model (the model of the
         * users at the start; accounts an intervention adds may be answered by models of their own),
         * e.g. to show an LLM agent's memory ({@link org.recloop.core.capability.AgentMemories}).
         */
        default void userModel(org.recloop.core.react.UserModel model) {}

        /**
         * Told on the simulation thread after each tick's reactions, Learn phase and metrics, with a
         * read-only view of the tick: every slate shown (whatever {@code log.exposureSampling} keeps)
         * and every event logged. It reaches the observer as a metric with no values ({@link
         * ObservedTicks}), so the log and metrics.csv are the same with or without it. It must
         * change nothing it is shown and draw nothing.
         */
        default void tick(TickView view) {}
    }

    /**
     * {@code data-report.json}: the load policy and, per data file, rows read, kept, dropped and
     * merged by reason, so a run's folder says what its world was built from.
     */
    private void writeDataReport(Path dir, LoadPolicy policy, List<LoadReport> reports) throws IOException {
        ObjectNode root = json.createObjectNode();
        root.put("strict", policy.strict());
        root.set("files", json.valueToTree(reports));
        Files.writeString(dir.resolve("data-report.json"), json.writerWithDefaultPrettyPrinter().writeValueAsString(root),
                StandardCharsets.UTF_8);
    }

    /** The runs table's error of a degraded run. */
    static String degradation(ModelCallStats stats) {
        return String.format(java.util.Locale.ROOT, "%d of %d LLM calls failed (%.1f%%), more than the scenario's"
                + " users.maxFailureShare of %.1f%%; the fallback model made those decisions", stats.failedModelCalls(),
                stats.modelCalls(), 100 * stats.failureShare(), 100 * stats.maxFailureShare());
    }

    /**
     * Locks the new run folder for the whole run. Nobody else writes into a folder this runner
     * just created, but the lock tells {@code recloop recover} that the run is alive (a live
     * run's database looks like a crashed one) and is released by the OS if this process dies.
     */
    private static OutputLock lockRunFolder(Path dir, String runId) {
        try {
            return OutputLock.acquire(dir, "recloop run " + runId);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot lock the run folder " + dir, e);
        } catch (OutputLock.BusyException e) {
            throw new IllegalStateException(e.getMessage(), e); // the folder was created just now
        }
    }

    public RunResult run(ResolvedScenario rs, Options options, List<TickListener> listeners) {
        return run(rs, options, listeners, new Observer() {});
    }

    /**
     * Steps a built model to its end: headless ({@link RecLoopSim#runToEnd}, the default) or from a
     * GUI's console. It returns once the model has recorded its end ({@link RecLoopSim#recordEnd} or
     * {@link RecLoopSim#recordFailure}), on any thread; the runner then records the final status
     * and closes the run. Throwing fails the run as {@code runToEnd} does.
     */
    @FunctionalInterface
    public interface Driver {
        void drive(RecLoopSim sim);
    }

    public RunResult run(ResolvedScenario rs, Options options, List<TickListener> listeners, Observer observer) {
        return run(rs, options, listeners, observer, RecLoopSim::runToEnd);
    }

    public RunResult run(ResolvedScenario rs, Options options, List<TickListener> listeners, Observer observer,
            Driver driver) {
        return run(rs, options, listeners, observer, driver, null);
    }

    /**
     * As {@link #run(ResolvedScenario, Options, List, Observer, Driver)}; with a {@code
     * continuation}, the run continues one already in a database ({@link ContinuedRuns}) by
     * replaying its committed ticks through a {@link ReplayingLog}.
     */
    RunResult run(ResolvedScenario rs, Options options, List<TickListener> listeners, Observer observer,
            Driver driver, Continuation continuation) {
        long started = System.nanoTime();
        var s = rs.scenario();
        H2Url.checkUsable(options.outDir()); // before anything is created under it
        RunSettings settings = RunSettings.of(s, options);
        long seed = settings.seed();
        SimConfig config = settings.config();
        int threads = config.run().threads();
        RandomStreams streams = new RandomStreams(seed);

        // everything that can fail on bad input happens before the run folder exists
        LoadPolicy policy = options.data();
        // a set: a file read by two sources (the 'ratings' catalog and population) is reported once
        Set<LoadReport> reports = new LinkedHashSet<>();
        World world = buildWorld(rs, streams, policy, reports);
        List<LoadReport> dataReports = List.copyOf(reports);
        observer.dataLoaded(dataReports);
        LanguageModels languageModels = new LangChainLanguageModels(environment, streams);
        ModelCallJournal modelCalls = new ModelCallJournal();
        RunCapabilities capabilities = capabilities(world, languageModels, modelCalls);
        List<Metric> metrics = new ArrayList<>();
        List<String> metricNames = new ArrayList<>();
        createMetrics(rs, capabilities, metrics, metricNames);
        metrics.add(new ObservedTicks(observer)); // last: sees the tick as the scenario's metrics did
        List<Intervention> interventions = rs.interventions().stream().map(c -> c.create(capabilities)).toList();

        ObjectNode resolved = rs.resolved().deepCopy();
        resolved.put("seed", seed);
        resolved.put("threads", threads);
        if (options.store() != null) {
            (resolved.get("log") instanceof ObjectNode log ? log : resolved.putObject("log")).put("store", options.store());
        }
        if (options.arm() != null) {
            resolved.put("arm", options.arm());
        }
        RunFolder folder = continuation != null && continuation.dir() != null
                ? new RunFolder(continuation.runId(), continuation.dir())
                : createRunFolder(rs, options, seed, resolved, policy, dataReports);
        String runId = folder.runId();
        Path dir = folder.dir();

        Map<String, Double> first = new LinkedHashMap<>();
        Map<String, Double> last = new LinkedHashMap<>();
        org.recloop.core.react.UserModel userModel = null;
        StopSignal.Subscription stop = null;
        OutputLock runLock = continuation != null && continuation.lock() != null ? continuation.lock()
                : lockRunFolder(dir, runId);
        RunCheckpoints checkpoints;
        try {
            checkpoints = RunCheckpoints.prepare(continuation, runId, dir, rs, seed, config.log().checkpointEvery());
        } catch (RuntimeException e) {
            runLock.close();
            throw e;
        }
        try (H2EventLog h2 = openLog(dir, config);
                MetricsCsvWriter csv = new MetricsCsvWriter(dir.resolve("metrics.csv"), metricNames)) {
            ReplayingLog log = new ReplayingLog(h2, checkpoints.replayThrough(), checkpoints.keeper());
            org.recloop.core.serve.Recommender recommender = rs.recommender().create(capabilities);
            userModel = rs.users().create(capabilities);
            grantClickProbabilities(capabilities, userModel);
            RecLoopSim sim = new RecLoopSim(config, world, streams, recommender,
                    rs.recommender().type(), userModel, metrics, interventions, log);
            sim.logModelCallsOf(modelCalls); // the recommender's llm_calls rows, wherever it is nested
            // after the user model is made: it may name files of its own (an LLM response cache)
            Provenance provenance = RunProvenance.of(rs);
            RunInfo info = new RunInfo(runId, s.name(), rs.text(), resolved.toString(), seed, codeVersion(), threads,
                    provenance);
            checkpoints.attach(sim, userModel, recommender);
            checkpoints.open(log, info, world); // after the user model's init: archetypes and activity are final
            addListeners(sim, csv, languageModels, first, last, listeners);
            observer.userModel(userModel);
            observer.started(runId, dir, sim);
            // On Ctrl-C / SIGTERM: finish the tick in progress and record 'interrupted'. The
            // subscription stays open until the database is closed (finally below): the
            // StopSignal hook waits for it.
            stop = StopSignal.onStop(sim::requestStop);
            driver.drive(sim);
            RunStatus status = finalStatus(sim, userModel, log, runId);
            checkpoints.atEnd(sim);
            long llmCalls = userModel instanceof ModelCallStats stats ? stats.modelCalls() : 0;
            long llmFailed = userModel instanceof ModelCallStats stats ? stats.failedModelCalls() : 0;
            double wall = (System.nanoTime() - started) / 1e9;
            LOG.info("run {} {} in {} s", runId, status.label(), wall);
            if (!modelCalls.outcomeCounts().isEmpty()) {
                LOG.info("run {}: llm_calls rows of other components than the users, by outcome: {}", runId,
                        modelCalls.outcomeCounts());
            }
            return new RunResult(runId, dir, H2EventLog.jdbcUrl(dir), status, seed, threads, sim.ticksDone(),
                    sim.totalSessions(), sim.totalExposures(), sim.totalEvents(), sim.totalClicks(), wall,
                    java.util.Collections.unmodifiableMap(first), java.util.Collections.unmodifiableMap(last), llmCalls,
                    llmFailed, provenance);
        } finally {
            release(userModel, languageModels);
            // last: a stop request's hook waits for this before the process exits
            if (stop != null) {
                stop.close();
            }
            runLock.close();
        }
    }

    /** The run's log in {@code dir}, storing slates and ticks as the scenario's {@code log} section says. */
    private static H2EventLog openLog(Path dir, SimConfig config) {
        H2EventLog h2 = new H2EventLog(dir, config.log().queueCapacity(), config.log().maxBufferedRows());
        try {
            if (config.log().slatesAsRows()) {
                h2.storeSlatesAsRows(config.run().slateSize());
            }
            if (config.log().parquet()) {
                h2.storeTicksAsParquet();
            }
            return h2;
        } catch (RuntimeException e) {
            h2.close(); // as the try-with-resources that receives it would have
            throw e;
        }
    }

    /**
     * Builds the world from the scenario's sources and refuses it, before the run folder exists,
     * if the slate is larger than the catalog or the run would not fit in the heap.
     */
    static World buildWorld(ResolvedScenario rs, RandomStreams streams, LoadPolicy policy,
            Set<LoadReport> reports) {
        var s = rs.scenario();
        long heap = Runtime.getRuntime().maxMemory();
        MemoryEstimate.stated(rs).ifPresent(e -> e.requireFits(rs.file(), 1, heap));
        Catalog catalog = rs.catalog().create().build(streams, policy, reports::add);
        Population population = rs.population().create().build(catalog, streams, policy, reports::add);
        World world = World.of(catalog, population,
                rs.graph().create().build(population, catalog, streams, policy, reports::add));
        if (s.slateSize() > catalog.size()) {
            throw new ScenarioException(rs.file(), "slateSize", String.format(java.util.Locale.ROOT,
                    "must be at most the catalog's %,d items, was %,d", catalog.size(), s.slateSize()));
        }
        MemoryEstimate.of(rs, population.size(), catalog.size(), catalog.dim()).requireFits(rs.file(), 1, heap);
        return world;
    }

    /** A new run folder and the run id it is named after. */
    private record RunFolder(String runId, Path dir) {}

    /**
     * Creates {@code <out>/<name>-s<seed>-<stamp>[-n]/} (the first free name) and writes the
     * scenario, its resolved form and, for a world read from files, the data report into it.
     */
    private RunFolder createRunFolder(ResolvedScenario rs, Options options, long seed, ObjectNode resolved,
            LoadPolicy policy, List<LoadReport> dataReports) {
        try {
            Files.createDirectories(options.outDir());
            String base = rs.scenario().name() + "-s" + seed + "-" + LocalDateTime.now().format(STAMP);
            Path dir = null;
            String runId = base;
            for (int n = 1; dir == null; n++) {
                runId = n == 1 ? base : base + "-" + n;
                try {
                    dir = Files.createDirectory(options.outDir().resolve(runId));
                } catch (FileAlreadyExistsException e) {
                    dir = null;
                }
            }
            Files.writeString(dir.resolve("scenario.yaml"), rs.text(), StandardCharsets.UTF_8);
            Files.writeString(dir.resolve("resolved.json"),
                    json.writerWithDefaultPrettyPrinter().writeValueAsString(resolved), StandardCharsets.UTF_8);
            if (!dataReports.isEmpty()) {
                writeDataReport(dir, policy, dataReports);
            }
            return new RunFolder(runId, dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create run folder under " + options.outDir(), e);
        }
    }

    /**
     * The runner's own listeners (metrics.csv, the language models' tick end, the first and last
     * tick's metrics for the result), then the caller's, in that order.
     */
    private static void addListeners(RecLoopSim sim, MetricsCsvWriter csv, LanguageModels languageModels,
            Map<String, Double> first, Map<String, Double> last, List<TickListener> listeners) {
        sim.addListener(csv);
        sim.addListener(t -> languageModels.tickEnded(t.tick())); // idempotent: a user model may have done it
        sim.addListener(t -> {
            if (t.tick() == 0) {
                first.putAll(t.metrics());
            }
            last.clear();
            last.putAll(t.metrics());
        });
        listeners.forEach(sim::addListener);
    }

    /**
     * 'finished' or 'interrupted' as the simulation recorded it, or 'degraded' (recorded here, with
     * the reason) for a finished run whose user model failed more LLM calls than it tolerates.
     */
    private static RunStatus finalStatus(RecLoopSim sim, org.recloop.core.react.UserModel userModel, EventLog log,
            String runId) {
        RunStatus status = sim.isDone() ? RunStatus.FINISHED : RunStatus.INTERRUPTED;
        if (userModel instanceof ModelCallStats stats && status == RunStatus.FINISHED && stats.degraded()) {
            status = RunStatus.DEGRADED;
            String why = degradation(stats);
            log.finish(status, why); // replaces the 'finished' the simulation recorded
            LOG.warn("run {} degraded: {}", runId, why);
        }
        return status;
    }

    /** User models that hold resources (LLM client pools, response caches) release them here. */
    private static void release(org.recloop.core.react.UserModel userModel, LanguageModels languageModels) {
        if (userModel instanceof AutoCloseable c) {
            try {
                c.close();
            } catch (Exception e) {
                LOG.warn("closing the user model failed: {}", e.toString());
            }
        }
        try {
            languageModels.close(); // writes the response caches
        } catch (RuntimeException e) {
            LOG.warn("closing the language models failed: {}", e.toString());
        }
    }

    /** What components may ask the kernel for, bound for every component at every depth of nesting. */
    static RunCapabilities capabilities(World world, LanguageModels languageModels, ModelCallJournal modelCalls) {
        return new RunCapabilities().grant(GroundTruth.class, GroundTruth.of(world))
                .grant(LanguageModels.class, languageModels)
                .grant(ModelCallJournal.class, modelCalls)
                .grant(RankingDiagnostics.class, new RankingDiagnostics())
                .grant(org.recloop.core.lm.ConversationBoard.class, new org.recloop.core.lm.ConversationBoard())
                .grant(org.recloop.core.capability.DetectionBoard.class, new org.recloop.core.capability.DetectionBoard())
                // every world has a follow graph (empty without one); defences use it once it has edges
                .grant(SocialGraphView.class, SocialGraphView.of(world.graph()));
    }

    /** The scenario's metrics, in order, and the names of their columns. */
    private static void createMetrics(ResolvedScenario rs, RunCapabilities capabilities, List<Metric> metrics,
            List<String> names) {
        for (Component<Metric> c : rs.metrics()) {
            Metric m = c.create(capabilities);
            metrics.add(m);
            names.addAll(m.names());
        }
    }

    /** The user model's click probabilities, when it can state them, for the learnability metric. */
    private static void grantClickProbabilities(RunCapabilities capabilities, org.recloop.core.react.UserModel model) {
        if (model instanceof org.recloop.core.react.ClickProbabilities truth) {
            capabilities.grant(org.recloop.core.react.ClickProbabilities.class, truth);
        }
    }
}
