package org.recloop.agents.llm;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.function.Consumer;
import org.apache.commons.rng.UniformRandomProvider;
import org.recloop.core.log.AgentText;
import org.recloop.core.react.EventBuffer;
import org.recloop.core.react.EventType;
import org.recloop.core.react.ReactContext;
import org.recloop.core.rng.RandomStreams;
import org.recloop.core.world.Catalog;
import org.recloop.core.world.Population;
import org.recloop.core.world.Topics;
import org.recloop.core.world.World;

/**
 * The actions of LLM agents that go beyond the slate: free-text search and posts, both through
 * the catalog's item-text index ({@link ItemTextIndex}: titles, {@code "topic T"} for untitled
 * items, post texts; all-MiniLM-L6-v2 embeddings, loaded at the first search or post). Messages
 * need no index and are written with the slate's events ({@link DecisionOutcomes}).
 *
 * <p>A search runs inside the agent's step (the catalog is only read); posts wait for {@link
 * #publishPosts} in afterTick, because the catalog grows only on the simulation thread.
 */
final class SocialActions {

    static final long POST = RandomStreams.purpose("users.llm.post");
    /** Search results an agent considers: the most similar items it has not consumed yet. */
    static final int SEARCH_RESULTS = 10;
    /** Items whose features place a post: the ones whose texts are most similar to the post's. */
    static final int POST_NEIGHBOURS = 5;
    /** A post's title (what feeds show of it) is its text, whitespace collapsed, cut to this length. */
    static final int TITLE_LENGTH = 120;

    private final ItemTextIndex index;
    private final Consumption consumption;
    /** The posts of this tick's steps by author (one step per user and tick), published in afterTick. */
    private final ConcurrentSkipListMap<Integer, String> posts = new ConcurrentSkipListMap<>();
    private float[] centres;

    SocialActions(ItemTextIndex index, Consumption consumption) {
        this.index = index;
        this.consumption = consumption;
    }

    /** The topic centres posts are placed by (at init). */
    void init(float[] centres) {
        this.centres = centres;
    }

    /**
     * A free-text search: SEARCH (val = the topic of the most similar item), then the agent opens
     * the most similar item it has not consumed yet, as the rule model opens the best result of its
     * topic search (CLICK from no slate with the true utility, CONSUME, preference drift). Equally
     * similar results (untitled items of one topic share a text) go to the higher true utility,
     * then the lower id.
     */
    void search(ReactContext ctx, LlmStep st, String query, UniformRandomProvider rng, int arch) {
        World world = ctx.world();
        Catalog catalog = world.catalog();
        Population pop = world.population();
        int u = st.user;
        int dim = pop.dim();
        int tick = ctx.tick();
        index.ensure(catalog);
        float[] q = index.embed(query);
        int[] top = index.nearest(q, 1, i -> true, null);
        int topic = top.length == 0 ? -1 : catalog.topic(top[0]);
        st.events.add(u, -1, EventType.SEARCH, -1, -1, topic);
        st.text(tick, EventType.SEARCH, -1, -1, "query", query);
        double[] sims = new double[SEARCH_RESULTS];
        int[] found = index.nearest(q, SEARCH_RESULTS, i -> !world.history().contains(u, i), sims);
        if (found.length == 0) {
            return;
        }
        int item = found[0];
        double util = consumption.utility(catalog, pop.preferences(), u, dim, item);
        for (int j = 1; j < found.length && sims[j] == sims[0]; j++) {
            double x = consumption.utility(catalog, pop.preferences(), u, dim, found[j]);
            if (x > util) {
                util = x;
                item = found[j];
            }
        }
        st.events.add(u, item, EventType.CLICK, -1, -1, (float) util);
        double appeal = consumption.appeal(arch, util);
        st.events.add(u, item, EventType.CONSUME, -1, -1, Consumption.completion(appeal, rng));
        consumption.drift(pop, catalog, u, item, arch);
    }

    /** Queues the step's post (its action has one) for {@link #publishPosts}. */
    void queuePost(LlmStep st) {
        posts.put(st.user, st.action.post());
    }

    /** The post user u's step of this tick queued, or null (state rows). */
    String queuedPost(int u) {
        return posts.get(u);
    }

    /** Sets the post user u's step of this tick queued ({@code null}: none), as another copy of the run queued it. */
    void setQueuedPost(int u, String text) {
        if (text == null) {
            posts.remove(u);
        } else {
            posts.put(u, text);
        }
    }

    /**
     * The LLM agents' posts of this tick, in user order, as new catalog items. A post's features
     * are the similarity-weighted mean of the features of the {@link #POST_NEIGHBOURS} items whose
     * texts are closest to the post's text (all-MiniLM-L6-v2), normalised: a post is about what it
     * resembles. Its topic is the nearest topic centre (as for rule posts), its quality a uniform
     * draw from {@code (users.llm.post, user, tick)} (the rule posts' distribution), its creator the
     * author, and its title the text (shortened), so feeds show other agents what was written.
     */
    void publishPosts(ReactContext ctx, EventBuffer events, Consumer<AgentText> texts) {
        if (posts.isEmpty()) {
            return;
        }
        List<Map.Entry<Integer, String>> list = new ArrayList<>(posts.entrySet()); // in user order
        posts.clear();
        World world = ctx.world();
        Catalog catalog = world.catalog();
        int tick = ctx.tick();
        for (Map.Entry<Integer, String> post : list) {
            int u = post.getKey();
            String text = post.getValue();
            index.ensure(catalog);
            float[] q = index.embed(text);
            float[] f = placement(world, u, q);
            int topic = Topics.nearest(centres, catalog.dim(), f, 0);
            float quality = (float) ctx.streams().uniform(POST, u, tick);
            int item = catalog.add(f, topic, u, quality, 1f, tick);
            catalog.setTitle(item, Observations.shorten(text, TITLE_LENGTH));
            index.add(item, q);
            events.add(u, item, EventType.POST, -1, -1, 1f);
            texts.accept(new AgentText(tick, u, EventType.POST, item, -1, "post", text));
        }
    }

    /** A post's features: the normalised, similarity-weighted mean of its nearest items' features. */
    private float[] placement(World world, int u, float[] q) {
        Catalog catalog = world.catalog();
        int dim = catalog.dim();
        double[] sims = new double[POST_NEIGHBOURS];
        int[] near = index.nearest(q, POST_NEIGHBOURS, i -> true, sims);
        float[] f = new float[dim];
        double total = 0;
        for (int j = 0; j < near.length; j++) {
            total += Math.max(0, sims[j]);
        }
        for (int j = 0; j < near.length; j++) {
            double w = total > 0 ? Math.max(0, sims[j]) / total : 1.0 / near.length;
            for (int d = 0; d < dim; d++) {
                f[d] += (float) (w * catalog.feature(near[j], d));
            }
        }
        if (near.length == 0) { // an empty catalog: the author writes about its own taste
            System.arraycopy(world.population().preferences(), u * dim, f, 0, dim);
        }
        double norm = 0;
        for (float x : f) {
            norm += (double) x * x;
        }
        float inv = (float) (1 / Math.sqrt(Math.max(norm, 1e-12)));
        for (int d = 0; d < dim; d++) {
            f[d] *= inv;
        }
        return f;
    }
}
