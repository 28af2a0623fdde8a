package org.recloop.recommenders.unlearn;

import java.util.Arrays;
import java.util.BitSet;
import java.util.Objects;
import java.util.function.Supplier;
import org.recloop.core.config.Check;
import org.recloop.core.config.InvalidParameterException;
import org.recloop.core.log.ForgetRequest;
import org.recloop.core.rng.RandomStreams;
import org.recloop.core.serve.Interactions;
import org.recloop.core.serve.Recommender;
import org.recloop.core.serve.ServeContext;
import org.recloop.core.serve.SlateBatch;
import org.recloop.core.serve.SlateRanker;
import org.recloop.core.serve.TrainContext;
import org.recloop.core.serve.Unlearner;
import org.recloop.core.serve.UnlearningMethod;
import org.recloop.recommenders.TrainingBlocks;

/**
 * Sharded training for unlearning (SISA, Bourtoule et al., IEEE S&amp;P 2021; in recommendation
 * RecEraser, Chen et al., WWW 2022, without its learned aggregation): users are split into
 * {@code shards} by a seeded hash of their id, each shard fits its own sub-model (any recommender
 * of the registry, {@code of}) on its users' clicks only, and a user is always served by the
 * sub-model of their shard.
 *
 * <p>Unlearning by {@link UnlearningMethod#SHARDED} retrains, with a fresh sub-model, only the
 * shards the request touches: for users and interactions the shards of the listed users; for
 * items every shard whose training data held one of the items (an item is not owned by a shard,
 * so it can touch all of them). The result equals a sharded model fitted from scratch on the
 * retained data with the same context: every fit of a shard starts a fresh sub-model (so its
 * fit-numbered streams are those of a first fit) with streams derived from (run seed, shard), and
 * the untouched shards' data did not change.
 *
 * <p>Users whose shard has no data for them (new accounts, users without clicks) are still served
 * by their own shard, whose sub-model gives them its fallback for unknown users (most models: the
 * shard's most clicked items). Not pooling the shards for them keeps the one rule "a user's slate
 * comes from their shard's model only", which is what makes forgetting local to a shard; and a
 * shard is a uniform 1/shards sample of the users, so its popularity estimates the whole
 * platform's.
 *
 * <p>Threading and determinism: shards fit as independent tasks on {@code ctx}'s executor, each
 * sub-model on one thread with its own derived streams ({@code executor = null} for it), so the
 * model does not depend on the thread count. Serving calls each shard's sub-model for the runs of
 * consecutive slates of its users; it only reads the sub-models.
 */
public final class ShardedRecommender implements Recommender, Unlearner {

    /**
     * @param shards number of shards, at least 1
     * @param seed seed of the user-to-shard hash
     * @param of the recommender each shard fits (a registry spec)
     */
    public record Params(Integer shards, Long seed, com.fasterxml.jackson.databind.JsonNode of) {
        public Params {
            shards = Check.positive("shards", shards == null ? 4 : shards);
            seed = seed == null ? 0L : seed;
            if (of == null || of.isNull()) {
                throw new InvalidParameterException("of", "is required: the recommender each shard fits");
            }
        }
    }

    private static final long SHARD_STREAMS = RandomStreams.purpose("recommender.sharded.shard");

    private final int shards;
    private final long seed;
    private final Supplier<Recommender> factory;
    private final Recommender[] models;
    /** Per shard, the items of its last training data (which shards an items request touches). */
    private final BitSet[] itemsOf;
    private int version;

    public ShardedRecommender(int shards, long seed, Supplier<Recommender> factory) {
        this.shards = Check.positive("shards", shards);
        this.seed = seed;
        this.factory = Objects.requireNonNull(factory, "factory");
        this.models = new Recommender[shards];
        this.itemsOf = new BitSet[shards];
        for (int s = 0; s < shards; s++) {
            models[s] = Objects.requireNonNull(factory.get(), "factory returned null");
            itemsOf[s] = new BitSet();
        }
    }

    /** The shard of {@code user}: a seeded SplitMix64 hash of the id, modulo the shard count. */
    public int shardOf(int user) {
        long z = seed * 0x9E3779B97F4A7C15L + user + 0x632BE59BD9B4E019L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        z ^= z >>> 31;
        return (int) Math.floorMod(z, (long) shards);
    }

