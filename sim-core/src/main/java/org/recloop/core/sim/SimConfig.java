package org.recloop.core.sim;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import org.recloop.core.config.Check;
import org.recloop.core.config.InvalidParameterException;
import org.recloop.core.log.H2EventLog;
import org.recloop.core.serve.ServingPolicy;

/**
 * Kernel settings of a run, as four small values: how long and how wide ({@link Run}), when the
 * recommender relearns ({@link Learn}), how the social feed is mixed in ({@link Feed}) and what
 * the event log keeps ({@link Log}).
 *
 * <p>Every default is written once, in {@link #DEFAULTS}. Each record validates itself in its
 * compact constructor, throwing {@link InvalidParameterException} with the field's name, so a
 * value is checked once, with one message style, whether it comes from a scenario file (the
 * schema reads {@link Learn}, {@link Feed} and {@link Log} directly through their {@code of}
 * factories, which fill the fields left out from the defaults), the command line or a test.
 * Layers, lowest first: {@link #DEFAULTS} &lt; the scenario file &lt; the command line
 * ({@code --seed}, {@code --threads}); the scenario runner applies them in one place.
 *
 * <p>For tests, start from the defaults: {@code SimConfig.DEFAULTS.withTicks(6).withSlateSize(3)}.
 *
 * @param run ticks, slate size, threads and chunking
 * @param learn the retraining schedule
 * @param feed how the social feed is mixed into slates
 * @param log what the event log keeps and how much it buffers
 */
public record SimConfig(Run run, Learn learn, Feed feed, Log log) {

    /**
     * Every kernel default, in one place. {@code run.ticks} is for programmatic use only (a
     * scenario file must state its ticks); {@code run.threads} is the machine's processors, at
     * most {@link Run#MAX_THREADS}.
     */
    public static final SimConfig DEFAULTS = new SimConfig(
            new Run(10, 10, Math.min(Runtime.getRuntime().availableProcessors(), Run.MAX_THREADS), 512),
            new Learn(5, 0),
            new Feed(0.0, 10, ServingPolicy.DEFAULT),
            new Log(16, 0, 1.0, H2EventLog.DEFAULT_MAX_BUFFERED_ROWS, Log.SLATES, Log.DEFAULT_CHECKPOINT_EVERY,
                    Log.H2));

    public SimConfig {
        if (run == null || learn == null || feed == null || log == null) {
            throw new IllegalArgumentException("run, learn, feed and log are required");
        }
    }

    public SimConfig withRun(Run r) {
        return new SimConfig(r, learn, feed, log);
    }

    public SimConfig withLearn(Learn l) {
        return new SimConfig(run, l, feed, log);
    }

    public SimConfig withFeed(Feed f) {
        return new SimConfig(run, learn, f, log);
    }

    public SimConfig withLog(Log l) {
        return new SimConfig(run, learn, feed, l);
    }

    public SimConfig withTicks(int ticks) {
        return withRun(new Run(ticks, run.slateSize(), run.threads(), run.chunkSize()));
    }

    public SimConfig withSlateSize(int slateSize) {
        return withRun(new Run(run.ticks(), slateSize, run.threads(), run.chunkSize()));
    }

    public SimConfig withThreads(int threads) {
        return withRun(new Run(run.ticks(), run.slateSize(), threads, run.chunkSize()));
    }

    public SimConfig withChunkSize(int chunkSize) {
        return withRun(new Run(run.ticks(), run.slateSize(), run.threads(), chunkSize));
    }

    public SimConfig withRetrainEvery(int retrainEvery) {
        return withLearn(new Learn(retrainEvery, learn.window()));
    }

    /**
     * How long and how wide a run is.
     *
     * @param ticks number of ticks to run (&gt; 0)
     * @param slateSize items per slate, k (&gt; 0, at most {@link #MAX_SLATE_SIZE})
     * @param threads worker threads for Serve and React (1 to {@link #MAX_THREADS}); results do not
     *     depend on it
     * @param chunkSize slates per work chunk; fixed so that chunking, and thus the log, does not
     *     depend on the thread count
     */
    public record Run(int ticks, int slateSize, int threads, int chunkSize) {
        /** Worker threads of one run: more only adds OS threads. */
        public static final int MAX_THREADS = 256;
        /** Items per slate. */
        public static final int MAX_SLATE_SIZE = 1_000;

