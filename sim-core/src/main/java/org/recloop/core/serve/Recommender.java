package org.recloop.core.serve;

/**
 * A recommender in the loop.
 *
 * <p>Life cycle: the kernel calls {@link #fit} on the scenario's retraining schedule with every
 * interaction logged so far (read back from the event log), {@link #update} after every tick with
 * that tick's interactions, and {@link #recommend} in each tick's Serve phase. Before the first
 * fit a recommender must still serve (e.g. at random or by a prior), as a real platform does at
 * launch.
 *
 * <p>Contract of {@link #recommend}: for each slate in {@code [from, to)} fill positions
 * 0,1,... with distinct item ids in {@code [0, ctx.numItems())}, none of them consumed by the
 * slate's user, in ranked order (best first), at most {@code slates.k()} of them; fewer only if
 * fewer candidates exist.
 *
 * <p>Threading: {@code fit} and {@code update} run on the simulation thread with no concurrent
 * {@code recommend}; {@code recommend} is called concurrently for disjoint ranges and must only
 * read the model.
 *
 * <p>Determinism: the output must be a function of the inputs and of streams drawn from
 * {@code ctx.streams()} keyed by user and tick, never of the range split or the thread count.
 */
public interface Recommender {

    /**
     * Full (re)training from all interactions logged so far. A recommender may start from what it
     * learned before (a warm start, when its parameters ask for one) as long as the result depends
     * only on the data of this and the earlier scheduled fits.
     */
    void fit(Interactions all, TrainContext ctx);

    /**
     * A fit that reuses nothing learned before: what exact unlearning needs, since a warm start
     * would carry the forgotten data's influence over. The default is {@link #fit}; a recommender
     * that warm-starts overrides it.
     */
    default void fitFromScratch(Interactions all, TrainContext ctx) {
        fit(all, ctx);
    }

    /** Incremental learning from the interactions of the tick just played; default ignores them. */
    default void update(Interactions tick, TrainContext ctx) {}

    /**
     * Feedback of the tick just played: the slates that were shown (with positions and
     * propensities) and the clicks on them, in memory, exactly as logged. Called every tick
     * after {@link #update}; bandits and exposure-aware learners use it; default ignores it.
     */
    default void observe(SlateBatch shown, Interactions clicks, TrainContext ctx) {}

    /** Fills slates {@code [from, to)} of {@code slates}; see the class contract. */
    void recommend(SlateBatch slates, int from, int to, ServeContext ctx);

    /** Increases with every fit that changed the model; 0 before the first. Logged with exposures. */
    int modelVersion();
}