    public int shards() {
        return shards;
    }

    @Override
    public int modelVersion() {
        return version;
    }

    @Override
    public void fit(Interactions all, TrainContext ctx) {
        boolean[] all1 = new boolean[shards];
        Arrays.fill(all1, true);
        retrain(all, all1, ctx);
        version++;
    }

    @Override
    public void update(Interactions tick, TrainContext ctx) {
        for (int s = 0; s < shards; s++) {
            Interactions mine = rowsOf(tick, s);
            if (mine.size() > 0) {
                models[s].update(mine, shardContext(ctx, s));
            }
        }
    }

    @Override
    public boolean supports(UnlearningMethod method) {
        return method == UnlearningMethod.SHARDED;
    }

    @Override
    public void unlearn(ForgetRequest request, UnlearningMethod method, Interactions retained, TrainContext ctx) {
        if (!supports(method)) {
            throw new IllegalArgumentException("a sharded recommender unlearns by method sharded, not " + method.id());
        }
        boolean[] touched = touched(request);
        retrain(retained, touched, ctx);
        version++;
    }

    /** The shards a request touches; see the class comment. */
    boolean[] touched(ForgetRequest request) {
        boolean[] touched = new boolean[shards];
        int[] ids = request.ids();
        for (int id : ids) {
            if (request.scope() == ForgetRequest.Scope.ITEMS) {
                for (int s = 0; s < shards; s++) {
                    touched[s] |= itemsOf[s].get(id);
                }
            } else {
                touched[shardOf(id)] = true;
            }
        }
        return touched;
    }

    /** Fits a fresh sub-model for each shard marked in {@code which}, as independent tasks. */
    private void retrain(Interactions data, boolean[] which, TrainContext ctx) {
        int[] list = java.util.stream.IntStream.range(0, shards).filter(s -> which[s]).toArray();
        Recommender[] fresh = new Recommender[list.length];
        Interactions[] parts = new Interactions[list.length];
        for (int j = 0; j < list.length; j++) {
            fresh[j] = Objects.requireNonNull(factory.get(), "factory returned null");
            parts[j] = rowsOf(data, list[j]);
        }
        TrainingBlocks.run(list.length, ctx, j -> fresh[j].fit(parts[j], shardContext(ctx, list[j])));
        for (int j = 0; j < list.length; j++) {
            int s = list[j];
            models[s] = fresh[j];
            BitSet items = new BitSet();
            for (int i : parts[j].items()) {
                items.set(i);
            }
            itemsOf[s] = items;
        }
    }

    /** A shard's own context: streams derived from (run seed, shard), on the calling thread. */
    private static TrainContext shardContext(TrainContext ctx, int shard) {
        RandomStreams streams = new RandomStreams(ctx.streams().key(SHARD_STREAMS, shard, -1));
        return new TrainContext(ctx.tick(), streams, null, 1, ctx.catalog());
    }

    /** The rows of {@code data} whose user is in shard {@code s}, in the same order. */
    private Interactions rowsOf(Interactions data, int s) {
        int n = data.size();
        int[] us = data.users();
        boolean[] keep = new boolean[n];
        int kept = 0;
        for (int r = 0; r < n; r++) {
            keep[r] = shardOf(us[r]) == s;
            kept += keep[r] ? 1 : 0;
        }
        int[] u = new int[kept];
        int[] i = new int[kept];
        int[] t = new int[kept];
        float[] v = new float[kept];
        for (int r = 0, k = 0; r < n; r++) {
            if (keep[r]) {
                u[k] = us[r];
                i[k] = data.items()[r];
                t[k] = data.ticks()[r];
                v[k] = data.values()[r];
                k++;
            }
        }
        return new Interactions(u, i, t, v, data.numUsers(), data.numItems());
    }

    @Override
    public void recommend(SlateBatch slates, int from, int to, ServeContext ctx) {
        if (version == 0) {
            SlateRanker.serveRandom(slates, from, to, ctx);
            return;
        }
        int start = from;
        while (start < to) {
            int s = shardOf(slates.user(start));
            int end = start + 1;
            while (end < to && shardOf(slates.user(end)) == s) {
                end++;
            }
            models[s].recommend(slates, start, end, ctx);
            start = end;
        }
    }
}
