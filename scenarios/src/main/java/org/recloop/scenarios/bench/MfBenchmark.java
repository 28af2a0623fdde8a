package org.recloop.scenarios.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.function.Consumer;
import org.apache.commons.rng.UniformRandomProvider;
import org.recloop.core.rng.RandomStreams;
import org.recloop.core.serve.Interactions;
import org.recloop.core.serve.Recommender;
import org.recloop.core.serve.ServeContext;
import org.recloop.core.serve.SlateBatch;
import org.recloop.core.serve.TrainContext;
import org.recloop.core.world.ConsumptionHistory;
import org.recloop.recommenders.baseline.MostPopularRecommender;
import org.recloop.recommenders.mf.BprRecommender;
import org.recloop.recommenders.mf.FactorModel;
import org.recloop.recommenders.mf.ImplicitAlsRecommender;

/**
 * Matrix-factorisation workload: a synthetic implicit dataset with latent structure (each user
 * draws most interactions from one of 50 item clusters, the rest from a Zipf-like popular head),
 * then ALS and BPR training time per sweep/epoch and batch top-10 serving throughput.
 * Throughput is also given as a ratio to most-popular serving of the same users in the same
 * process (a baseline that does almost no arithmetic), which makes the figure comparable across
 * machines.
 */
public final class MfBenchmark {

    private final int users;
    private final int items;
    private final long interactions;
    private final int factors;
    private final int repeats;
    private final ExecutorService executor;
    private final int threads;

    public MfBenchmark(int users, int items, long interactions, int factors, int repeats, ExecutorService executor,
            int threads) {
        this.users = users;
        this.items = items;
        this.interactions = interactions;
        this.factors = factors;
        this.repeats = repeats;
        this.executor = executor;
        this.threads = threads;
    }

