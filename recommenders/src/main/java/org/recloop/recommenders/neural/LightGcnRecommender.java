package org.recloop.recommenders.neural;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
import java.nio.FloatBuffer;
import java.util.Optional;
import org.apache.commons.rng.UniformRandomProvider;
import org.recloop.core.config.Check;
import org.recloop.core.rng.RandomStreams;
import org.recloop.core.serve.Interactions;
import org.recloop.core.serve.ItemScorer;
import org.recloop.core.serve.ScoringRecommender;
import org.recloop.core.serve.ServeContext;
import org.recloop.core.serve.SlateBatch;
import org.recloop.core.serve.TrainContext;
import org.recloop.recommenders.PopularityOrder;
import org.recloop.recommenders.mf.FactorModel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * LightGCN (He et al., SIGIR 2020): user and item embeddings propagated over the normalised
 * user–item click graph, trained with BPR, trained in the loop with DJL's PyTorch engine.
 *
 * <p>Model: {@code E⁽⁰⁾ = [U; I]}, {@code E⁽ᵏ⁺¹⁾ = Â E⁽ᵏ⁾} with {@code Â = D^-½ A D^-½} over the
 * bipartite graph of distinct training clicks, final embeddings the mean of {@code E⁽⁰..K⁾};
 * {@code ŷ_ui = e_u·e_i}. Loss per mini-batch: BPR {@code softplus(ŷ_uj - ŷ_ui)} plus {@code l2}
 * times the squared ego embeddings of the batch (as in the paper), Adam.
 *
 * <p>Propagation is a sparse (COO) times dense product in PyTorch, the whole graph every step
 * (the paper's full-graph convolution): a step costs about {@code 2·clicks·d·layers} multiply-adds
 * forward, twice that backward, so 10⁶ clicks at d = 32 are fine on a CPU; the graph must fit in
 * (native) memory, about 40 bytes per distinct click.
 *
 * <p>Harness (shared with {@link SasRecRecommender}): negatives uniform or, with {@code
 * exposureNegatives}, from shown-but-never-clicked items ({@link ExposureMemory}, filled by
 * {@link #observe}); a {@code validation} share of distinct clicks is held out and training stops
 * after {@code patience} epochs without a lower validation loss, keeping the best epoch;
 * parameters are kept between fits (warm start: new users and items get fresh rows). Serving
 * goes through the shared ranker ({@link FactorModel}).
 *
 * <p>Determinism: initial rows, validation split and mini-batches come from the stream
 * ("recommender.lightgcn", seed, fit number); PyTorch runs with a fixed intra-op thread count
 * ({@link TorchRuntime}) and never draws random numbers; the run's pool is not used. Same seed
 * and log, same model; serving is the thread-independent dense scorer.
 */
public final class LightGcnRecommender extends ScoringRecommender {
    private static final Logger LOG = LoggerFactory.getLogger(LightGcnRecommender.class);
    private static final long PURPOSE = RandomStreams.purpose("recommender.lightgcn");

    /**
     * Defaults chosen on MovieLens 100k, on a validation split cut from the training part of
     * leave-last-out, never on the test items: 20 epochs stopped short of convergence
     * (validation NDCG@10 0.069); 200 epochs with patience 5 reach 0.072 (BPR 0.053); learning
     * rate 0.005 and 0.02 did worse (0.069, 0.060), a third layer about the same (0.072) at
     * twice the cost; see Ml100kValidationTuning.
     *
     * @param dimensions embedding size (default 64)
     * @param layers propagation layers K (default 2)
     * @param epochs most passes over the training clicks per fit (default 200; early stopping ends most fits sooner)
     * @param batchSize triples per step (default 2048)
     * @param learningRate Adam step size (default 0.01)
     * @param l2 weight of the squared ego embeddings of a batch (default 1e-4)
     * @param device cpu, gpu or auto (default cpu)
     * @param seed mixed into the random stream (default 0)
     * @param validation share of distinct clicks held out for early stopping, 0 = none (default 0.1)
     * @param patience epochs without improvement before stopping (default 5)
     * @param exposureNegatives share of negatives drawn from shown, unclicked items (default 0)
     */
    public record Params(Integer dimensions, Integer layers, Integer epochs, Integer batchSize, Double learningRate,
            Double l2, String device, Long seed, Double validation, Integer patience, Double exposureNegatives) {
        public Params {
            dimensions = Check.positive("dimensions", dimensions == null ? 64 : dimensions);
            layers = Check.nonNegative("layers", layers == null ? 2 : layers);
            epochs = Check.positive("epochs", epochs == null ? 200 : epochs);
            batchSize = Check.positive("batchSize", batchSize == null ? 2048 : batchSize);
            learningRate = Check.positive("learningRate", learningRate == null ? 0.01 : learningRate);
            l2 = Check.nonNegative("l2", l2 == null ? 1e-4 : l2);
            device = TorchRuntime.validName(device);
            seed = seed == null ? 0L : seed;
            validation = Check.unit("validation", validation == null ? 0.1 : validation);
            patience = Check.positive("patience", patience == null ? 5 : patience);
            exposureNegatives = Check.unit("exposureNegatives", exposureNegatives == null ? 0.0 : exposureNegatives);
        }

        public static Params defaults() {
            return new Params(null, null, null, null, null, null, null, null, null, null, null);
        }
    }

    private final Params p;
    private final ExposureMemory exposures = new ExposureMemory();
    private float[] userRows;
    private float[] itemRows;
    private volatile FactorModel model;
    private int version;
    private double[] epochSeconds = new double[0];

    public LightGcnRecommender(Params p) {
        this.p = p;
    }

    /** Checks the device now (load time): {@code gpu} without a GPU fails here. */
    public static void checkDevice(Params p) {
        TorchRuntime.check(p.device());
    }

    @Override
    public int modelVersion() {
        return version;
    }

    /** Wall time of each epoch of the last fit (for the benchmark). */
    public double[] epochSeconds() {
        return epochSeconds.clone();
    }

    @Override
    public void observe(SlateBatch shown, Interactions clicks, TrainContext ctx) {
        if (p.exposureNegatives() > 0) {
            exposures.record(shown);
        }
    }

    @Override
    public void fit(Interactions all, TrainContext ctx) {
        int d = p.dimensions();
        int users = all.numUsers();
        int items = all.numItems();
        long clicks = all.size();
        HeapBudget.check("lightgcn", (long) (users + items) * d, (long) (users + items) * d * 8 + clicks * 48);
        int fitNumber = version + 1;
        UniformRandomProvider rng = ctx.streams().stream(PURPOSE, p.seed(), fitNumber);
        TrainingPairs pairs = new TrainingPairs(all, p.validation(), rng);
        double std = 0.1;
        userRows = Parameters.table(userRows, users, d, std, rng);
        itemRows = Parameters.table(itemRows, items, d, std, rng);
        Parameters params = new Parameters();
        params.add("users", new long[] {users, d}, userRows);
        params.add("items", new long[] {items, d}, itemRows);
        params.resetOptimizer();
        int[] validNeg = new int[pairs.validUsers.length];
        for (int v = 0; v < validNeg.length; v++) {
            validNeg[v] = pairs.negative(pairs.validUsers[v], exposures, 0, rng);
        }
        Device device = TorchRuntime.resolve(p.device());
        Engine engine = TorchRuntime.engine();
        TrainingLoop loop = new TrainingLoop(p.epochs(), p.batchSize(), p.patience());
        int n = pairs.trainUsers.length;
        TrainingLoop.Result trained;
        try (NDManager fitManager = engine.newBaseManager(device)) {
            NDArray graph = Graph.normalised(fitManager, pairs.trainUsers, pairs.trainItems, users, items);
            trained = loop.run(n, 1, params, b -> {
                int[] bu = new int[b];
                int[] bi = new int[b];
                int[] bj = new int[b];
                for (int s = 0; s < b; s++) {
                    pairs.drawTrain(bu, bi, s, rng);
                    bj[s] = pairs.negative(bu[s], exposures, p.exposureNegatives(), rng);
                }
                step(engine, fitManager, graph, params, bu, bi, bj, users);
            }, () -> validationLoss(fitManager, graph, params, pairs, validNeg, users, items));
            float[] emb = propagate(fitManager, graph, params, false);
            publish(emb, users, items, all, pairs);
        }
        epochSeconds = trained.epochSeconds();
        version = fitNumber;
        LOG.debug("lightgcn fit {}: {} epochs, best {} (validation loss {})", fitNumber, epochSeconds.length,
                trained.bestEpoch(), trained.bestLoss());
    }

    private void step(Engine engine, NDManager fitManager, NDArray graph, Parameters params, int[] bu, int[] bi,
            int[] bj, int users) {
        try (NDManager step = fitManager.newSubManager()) {
            NDArray[] w = params.upload(step, true);
            try (GradientCollector gc = engine.newGradientCollector()) {
                NDArray fin = propagated(step, graph, w);
                NDArray u = step.create(bu);
                NDArray i = step.create(bi);
                NDArray j = step.create(bj);
                NDArray off = step.create(users);
                NDArray eu = fin.get(u);
                NDArray ei = fin.get(i.add(off));
                NDArray ej = fin.get(j.add(off));
                NDArray x = eu.mul(ei.sub(ej)).sum(new int[] {1});
                NDArray bpr = Ops.softplus(step, x.neg()).mean();
                NDArray reg = w[0].get(u).square().sum().add(w[1].get(i).square().sum()).add(w[1].get(j).square().sum())
                        .mul(Ops.constant(step, p.l2().floatValue() / 2 / bu.length));
                gc.backward(bpr.add(reg));
            }
            params.step(w, p.learningRate().floatValue());
        }
    }

    /** mean of E⁽⁰..K⁾ for uploaded user and item tables; intermediate products live in {@code step}. */
    private NDArray propagated(NDManager step, NDArray graph, NDArray[] w) {
        NDArray e = w[0].concat(w[1], 0);
        NDArray sum = e;
        for (int k = 0; k < p.layers(); k++) {
            e = graph.matMul(e);
            e.attach(step); // the product belongs to the graph's (fit) manager otherwise
            sum = sum.add(e);
        }
        return sum.mul(Ops.constant(step, 1f / (p.layers() + 1)));
    }

    private float[] propagate(NDManager fitManager, NDArray graph, Parameters params, boolean unused) {
        try (NDManager step = fitManager.newSubManager()) {
            return propagated(step, graph, params.upload(step, false)).toFloatArray();
        }
    }

    private double validationLoss(NDManager fitManager, NDArray graph, Parameters params, TrainingPairs pairs,
            int[] validNeg, int users, int items) {
        if (validNeg.length == 0) {
            return Double.NaN;
        }
        float[] emb = propagate(fitManager, graph, params, false);
        int d = p.dimensions();
        double loss = 0;
        for (int v = 0; v < validNeg.length; v++) {
            int u = pairs.validUsers[v] * d;
            int i = (users + pairs.validItems[v]) * d;
            int j = (users + validNeg[v]) * d;
            double x = 0;
            for (int f = 0; f < d; f++) {
                x += emb[u + f] * (emb[i + f] - emb[j + f]);
            }
            loss += Ops.softplus(-x);
        }
        return loss / validNeg.length;
    }

    private void publish(float[] emb, int users, int items, Interactions all, TrainingPairs pairs) {
        int d = p.dimensions();
        float[] x = java.util.Arrays.copyOfRange(emb, 0, users * d);
        float[] y = java.util.Arrays.copyOfRange(emb, users * d, (users + items) * d);
        boolean[] known = new boolean[users];
        int[] off = pairs.all.off();
        for (int u = 0; u < users; u++) {
            known[u] = off[u + 1] > off[u];
        }
        model = new FactorModel(d, users, items, x, y, null, known, PopularityOrder.ofClicks(all));
    }

    @Override
    protected Optional<ItemScorer> scorer(ServeContext ctx) {
        return Optional.ofNullable(model).map(FactorModel::scorer);
    }

    /** The fitted model, or null before the first fit. */
    public FactorModel model() {
        return model;
    }

    /** The normalised bipartite adjacency. */
    static final class Graph {
        private Graph() {}

        static NDArray normalised(NDManager m, int[] us, int[] is, int users, int items) {
            int n = us.length;
            int[] deg = new int[users + items];
            for (int e = 0; e < n; e++) {
                deg[us[e]]++;
                deg[users + is[e]]++;
            }
            long[][] idx = new long[2][2 * n];
            float[] val = new float[2 * n];
            for (int e = 0; e < n; e++) {
                int a = us[e];
                int b = users + is[e];
                float w = (float) (1.0 / Math.sqrt((double) deg[a] * deg[b]));
                idx[0][e] = a;
                idx[1][e] = b;
                idx[0][n + e] = b;
                idx[1][n + e] = a;
                val[e] = w;
                val[n + e] = w;
            }
            // Not NDManager.createCoo: it closes its index and value arrays, whose memory
            // PyTorch's sparse tensor still points at (garbage indices on the next fit). The
            // copies below are owned by PyTorch and live in the fit's manager.
            NDArray values = m.create(FloatBuffer.wrap(val), new Shape(2L * n)).duplicate();
            NDArray indices = m.create(idx).duplicate();
            return JniUtils.createSparseCoo((PtNDArray) indices, (PtNDArray) values,
                    new Shape(users + items, users + items));
        }
    }
}
