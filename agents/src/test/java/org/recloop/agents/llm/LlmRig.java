package org.recloop.agents.llm;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.recloop.agents.rule.RuleUserModel;
import org.recloop.core.log.AgentText;
import org.recloop.core.log.ModelCall;
import org.recloop.core.react.EventBuffer;
import org.recloop.core.react.EventType;
import org.recloop.core.react.ReactContext;
import org.recloop.core.react.UserModel;
import org.recloop.core.rng.RandomStreams;
import org.recloop.core.serve.SlateBatch;
import org.recloop.core.serve.SlateSource;
import org.recloop.core.sim.PlatformEffects;
import org.recloop.core.world.Catalog;
import org.recloop.core.world.Population;
import org.recloop.core.world.World;
import org.recloop.core.world.synthetic.SyntheticCatalog;
import org.recloop.core.world.synthetic.SyntheticPopulation;

/**
 * A small world, a user model and what the kernel does around it (react, afterTick, platform
 * effects, drain of model calls and texts), without the kernel. Slates are fixed functions of (user, tick).
 */
final class LlmRig {

    static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);

    final World world;
    final RandomStreams streams;
    final UserModel model;
    final int k;
    final List<ModelCall> calls = new ArrayList<>();
    final List<AgentText> texts = new ArrayList<>();

    LlmRig(int users, int items, int k, long seed, UserModel model) {
        this.streams = new RandomStreams(seed);
        Catalog catalog = new SyntheticCatalog(new SyntheticCatalog.Params(items, 8, 5, null, users, null)).build(streams);
        Population pop = new SyntheticPopulation(new SyntheticPopulation.Params(users, null, 1.0, null, null))
                .build(catalog, streams);
        this.world = World.of(catalog, pop);
        this.model = model;
        this.k = k;
        model.init(world, streams);
    }

    /** Parameters from JSON, as the scenario loader would bind them. */
    static LlmUserModel.Params params(String json) {
        try {
            return MAPPER.readValue(json, LlmUserModel.Params.class);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    static LlmUserModel model(String json, Map<String, String> env) {
        return new LlmUserModel(params(json), Path::of, Environment.of(env));
    }

    /** Slates of every active user at a tick: k distinct items, a fixed function of (user, tick). */
    SlateBatch slates(int tick) {
        Population pop = world.population();
        List<Integer> active = new ArrayList<>();
        for (int u = 0; u < pop.size(); u++) {
            if (pop.status(u) == Population.ACTIVE) {
                active.add(u);
            }
        }
        int[] users = active.stream().mapToInt(Integer::intValue).toArray();
        SlateBatch b = new SlateBatch(users, k);
        int n = world.catalog().size();
        for (int s = 0; s < users.length; s++) {
            int start = (users[s] * 37 + tick * 101) % n;
            for (int r = 0; r < k; r++) {
                b.set(s, r, (start + r * 7) % n, 0f, 1f, r == k - 1 ? SlateSource.SOCIAL : SlateSource.RECOMMENDER);
            }
        }
        return b;
    }

    ReactContext ctx(int tick) {
        return new ReactContext(tick, world, streams);
    }

    /** React (one chunk per {@code chunk} slates, concurrently as the kernel may), afterTick, effects, drains. */
    EventBuffer tick(int tick, SlateBatch slates, int chunk) {
        return tick(tick, slates, chunk, null);
    }

    /**
     * As the kernel's React phase: chunks of {@code chunk} slates, each submitted to {@code workers}
     * (the kernel's worker threads; null = the calling thread), joined in chunk order.
     */
    EventBuffer tick(int tick, SlateBatch slates, int chunk, java.util.concurrent.Executor workers) {
        ReactContext ctx = ctx(tick);
        int n = slates.size();
        int chunks = (n + chunk - 1) / chunk;
        EventBuffer[] parts = new EventBuffer[chunks];
        List<java.util.concurrent.CompletableFuture<Void>> fs = new ArrayList<>();
        for (int c = 0; c < chunks; c++) {
            EventBuffer part = new EventBuffer();
            parts[c] = part;
            int from = c * chunk;
            int to = Math.min(n, (c + 1) * chunk);
            if (workers == null) {
                fs.add(model.react(ctx, slates, from, to, part).toCompletableFuture());
            } else {
                fs.add(java.util.concurrent.CompletableFuture.supplyAsync(() -> model.react(ctx, slates, from, to, part),
                        workers).thenCompose(st -> st));
            }
        }
        try {
            java.util.concurrent.CompletableFuture.allOf(fs.toArray(java.util.concurrent.CompletableFuture[]::new))
                    .get(120, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            throw e.getCause() instanceof RuntimeException re ? re : new IllegalStateException(e.getCause());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        EventBuffer all = new EventBuffer();
        for (EventBuffer p : parts) {
            all.addAll(p);
        }
        model.afterTick(ctx, slates, all);
        PlatformEffects.apply(world, all, tick, new long[world.catalog().size()]);
        calls.addAll(model.drainModelCalls());
        texts.addAll(model.drainTexts());
        return all;
    }

    EventBuffer tick(int tick) {
        return tick(tick, slates(tick), 512);
    }

    /** Events as comparable text rows (user, item, type, slate, position, value, target). */
    static List<String> rows(EventBuffer ev) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < ev.size(); i++) {
            out.add(ev.user(i) + "," + ev.item(i) + "," + EventType.ofCode(ev.typeCode(i)) + "," + ev.slate(i) + ","
                    + ev.position(i) + "," + ev.value(i) + "," + ev.target(i));
        }
        return out;
    }

    /** Rows of the given users only. */
    static List<String> rows(EventBuffer ev, java.util.function.IntPredicate users) {
        List<String> out = new ArrayList<>();
        List<String> all = rows(ev);
        for (int i = 0; i < ev.size(); i++) {
            if (users.test(ev.user(i))) {
                out.add(all.get(i));
            }
        }
        return out;
    }

    /** A rig with the pure rule model and the same world and seed (the reference for rule users and fallbacks). */
    static LlmRig ruleTwin(int users, int items, int k, long seed, RuleUserModel.Params p) {
        return new LlmRig(users, items, k, seed, new RuleUserModel(p));
    }
}
