package org.recloop.core.serve;

/**
 * Scores of a fitted model, as a {@link ScoringRecommender} supplies them to the {@link
 * SlateRanker}. The scorer only computes scores; exclusion of consumed items, top-k, ties,
 * candidate sets and the fallback are the ranker's (as in LensKit's {@code TopNItemRecommender}
 * over an {@code ItemScorer} and RankSys's {@code FastRankingRecommender}), so every scoring
 * recommender serves by the same rules and a new rule (a feed command, say) reaches all of them.
 *
 * <p>Three shapes, chosen by the model's nature: {@link Dense} (every item scored, in blocks of
 * users against blocks of items, for factor and linear models), {@link Sparse} (a few items
 * accumulate scores, for neighbourhood models), {@link Candidates} (a dense model that also
 * names, per group of users, a short list of items worth scoring). A dense model whose scores
 * admit per-block upper bounds can also be {@link Bounded}, for exact top-k without scoring
 * every item.
 *
 * <p>Threading: a scorer is made for one {@code recommend} call (one thread) over an immutable
 * model; it may keep buffers of its own. Determinism: a score must depend only on the model,
 * the user and the item, never on which other users or items share the call, so that serving
 * does not depend on how users are split into chunks, blocks or groups.
 */
public sealed interface ItemScorer permits ItemScorer.Dense, ItemScorer.Sparse {

    /** Items {@code [0, scoredItems())} can get scores (the ranker also caps at the catalog size). */
    int scoredItems();

    /** What users without scores get, and what completes slates the scores could not fill. */
    Fallback fallback();

    /**
     * Every item of {@code [0, scoredItems())} scored for each known user. After a known user's
     * top-k, a popularity {@link Fallback} adds only the items from {@code max(newerFrom,
     * scoredItems())} on (the popular ones were all scored); a random fallback adds nothing.
     */
    non-sealed interface Dense extends ItemScorer {

        /** Whether the user gets scores; the others get the fallback. */
        boolean knows(int user);

        /**
         * Writes {@code out[g * stride + (i - i0)]} = score of item i for user {@code users[g]},
         * for {@code g < count} and items {@code [i0, i1)}. Users are known ones; {@code out}
         * has room for {@code ceil(count / 4) * 4} rows.
         */
        void score(int[] users, int count, int i0, int i1, float[] out, int stride);
    }

    /**
     * Dense scores with an exact retrieval index: the items fall into blocks, and for a user the
     * index {@linkplain #bounded covers}, no item of block b scores above that block's bound. The
     * ranker scores the {@linkplain #firstBlock first} block, then only the blocks whose bound and
     * first id could still put an item into the top k; the slates are exactly those of scoring
     * every item, at a fraction of the work when the bounds are tight (nearly one-hot content
     * attributes, say). Users the index does not cover
     * are scored densely through {@link #score}.
     *
     * <p>The bounds must hold for the floats {@link #score} computes, not only for the exact
     * scores: rounding must never lift a score above its block's bound.
     */
    interface Bounded extends Dense {

        /** Whether {@link #blockBounds} holds for the user (a known one). */
        boolean bounded(int user);

        /**
         * The items of block b are {@code blockItems()[blockStarts()[b] .. blockStarts()[b + 1])},
         * in ascending id order within the block; every item of {@code [0, scoredItems())}
         * belongs to exactly one block. Read only.
         */
        int[] blockItems();

        /** Where each block starts in {@link #blockItems}, and its length at the end (blocks + 1 entries). Read only. */
        int[] blockStarts();

        /** Writes {@code out[b]}, an upper bound of every score in block b for a {@linkplain #bounded bounded} user. */
        void blockBounds(int user, float[] out);

        /**
         * The block to score first for the user: any block gives the same slates, and one that
         * holds some of the user's best items lets the search skip the most blocks.
         */
        int firstBlock(int user);

        /**
         * Writes {@code out[j]} = the score of item {@code blockItems()[blockStarts()[b] + j]} for
         * the user, bit for bit what {@link #score} gives.
         */
        void scoreBlock(int user, int b, float[] out);
    }

    /**
     * Scores for the few items a user's neighbourhood reaches; the rest have none. The top-k of
     * the scored items is completed from a popularity {@link Fallback}, skipping scored items.
     */
    non-sealed interface Sparse extends ItemScorer {

        /** Adds the user's scores into {@code into} (empty on entry; nothing for unknown users). */
        void score(int user, SparseScores into);
    }

    /**
     * Candidate retrieval: known users fall into groups, each with a short ascending list of
     * candidate items; a user is scored against its group's candidates only, and against every
     * item (through {@link Dense#score}) when fewer than k of them are unconsumed.
     */
    interface Candidates extends Dense {

        /** The group of a known user. */
        int groupOf(int user);

        /** The group's candidates, ascending ids (read only). */
        int[] candidates(int group);

        /** The longest candidate list. */
        int maxCandidates();

        /**
         * Writes {@code out[g * stride + c]} = score of {@code candidates(group)[c]} for user
         * {@code users[g]}, {@code g < count <= 4}; {@code out} has room for four rows.
         */
        void scoreCandidates(int group, int[] users, int count, float[] out, int stride);
    }
}
