package org.recloop.recommenders.neural;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.apache.commons.rng.UniformRandomProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.recloop.core.capability.Capabilities;
import org.recloop.core.rng.RandomStreams;
import org.recloop.core.serve.Interactions;
import org.recloop.core.serve.Recommender;
import org.recloop.core.serve.ServeContext;
import org.recloop.core.serve.SlateBatch;
import org.recloop.core.serve.TrainContext;
import org.recloop.core.world.ConsumptionHistory;

/**
 * Figures for docs/PERFORMANCE.md: epoch time and batch-recommend throughput of each neural model
 * on logs the size of the {@code small} (10,000 users × 2,000 items) and {@code medium} (100,000
 * × 20,000) bench workloads. Not part of the build; run on demand (optionally
 * {@code -Drecloop.neural.bench.models=tiger} for some models only):
 *
 * <pre>
 * mvn -B -q -pl recommenders -am verify -Dtest=NeuralBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Dit.test=None -Dfailsafe.failIfNoSpecifiedTests=false -Drecloop.neural.bench=small,medium
 * </pre>
 *
 * <p>The log: every user clicks {@code clicksPerUser} distinct items, 80% from its taste cluster
 * (50 clusters, item i in cluster i % 50) in a walk along the cluster, 20% anywhere. Each model
 * fits 3 epochs without validation (so none stops early), default parameters otherwise, and the
 * figure is the median epoch; throughput is the median of 3 batch recommendations (k = 10,
 * consumed items excluded) for up to 20,000 users. PyTorch uses {@code -Drecloop.torch.threads}
 * (default 1) intra-op threads.
 */
@EnabledIfSystemProperty(named = "recloop.neural.bench", matches = ".+")
class NeuralBenchmark {

    private record Workload(String name, int users, int items, int clicksPerUser) {}

    @Test
    void printFigures() {
        List<String> lines = new ArrayList<>();
        for (String w : System.getProperty("recloop.neural.bench").split(",")) {
            Workload workload = switch (w.trim()) {
                case "small" -> new Workload("small", 10_000, 2_000, 20);
                case "medium" -> new Workload("medium", 100_000, 20_000, 10);
                default -> throw new IllegalArgumentException("recloop.neural.bench: unknown workload '" + w + "'");
            };
            Interactions log = log(workload);
            for (String model : models()) {
                Recommender rec = create(model);
                long t0 = System.nanoTime();
                rec.fit(log, new TrainContext(0, new RandomStreams(1), null, 1));
                double fit = (System.nanoTime() - t0) / 1e9;
                double epoch = median(epochSeconds(rec));
                double slatesPerSecond = throughput(rec, workload, log);
                String line = String.format(Locale.ROOT, "NEURAL-BENCH %s %s: %,d clicks, epoch %.2f s (median of 3), "
                        + "fit %.1f s, recommend %,.0f slates/s (median of 3)", workload.name(), model, log.size(),
                        epoch, fit, slatesPerSecond);
                System.out.println(line);
                lines.add(line);
            }
        }
        lines.forEach(System.out::println);
    }

    /** The models to time: {@code -Drecloop.neural.bench.models=a,b} (default: all four). */
    private static List<String> models() {
        return List.of(System.getProperty("recloop.neural.bench.models", "lightgcn,sasrec,two-tower,tiger").split(","));
    }

    private static Recommender create(String model) {
        return switch (model) {
            case "tiger" -> new TigerRecommender(new TigerRecommender.Params(null, null, null, null, null, null, null,
                    null, null, null, null, null, null, 3, null, null, null, null, null, 0.0, null), Capabilities.NONE);
            case "lightgcn" -> new LightGcnRecommender(new LightGcnRecommender.Params(null, null, 3, null, null, null,
                    null, null, 0.0, null, null));
            case "sasrec" -> new SasRecRecommender(new SasRecRecommender.Params(null, null, null, null, null, 3, null,
                    null, null, null, 0.0, null, null));
            default -> new TwoTowerRecommender(new TwoTowerRecommender.Params(null, null, null, 3, null, null, null, null,
                    0.0, null, null), Capabilities.NONE);
        };
    }

    private static double[] epochSeconds(Recommender rec) {
        if (rec instanceof LightGcnRecommender r) {
            return r.epochSeconds();
        }
        if (rec instanceof SasRecRecommender r) {
            return r.epochSeconds();
        }
        if (rec instanceof TigerRecommender r) {
            return r.epochSeconds();
        }
        return ((TwoTowerRecommender) rec).epochSeconds();
    }

    private static double throughput(Recommender rec, Workload w, Interactions log) {
        int n = Math.min(w.users(), 20_000);
        ConsumptionHistory consumed = new ConsumptionHistory(w.users());
        for (int r = 0; r < log.size(); r++) {
            consumed.add(log.users()[r], log.items()[r]);
        }
        int[] ids = java.util.stream.IntStream.range(0, n).toArray();
        double[] rates = new double[3];
        for (int k = 0; k < 3; k++) {
            SlateBatch slates = new SlateBatch(ids, 10);
            long t0 = System.nanoTime();
            rec.recommend(slates, 0, n, new ServeContext(1, w.items(), consumed, new RandomStreams(1)));
            rates[k] = n / ((System.nanoTime() - t0) / 1e9);
        }
        return median(rates);
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length == 0 ? Double.NaN : s[s.length / 2];
    }

    private static Interactions log(Workload w) {
        int clusters = 50;
        int perCluster = w.items() / clusters;
        UniformRandomProvider rng = new RandomStreams(42).stream(7, 0, 0);
        int n = w.users() * w.clicksPerUser();
        int[] us = new int[n];
        int[] is = new int[n];
        int[] ts = new int[n];
        float[] vs = new float[n];
        int r = 0;
        for (int u = 0; u < w.users(); u++) {
            int c = rng.nextInt(clusters);
            int pos = rng.nextInt(perCluster);
            java.util.Set<Integer> seen = new java.util.HashSet<>();
            for (int q = 0; q < w.clicksPerUser(); q++) {
                int item;
                do {
                    if (rng.nextDouble() < 0.8) {
                        pos = (pos + 1 + rng.nextInt(3)) % perCluster;
                        item = pos * clusters + c;
                    } else {
                        item = rng.nextInt(w.items());
                    }
                } while (!seen.add(item));
                us[r] = u;
                is[r] = item;
                ts[r] = q;
                vs[r] = 1f;
                r++;
            }
        }
        return new Interactions(us, is, ts, vs, w.users(), w.items());
    }
}