        public Run {
            Check.positive("ticks", ticks);
            Check.positive("slateSize", slateSize);
            Check.atMost("slateSize", slateSize, MAX_SLATE_SIZE);
            Check.positive("threads", threads);
            Check.atMost("threads", threads, MAX_THREADS);
            Check.positive("chunkSize", chunkSize);
        }

        /** The given fields, and the defaults for those that are null. */
        public static Run of(Integer ticks, Integer slateSize, Integer threads) {
            Run d = DEFAULTS.run();
            return new Run(or(ticks, d.ticks()), or(slateSize, d.slateSize()), or(threads, d.threads()), d.chunkSize());
        }
    }

    /**
     * Training policy. The recommender's incremental {@code update}/{@code observe} run every tick;
     * a full refit from the log runs every {@code retrainEvery} ticks.
     *
     * @param retrainEvery full refit from the log every N ticks (0 = never)
     * @param window a refit sees the clicks of the last N ticks only (sliding window; 0 = the whole log)
     */
    public record Learn(int retrainEvery, int window) {
        public Learn {
            Check.nonNegative("retrainEvery", retrainEvery);
            Check.nonNegative("window", window);
        }

        /** The given fields, and the defaults for those that are null (how a scenario's {@code learn:} is read). */
        @JsonCreator
        public static Learn of(@JsonProperty("retrainEvery") Integer retrainEvery, @JsonProperty("window") Integer window) {
            Learn d = DEFAULTS.learn();
            return new Learn(or(retrainEvery, d.retrainEvery()), or(window, d.window()));
        }
    }

    /**
     * @param socialShare share of each slate given to items posted or shared by followed users, in
     *     [0, 1]; 0 = recommender only
     * @param window ticks back the social feed looks (&gt; 0)
     * @param serving how slates are drawn from the recommender's ranking (default: its top k as is)
     */
    public record Feed(double socialShare, int window, ServingPolicy serving) {
        public Feed {
            Check.unit("socialShare", socialShare);
            Check.positive("window", window);
            if (serving == null) {
                throw new IllegalArgumentException("serving is required");
            }
            if (serving.stochastic() && socialShare > 0) {
                // social items replace drawn positions after the draw: the recorded propensities
                // would no longer be the probabilities of what was shown
                throw new InvalidParameterException("feed.serving.policy", "'" + serving.policy()
                        + "' needs feed.socialShare 0 (social items would replace drawn positions and falsify"
                        + " the recorded propensities), was " + socialShare);
            }
        }

        /** The given fields, and the defaults for those that are null (how a scenario's {@code feed:} is read). */
        @JsonCreator
        public static Feed of(@JsonProperty("socialShare") Double socialShare, @JsonProperty("window") Integer window,
                @JsonProperty("serving") ServingPolicy serving) {
            Feed d = DEFAULTS.feed();
            return new Feed(socialShare != null ? socialShare : d.socialShare(), or(window, d.window()),
                    serving != null ? serving : d.serving());
        }
    }

