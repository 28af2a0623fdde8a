package org.recloop.scenarios.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.ServiceLoader;
import org.recloop.core.sim.SimConfig;
import org.recloop.core.sim.TickEngine;
import org.recloop.core.sim.TickListener;
import org.recloop.scenarios.runner.RunResult;
import org.recloop.scenarios.runner.ScenarioRunner;
import org.recloop.scenarios.runner.EngineProvider;
import org.recloop.scenarios.runner.EngineRequest;
import org.recloop.scenarios.schema.ResolvedScenario;

/** {@code recloop run --engine NAME}: the kernel's own threads, or an engine found on the class path. */
final class Engines {

    /** A refusal before anything is made; the message names the option and the reason. */
    static final class Refused extends Exception {
        private static final long serialVersionUID = 1L;

        Refused(String message) {
            super(message);
        }
    }

    private Engines() {}

    /** Null for the local engine; else the named engine, opened (its master reached) for this run. */
    static TickEngine open(String name, String master, Integer partitions, String store, ResolvedScenario rs, Path file,
            Long seed, Integer threads, LlmOverrides llm) throws Refused {
        if (store != null) {
            try {
                SimConfig.Log.checkStore("--store", store);
            } catch (org.recloop.core.config.InvalidParameterException e) {
                throw new Refused(e.field() + " " + e.reason());
            }
        }
        if (name.equals("local")) {
            if (master != null || partitions != null) {
                throw new Refused((master != null ? "--master" : "--partitions") + " needs --engine spark");
            }
            return null;
        }
        if (partitions != null && partitions <= 0) {
            throw new Refused("--partitions must be at least 1, was " + partitions);
        }
        List<String> found = new ArrayList<>();
        for (EngineProvider p : ServiceLoader.load(EngineProvider.class)) {
            found.add(p.name());
            if (p.name().equals(name)) {
                long runSeed = seed != null ? seed : rs.scenario().seed();
                int runThreads = threads != null ? threads : rs.scenario().config().run().threads();
                try {
                    return p.open(new EngineRequest(rs, file, runSeed, runThreads, master,
                            partitions == null ? 0 : partitions, llm.baseUrl, llm.model));
                } catch (EngineProvider.EngineUnavailableException e) {
                    throw new Refused(e.getMessage());
                }
            }
        }
        if (name.equals("spark")) {
            throw new Refused("--engine spark: the Spark engine is not on this class path; it ships as"
                    + " spark/target/recloop-spark.jar (bin/recloop builds and uses it when --engine spark is given)");
        }
        throw new Refused("--engine must be local" + (found.isEmpty() ? "" : ", " + String.join(", ", found))
                + " or spark, was '" + name + "'");
    }

    /**
     * The store of a run's events and slates: {@code --store} if given; else with the Spark engine
     * Parquet (a log at that scale, readable by Spark, DuckDB and pandas) unless the scenario names
     * its store; else null (the scenario's, h2 by default).
     */
    static String store(String store, String engine, ResolvedScenario rs) {
        if (store != null || engine.equals("local")) {
            return store;
        }
        return rs.namesLogStore() ? null : SimConfig.Log.PARQUET;
    }

    /** A finished run, and for another engine the closing table's lines on where its time went (else null). */
    record Outcome(RunResult result, String engineLines) {}

    /** Runs the scenario on the kernel's threads ({@code engine} null) or on {@code engine}. */
    static Outcome run(ScenarioRunner runner, TickEngine engine, ResolvedScenario rs, ScenarioRunner.Options options,
            List<TickListener> listeners, ScenarioRunner.Observer observer) {
        if (engine == null) {
            return new Outcome(runner.run(rs, options, listeners, observer), null);
        }
        String[] phases = new String[1];
        RunResult r = runner.run(rs, options, listeners, observer, sim -> {
            sim.useEngine(engine);
            try {
                sim.runToEnd();
            } finally {
                phases[0] = phaseLine(sim.phaseNanos());
            }
        });
        return new Outcome(r, "engine    " + engine.summary() + System.lineSeparator() + "phases    " + phases[0]);
    }

    /** Wall seconds per kernel phase; with another engine the first covers Arrive, Serve and React. */
    static String phaseLine(long[] nanos) {
        String[] names = {"users (arrive, serve, react)", "serve", "react (kernel side)", "log", "learn", "observe", "act",
            "close"};
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < nanos.length; i++) {
            if (i == 1) {
                continue; // part of the engine's round
            }
            b.append(b.length() == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%s %.1f s", names[i], nanos[i] / 1e9));
        }
        return b.toString();
    }

}
