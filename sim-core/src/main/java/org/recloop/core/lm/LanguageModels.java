package org.recloop.core.lm;

/**
 * The run's language models: the composition root builds one per run (with the environment's
 * secrets and overrides and the run's random streams) and grants it as a capability; components
 * look it up through their {@link org.recloop.core.capability.Capabilities}. Equal specs give the
 * same {@link LanguageModel}, so components asking for the same model share its response cache,
 * budget and concurrency limit.
 *
 * <p>Threading: thread-safe. {@link #close} after the run, on the simulation thread.
 */
public interface LanguageModels extends AutoCloseable {

    /**
     * The chat model of this spec, created on the first request for it. Opens its response cache
     * at once, so a missing replay cache fails here, before the first tick.
     *
     * @throws IllegalStateException when the cache cannot be opened
     */
    LanguageModel chat(ChatModelSpec spec);

    /** The run's text embedder (loaded on its first use). */
    TextEmbedder embedder();

    /** {@link LanguageModel#tickEnded} of every model created so far. */
    void tickEnded(int tick);

    /** Writes every model's pending cache entries and stops their pools. */
    @Override
    void close();
}