    /**
     * @param queueCapacity staged write tasks the log buffers before the simulation waits (at most
     *     {@link #MAX_QUEUE_CAPACITY})
     * @param groundTruthEvery write every user's true state to the user_states table every N ticks
     *     (0 = only at start, in the users table)
     * @param exposureSampling share of sessions whose slate is written to the exposures table, in
     *     (0, 1]; the sample is a deterministic function of (seed, user, tick)
     * @param maxBufferedRows rows staged for the writer before the simulation waits (at most
     *     {@link #MAX_BUFFERED_ROWS})
     * @param exposureStorage how logged slates are stored: one row per slate ({@link #SLATES}) or one
     *     row per exposure ({@link #ROWS})
     * @param checkpointEvery ticks between checkpoints in the run folder, which {@code recloop
     *     resume} and {@code recloop fork} check their replay against; 0: only at a clean stop
     * @param store where the events and slates (or exposures) tables go: the run's H2 database
     *     ({@link #H2}) or Parquet files partitioned by tick under {@code <run>/log/} ({@link
     *     #PARQUET}), several times cheaper to write at scale; everything else stays in H2
     */
    public record Log(int queueCapacity, int groundTruthEvery, double exposureSampling, int maxBufferedRows,
            String exposureStorage, int checkpointEvery, String store) {
        public static final String SLATES = "slates";
        /**
         * Ticks between checkpoints ({@code org.recloop.core.checkpoint}): a state digest of the
         * world per checkpoint costs one pass over its arrays, small next to ten ticks' work.
         */
        public static final int DEFAULT_CHECKPOINT_EVERY = 10;
        public static final String ROWS = "rows";
        /** The values of {@code exposureStorage}. */
        public static final List<String> STORAGES = List.of(SLATES, ROWS);
        public static final String H2 = "h2";
        public static final String PARQUET = "parquet";
        /** The values of {@code store}. */
        public static final List<String> STORES = List.of(H2, PARQUET);

        /**
         * {@code store} if it is one of {@link #STORES}; else refused under {@code field} (the
         * scenario's {@code store}, or a command line's {@code --store}).
         */
        public static String checkStore(String field, String store) {
            if (!STORES.contains(store)) {
                throw new InvalidParameterException(field,
                        "must be one of " + String.join(", ", STORES) + ", was '" + store + "'");
            }
            return store;
        }
        /** Staged write tasks (the queue's array is allocated up front). */
        public static final int MAX_QUEUE_CAPACITY = 65_536;
        /** Rows staged for the writer, about 40 bytes each. */
        public static final int MAX_BUFFERED_ROWS = 100_000_000;

        public Log {
            if (!STORAGES.contains(exposureStorage)) {
                throw new InvalidParameterException("exposureStorage",
                        "must be one of " + String.join(", ", STORAGES) + ", was '" + exposureStorage + "'");
            }
            checkStore("store", store);
            Check.positive("queueCapacity", queueCapacity);
            Check.atMost("queueCapacity", queueCapacity, MAX_QUEUE_CAPACITY);
            Check.unit("exposureSampling", exposureSampling);
            if (exposureSampling == 0) {
                throw new InvalidParameterException("exposureSampling", "must be > 0");
            }
            Check.positive("maxBufferedRows", maxBufferedRows);
            Check.atMost("maxBufferedRows", maxBufferedRows, MAX_BUFFERED_ROWS);
            Check.nonNegative("groundTruthEvery", groundTruthEvery);
            Check.nonNegative("checkpointEvery", checkpointEvery);
        }

        /** The same settings with a checkpoint every {@code every} ticks (0: only at a clean stop). */
        public Log withCheckpointEvery(int every) {
            return new Log(queueCapacity, groundTruthEvery, exposureSampling, maxBufferedRows, exposureStorage, every,
                    store);
        }

        /** The same settings with events and slates stored in {@code store} (h2 or parquet). */
        public Log withStore(String store) {
            return new Log(queueCapacity, groundTruthEvery, exposureSampling, maxBufferedRows, exposureStorage,
                    checkpointEvery, store);
        }

        /** The given fields, and the defaults for those that are null (how a scenario's {@code log:} is read). */
        @JsonCreator
        public static Log of(@JsonProperty("queueCapacity") Integer queueCapacity,
                @JsonProperty("groundTruthEvery") Integer groundTruthEvery,
                @JsonProperty("exposureSampling") Double exposureSampling,
                @JsonProperty("maxBufferedRows") Integer maxBufferedRows,
                @JsonProperty("exposureStorage") String exposureStorage,
                @JsonProperty("checkpointEvery") Integer checkpointEvery, @JsonProperty("store") String store) {
            Log d = DEFAULTS.log();
            return new Log(or(queueCapacity, d.queueCapacity()), or(groundTruthEvery, d.groundTruthEvery()),
                    exposureSampling != null ? exposureSampling : d.exposureSampling(),
                    or(maxBufferedRows, d.maxBufferedRows()),
                    exposureStorage != null ? exposureStorage : d.exposureStorage(),
                    or(checkpointEvery, d.checkpointEvery()), store != null ? store : d.store());
        }

        /** True if events and slates go to Parquet files rather than the H2 database. */
        public boolean parquet() {
            return PARQUET.equals(store);
        }

        /** True if slates are stored one per row. */
        public boolean slatesAsRows() {
            return SLATES.equals(exposureStorage);
        }
    }

    private static int or(Integer value, int fallback) {
        return value != null ? value : fallback;
    }
}
