package org.recloop.recommenders.neural;

import java.util.Arrays;
import org.recloop.core.serve.Fallback;
import org.recloop.core.serve.ItemScorer;

/**
 * A fitted TIGER model's scores: for each known user, what the constrained beam search found at
 * the fit, turned into a score for every item so that the shared ranker (exclusions, candidate
 * sets, top-k) works as for any other model.
 *
 * <p>Scores, in tiers that never overlap ({@value #TIER} apart; log-probabilities are clamped to
 * {@code [-}{@value #FLOOR}{@code , 0]}):
 * <ol>
 *   <li>items the beam finished: their sequence log-probability;
 *   <li>other items, by the longest prefix of their semantic ID that survived the beam's pruning
 *       (longer first), then that prefix's log-probability;
 *   <li>items none of whose prefixes survived: the log-probability of their first code.
 * </ol>
 * Below the finished items, items tied on the same prefix are ordered by training popularity
 * (a bonus under {@value #POPULARITY}, smaller than any gap between distinct log-probabilities that
 * matters). So when the user has consumed or the run excludes every beam item, the slate goes on
 * with the items the model came closest to generating. Immutable; shared by serving threads.
 */
final class TigerModel {
    static final float TIER = 100f;
    static final float FLOOR = 99f;
    static final float POPULARITY = 1e-3f;

    private final SemanticIds ids;
    private final int users;
    private final int items;
    private final long[] prefixKeys;
    private final ConstrainedBeamSearch.Result[] byUser;
    private final long[][][] sortedKeys;
    private final float[][][] sortedScores;
    private final float[] popularityBonus;
    private final int[] popular;

    /** @param byUser per user the search's result, null for users unknown to the model */
    TigerModel(SemanticIds ids, ConstrainedBeamSearch.Result[] byUser, int[] popular) {
        this.ids = ids;
        this.users = byUser.length;
        this.items = ids.items();
        this.byUser = byUser;
        this.popular = popular;
        int depth = ids.depth();
        prefixKeys = new long[items * depth];
        for (int i = 0; i < items; i++) {
            for (int len = 1; len <= depth; len++) {
                prefixKeys[i * depth + len - 1] = ids.prefixKey(i, len);
            }
        }
        popularityBonus = new float[items];
        for (int r = 0; r < popular.length; r++) {
            popularityBonus[popular[r]] = POPULARITY * (1f - (float) r / popular.length);
        }
        sortedKeys = new long[users][][];
        sortedScores = new float[users][][];
        for (int u = 0; u < users; u++) {
            if (byUser[u] == null) {
                continue;
            }
            sortedKeys[u] = new long[depth][];
            sortedScores[u] = new float[depth][];
            for (int l = 0; l < depth; l++) {
                long[] k = byUser[u].survivorKeys()[l];
                float[] s = byUser[u].survivorScores()[l];
                Integer[] o = new Integer[k.length];
                for (int x = 0; x < o.length; x++) {
                    o[x] = x;
                }
                Arrays.sort(o, (a, b) -> Long.compare(k[a], k[b]));
                sortedKeys[u][l] = new long[k.length];
                sortedScores[u][l] = new float[k.length];
                for (int x = 0; x < o.length; x++) {
                    sortedKeys[u][l][x] = k[o[x]];
                    sortedScores[u][l][x] = s[o[x]];
                }
            }
        }
    }

    SemanticIds ids() {
        return ids;
    }

    /** The beam's items for a user, best first (empty for unknown users). */
    int[] beamItems(int user) {
        return user < users && byUser[user] != null ? byUser[user].items().clone() : new int[0];
    }

    boolean knows(int user) {
        return user < users && byUser[user] != null;
    }

    /** The score of an item for a known user (see the class comment). */
    float score(int user, int item) {
        int depth = ids.depth();
        for (int len = depth; len >= 1; len--) {
            int x = Arrays.binarySearch(sortedKeys[user][len - 1], prefixKeys[item * depth + len - 1]);
            if (x >= 0) {
                float s = -TIER * (depth - len) + Math.max(sortedScores[user][len - 1][x], -FLOOR);
                return len == depth ? s : s + popularityBonus[item];
            }
        }
        float first = byUser[user].firstLevel()[ids.code(item, 0)];
        return -TIER * depth + Math.max(first, -FLOOR) + popularityBonus[item];
    }

    ItemScorer scorer() {
        Fallback fallback = Fallback.popular(popular);
        return new ItemScorer.Dense() {
            @Override
            public int scoredItems() {
                return items;
            }

            @Override
            public Fallback fallback() {
                return fallback;
            }

            @Override
            public boolean knows(int user) {
                return TigerModel.this.knows(user);
            }

            @Override
            public void score(int[] us, int count, int i0, int i1, float[] out, int stride) {
                for (int g = 0; g < count; g++) {
                    for (int i = i0; i < i1; i++) {
                        out[g * stride + (i - i0)] = TigerModel.this.score(us[g], i);
                    }
                }
            }
        };
    }
}