    public static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    }

    /** The synthetic dataset (deterministic for the seed). */
    public Interactions data(long seed) {
        int n = Math.toIntExact(interactions);
        int[] u = new int[n];
        int[] it = new int[n];
        RandomStreams rs = new RandomStreams(seed);
        int per = n / users;
        int extra = n % users;
        int clusters = 50;
        int clusterSize = Math.max(1, items / clusters);
        int w = 0;
        for (int user = 0; user < users; user++) {
            UniformRandomProvider rng = rs.stream(RandomStreams.purpose("bench.mf"), user, 0);
            int c = rng.nextInt(clusters);
            int cnt = per + (user < extra ? 1 : 0);
            for (int j = 0; j < cnt; j++) {
                u[w] = user;
                if (rng.nextDouble() < 0.8) {
                    it[w] = Math.min(items - 1, c * clusterSize + rng.nextInt(clusterSize));
                } else {
                    // popular head: P(rank r) ~ 1/r via inverse transform on a log scale
                    it[w] = (int) Math.min(items - 1, Math.floor(Math.exp(rng.nextDouble() * Math.log(items))) - 1);
                }
                w++;
            }
        }
        float[] v = new float[n];
        Arrays.fill(v, 1f);
        return new Interactions(u, it, new int[n], v, users, items);
    }

    public List<Figure> run(Consumer<String> progress) {
        List<Figure> out = new ArrayList<>();
        String wl = "mf";
        long t0 = System.nanoTime();
        Interactions data = data(1);
        out.add(new Figure(wl, "setup (generate " + interactions + " interactions)", (System.nanoTime() - t0) / 1e9, "s"));
        TrainContext ctx = new TrainContext(0, new RandomStreams(1), executor, threads);
        progress.accept("ALS: fitting " + repeats + " sweeps");
        ImplicitAlsRecommender als = new ImplicitAlsRecommender(
                new ImplicitAlsRecommender.Params(factors, repeats, 0.1, 10.0));
        als.fit(data, ctx);
        out.add(new Figure(wl, "als training per sweep (users + items), factors " + factors,
                median(als.iterationSeconds()), "s"));
        progress.accept("BPR: fitting " + repeats + " epochs");
        BprRecommender bpr = new BprRecommender(new BprRecommender.Params(factors, repeats, 0.05, 0.002, null));
        bpr.fit(data, ctx);
        out.add(new Figure(wl, "bpr training per epoch (" + interactions + " samples), factors " + factors,
                median(bpr.epochSeconds()), "s"));
        MostPopularRecommender pop = new MostPopularRecommender(MostPopularRecommender.Params.defaults());
        pop.fit(data, ctx);
        ConsumptionHistory h = new ConsumptionHistory(users);
        for (int r = 0; r < data.size(); r++) {
            h.add(data.users()[r], data.items()[r]);
        }
        int batch = Math.min(users, 20_000);
        int[] ids = new int[batch];
        for (int i = 0; i < batch; i++) {
            ids[i] = (int) ((long) i * users / batch);
        }
        ServeContext sctx = new ServeContext(1, items, h, new RandomStreams(1));
        progress.accept("serving " + batch + " users at k=10");
        double popRate = serveRate(pop, ids, sctx);
        double alsRate = serveRate(als, ids, sctx);
        double bprRate = serveRate(bpr, ids, sctx);
        out.add(new Figure(wl, "most-popular recommend throughput, k=10 (baseline)", popRate, "users/s"));
        out.add(new Figure(wl, "als recommend throughput, k=10, exact top-k over " + items + " items", alsRate, "users/s"));
        out.add(new Figure(wl, "bpr recommend throughput, k=10, exact top-k over " + items + " items", bprRate, "users/s"));
        out.add(new Figure(wl, "als throughput / most-popular throughput", alsRate / popRate, "ratio"));
        // candidate retrieval: k-means user clusters, each with its centroid's 500 best items
        progress.accept("candidate retrieval: clustering users, measuring recall against exact top-10");
        FactorModel exact = als.model();
        long t1 = System.nanoTime();
        FactorModel approx = exact.withCandidates(128, 500, 5);
        double buildSec = (System.nanoTime() - t1) / 1e9;
        Recommender approxRec = new Recommender() {
            @Override
            public void fit(Interactions all, TrainContext c) {}

            @Override
            public void recommend(SlateBatch b, int from, int to, ServeContext c) {
                approx.recommend(b, from, to, c);
            }

            @Override
            public int modelVersion() {
                return 1;
            }
        };
        double approxRate = serveRate(approxRec, ids, sctx);
        SlateBatch e = new SlateBatch(ids, 10);
        SlateBatch a = new SlateBatch(ids, 10);
        exact.recommend(e, 0, ids.length, sctx);
        approx.recommend(a, 0, ids.length, sctx);
        double recall = SimBenchmark.recall(e, a);
        out.add(new Figure(wl, "als candidate index build (128 clusters x 500 items)", buildSec, "s"));
        out.add(new Figure(wl, "als recommend throughput with candidate retrieval, k=10", approxRate, "users/s"));
        out.add(new Figure(wl, "recall@10 of candidate retrieval against exact top-10", recall, "ratio"));
        return out;
    }

    /** Median users/s over {@code repeats} batch calls, chunked over the executor like the kernel. */
    private double serveRate(Recommender r, int[] ids, ServeContext ctx) {
        double[] rates = new double[repeats];
        for (int rep = 0; rep < repeats; rep++) {
            SlateBatch b = new SlateBatch(ids, 10);
            long t0 = System.nanoTime();
            int chunk = 512;
            List<CompletableFuture<Void>> fs = new ArrayList<>();
            for (int from = 0; from < ids.length; from += chunk) {
                int f = from;
                int t = Math.min(ids.length, from + chunk);
                if (executor == null) {
                    r.recommend(b, f, t, ctx);
                } else {
                    fs.add(CompletableFuture.runAsync(() -> r.recommend(b, f, t, ctx), executor));
                }
            }
            CompletableFuture.allOf(fs.toArray(new CompletableFuture[0])).join();
            rates[rep] = ids.length / ((System.nanoTime() - t0) / 1e9);
        }
        return median(rates);
    }
}
