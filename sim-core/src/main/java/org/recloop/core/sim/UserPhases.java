package org.recloop.core.sim;

import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import org.recloop.core.react.EventBuffer;
import org.recloop.core.react.ReactContext;
import org.recloop.core.rng.Purposes;
import org.recloop.core.rng.RandomStreams;
import org.recloop.core.serve.Recommender;
import org.recloop.core.serve.ServeContext;
import org.recloop.core.serve.ServingPolicy;
import org.recloop.core.serve.SlateBatch;
import org.recloop.core.serve.StochasticServing;
import org.recloop.core.world.Population;
import org.recloop.core.world.World;

/**
 * Arrive, Serve and React of one tick for a range of users of a {@link Replica}: the kernel runs
 * them over all users, an executor over its partition. Every draw is keyed by (purpose, user,
 * tick), slates do not depend on how serving is split (Recommender contract) and reactions are
 * joined in slate order, so a partition's result is the part of the whole tick's that its users make.
 */
final class UserPhases {

    record Reaction(EventBuffer events, float[] clickProbabilities) {}

    private final Replica state;
    private final SimConfig config;
    private final World world;
    private final RandomStreams streams;

    UserPhases(Replica state) {
        this.state = state;
        this.config = state.config();
        this.world = state.world();
        this.streams = state.streams();
    }

    /** Which users of {@code [from, to)} open the app now; one Bernoulli(1 - exp(-activity)) per user. */
    int[] arrive(int tick, int from, int to) {
        Population pop = world.population();
        int[] buf = new int[Math.max(16, (to - from) / 4)];
        int count = 0;
        for (int u = from; u < to; u++) {
            if (pop.status(u) != Population.ACTIVE) {
                continue;
            }
            double p = 1.0 - Math.exp(-pop.activity(u));
            if (streams.uniform(Purposes.ARRIVE, u, tick) < p) {
                if (count == buf.length) {
                    buf = Arrays.copyOf(buf, buf.length * 2);
                }
                buf[count++] = u;
            }
        }
        return Arrays.copyOf(buf, count);
    }

    /** The recommender fills a slate for each active user, in chunks; the social feed mixes in. */
    SlateBatch serve(int tick, int[] active, Recommender r) {
        Workers workers = state.workers();
        SlateBatch batch = new SlateBatch(active, config.run().slateSize());
        batch.setModelVersion(r.modelVersion());
        ServeContext ctx = state.commands().serveContext(tick, world, streams);
        SocialFeed feed = config.feed().socialShare() > 0
                ? new SocialFeed(world, config.run().slateSize(), config.feed().socialShare(), config.feed().window())
                : null;
        // serving chunks are larger than reaction chunks (four per thread, at least chunkSize):
        // batch scorers group users (e.g. by retrieval cluster) within a chunk. Slates do not
        // depend on the split (Recommender contract, checked for every registered recommender by
        // RecommenderContractTest), so the log does not either.
        int threads = config.run().threads();
        int serveChunk = Math.max(config.run().chunkSize(), (batch.size() + 4 * threads - 1) / (4 * threads));
        ServingPolicy serving = config.feed().serving();
        workers.runChunks(batch.size(), serveChunk, (c, from, to) -> {
            StochasticServing.fill(r, serving, batch, from, to, ctx);
            if (feed != null) {
                feed.mix(batch, from, to, ctx);
            }
            return CompletableFuture.completedFuture(null);
        });
        return batch;
    }

    /** Each active user's model answers its slate; chunk buffers joined in slate order. */
    Reaction react(int tick, SlateBatch slates) {
        Workers workers = state.workers();
        UserGroups users = state.users();
        int n = slates.size();
        int chunk = config.run().chunkSize();
        EventBuffer[] parts = new EventBuffer[(n + chunk - 1) / chunk];
        ReactContext ctx = new ReactContext(tick, world, streams);
        // the truth of off-policy logging: asked before the chunk answers (and drifts)
        float[] truth = config.feed().serving().recordTruth() ? new float[n * slates.k()] : null;
        workers.runChunks(n, chunk, (c, from, to) -> {
            if (truth != null) {
                users.clickProbabilities(ctx, slates, from, to, truth);
            }
            parts[c] = new EventBuffer(Math.max(16, (to - from) * 2));
            return users.react(ctx, slates, from, to, parts[c]);
        });
        EventBuffer all = new EventBuffer(Math.max(16, n * 2));
        for (EventBuffer p : parts) {
            all.addAll(p);
        }
        return new Reaction(all, truth);
    }
}
