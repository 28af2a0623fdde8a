package org.recloop.agents.llm;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.recloop.core.lm.ChatModelSpec;
import org.recloop.core.lm.LanguageModel;
import org.recloop.core.lm.LanguageModels;
import org.recloop.core.lm.TextEmbedder;
import org.recloop.core.rng.RandomStreams;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The run's {@link LanguageModels} through LangChain4j: chat models over its OpenAI-compatible or
 * Ollama clients ({@link LangChainLlmClient}) and the in-process all-MiniLM-L6-v2 embedder. The
 * composition root makes one per run and grants it as a capability; an LLM user model made outside
 * a run makes its own.
 *
 * <p>The environment is read here and only here: {@link Environment#API_KEY} (the only source of
 * the key), {@link Environment#BASE_URL} and {@link Environment#MODEL} (override the spec's).
 */
public final class LangChainLanguageModels implements LanguageModels {

    private static final Logger LOG = LoggerFactory.getLogger(LangChainLanguageModels.class);

    private final Environment env;
    private final RandomStreams streams;
    private final java.util.function.LongSupplier clock;
    private final Map<ChatModelSpec, LangChainLanguageModel> models = new LinkedHashMap<>();
    private final LazyEmbedder embedder = new LazyEmbedder();
    private final SharedModelNotice shared = new SharedModelNotice();

    /**
     * @param env where the key and the overrides come from ({@link Environment#system()} in runs)
     * @param streams the run's streams (back-off jitter)
     */
    public LangChainLanguageModels(Environment env, RandomStreams streams) {
        this(env, streams, System::nanoTime);
    }

    /** As the public constructor, with the clock of the servers' circuit breakers (tests move it). */
    LangChainLanguageModels(Environment env, RandomStreams streams, java.util.function.LongSupplier clock) {
        this.env = env;
        this.streams = streams;
        this.clock = clock;
    }

    /** The base URLs a spec's model uses: the environment's override (one server), else the spec's. */
    List<String> baseUrls(ChatModelSpec spec) {
        return env.get(Environment.BASE_URL).map(List::of).orElse(spec.baseUrls());
    }

    /** The model name a spec's model uses: the environment's override, else the spec's. */
    String modelName(ChatModelSpec spec) {
        return env.get(Environment.MODEL).orElse(spec.model());
    }

    @Override
    public synchronized LanguageModel chat(ChatModelSpec spec) {
        LangChainLanguageModel m = models.get(spec);
        if (m == null) {
            m = create(spec);
            models.put(spec, m);
        }
        return m;
    }

    private LangChainLanguageModel create(ChatModelSpec spec) {
        List<String> urls = baseUrls(spec);
        String name = modelName(spec);
        String key = env.get(Environment.API_KEY).orElse(null);
        ResponseCache cache = null;
        if (spec.cache().isPresent()) {
            cache = new ResponseCache(spec.cache().get(), name, spec.replay());
            cache.load();
        }
        ServerPool servers = new ServerPool(urls, spec.maxConcurrent(),
                url -> LangChainLlmClient.create(spec, url, name, key), clock);
        LOG.info("language model {} ({}) at {}{}{}", name, spec.provider(), servers.size() == 1 ? servers.endpoints()
                : servers.size() + " servers, at most " + spec.maxConcurrent() + " calls each: " + servers.endpoints(),
                key != null ? ", API key from " + Environment.API_KEY : "", cache == null ? ""
                        : ", response cache " + cache.file() + " (" + (spec.replay() ? "replay" : "readwrite") + ", "
                                + cache.size() + " entries)");
        return new LangChainLanguageModel(spec, servers, name, key, streams, cache, shared);
    }

    /**
     * The models that answered more than one kind of component (users and the recommender) so far,
     * each as "model at endpoint"; each was also logged once as a warning when it became shared.
     */
    public java.util.Set<String> sharedModels() {
        return shared.shared();
    }

    @Override
    public TextEmbedder embedder() {
        return embedder;
    }

    @Override
    public void tickEnded(int tick) {
        for (LangChainLanguageModel m : snapshot()) {
            m.tickEnded(tick);
        }
    }

    @Override
    public void close() {
        RuntimeException first = null;
        for (LangChainLanguageModel m : snapshot()) {
            try {
                m.close();
            } catch (RuntimeException e) {
                first = first == null ? e : first;
            }
        }
        if (first != null) {
            throw first;
        }
    }

    private synchronized List<LangChainLanguageModel> snapshot() {
        return new ArrayList<>(models.values());
    }

    /** The in-process embedding model, created on first use, one call at a time. */
    private static final class LazyEmbedder implements TextEmbedder {
        private org.recloop.agents.llm.TextEmbedder model;

        @Override
        public synchronized float[][] embed(List<String> texts) {
            if (model == null) {
                long t0 = System.nanoTime();
                model = new org.recloop.agents.llm.TextEmbedder();
                LOG.info("loaded the embedding model (all-MiniLM-L6-v2) in {} ms",
                        String.format(Locale.ROOT, "%.0f", (System.nanoTime() - t0) / 1e6));
            }
            return model.embed(texts);
        }

        @Override
        public int dimension() {
            return org.recloop.agents.llm.TextEmbedder.DIMENSIONS;
        }
    }
}
