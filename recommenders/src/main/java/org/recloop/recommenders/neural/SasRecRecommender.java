package org.recloop.recommenders.neural;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.nio.FloatBuffer;
import java.util.Arrays;
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
 * SASRec (Kang and McAuley, ICDM 2018): next-item prediction with causal self-attention over
 * each user's click sequence, trained in the loop with DJL's PyTorch engine.
 *
 * <p>Sequences: a user's clicks in log order (tick, then slate position), the last {@code
 * maxLength + 1} of them; the network reads positions {@code 0..n-2} and is trained at every
 * position to score the next click above a negative (binary cross-entropy, one negative per
 * position, as in the paper; negatives as in {@link LightGcnRecommender}). Validation: for a
 * {@code validation} share of users with at least three clicks the last click is held out and
 * the loss of predicting it drives early stopping. Serving: the hidden state after a user's
 * last {@code maxLength} clicks is the user vector, scored against the item embeddings by the
 * shared ranker ({@link FactorModel}).
 *
 * <p>Warm start: the item table grows by fresh rows for new items, every other tensor is kept.
 * Determinism as in {@link LightGcnRecommender}: init, batches, negatives and dropout masks come
 * from the stream ("recommender.sasrec", seed, fit number); PyTorch has a fixed thread count.
 */
public final class SasRecRecommender extends ScoringRecommender {
    private static final Logger LOG = LoggerFactory.getLogger(SasRecRecommender.class);
    private static final long PURPOSE = RandomStreams.purpose("recommender.sasrec");

    /**
     * Defaults chosen on MovieLens 100k, on a validation split cut from the training part of
     * leave-last-out (each user's second-to-last rating), never on the test items: learning rate
     * 0.001 / 0.002 / 0.005 gave validation NDCG@10 0.082 / 0.108 / 0.069, maxLength 100 0.078
     * (BPR 0.053); see Ml100kValidationTuning.
     *
     * @param maxLength longest sequence read (default 50)
     * @param blocks self-attention blocks (default 2)
     * @param heads attention heads, dividing dimensions (default 1)
     * @param dimensions embedding size (default 64)
     * @param dropout dropout rate in training (default 0.2)
     * @param epochs most passes over the training windows per fit (default 200; early stopping ends most fits sooner)
     * @param batchSize sequences per step (default 128)
     * @param learningRate Adam step size (default 0.002)
     * @param device cpu, gpu or auto (default cpu)
     * @param seed mixed into the random stream (default 0)
     * @param validation share of users whose last click is held out, 0 = none (default 0.1)
     * @param patience epochs without improvement before stopping (default 10)
     * @param exposureNegatives share of negatives drawn from shown, unclicked items (default 0)
     */
    public record Params(Integer maxLength, Integer blocks, Integer heads, Integer dimensions, Double dropout,
            Integer epochs, Integer batchSize, Double learningRate, String device, Long seed, Double validation,
            Integer patience, Double exposureNegatives) {
        public Params {
            maxLength = Check.positive("maxLength", maxLength == null ? 50 : maxLength);
            blocks = Check.positive("blocks", blocks == null ? 2 : blocks);
            heads = Check.positive("heads", heads == null ? 1 : heads);
            dimensions = Check.positive("dimensions", dimensions == null ? 64 : dimensions);
            if (dimensions % heads != 0) {
                throw new IllegalArgumentException("heads: " + heads + " does not divide dimensions " + dimensions);
            }
            dropout = dropout == null ? 0.2 : dropout;
            if (!(dropout >= 0 && dropout < 1)) {
                throw new IllegalArgumentException("dropout: " + dropout + " is not in [0, 1)");
            }
            epochs = Check.positive("epochs", epochs == null ? 200 : epochs);
            batchSize = Check.positive("batchSize", batchSize == null ? 128 : batchSize);
            learningRate = Check.positive("learningRate", learningRate == null ? 0.002 : learningRate);
            device = TorchRuntime.validName(device);
            seed = seed == null ? 0L : seed;
            validation = Check.unit("validation", validation == null ? 0.1 : validation);
            patience = Check.positive("patience", patience == null ? 10 : patience);
            exposureNegatives = Check.unit("exposureNegatives", exposureNegatives == null ? 0.0 : exposureNegatives);
        }

        public static Params defaults() {
            return new Params(null, null, null, null, null, null, null, null, null, null, null, null, null);
        }
    }

    private final Params p;
    private final SasRecNetwork net;
    private final ExposureMemory exposures = new ExposureMemory();
    private float[] itemRows;
    private float[][] kept;
    private volatile FactorModel model;
    private int version;
    private double[] epochSeconds = new double[0];

    public SasRecRecommender(Params p) {
        this.p = p;
        this.net = new SasRecNetwork(p.dimensions(), p.maxLength(), p.blocks(), p.heads(), p.dropout().floatValue());
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
        int l = p.maxLength();
        long blockFloats = (long) blocks() * (6L * d * d + 6L * d);
        HeapBudget.check("sasrec", (long) (items + 1) * d + (long) l * d + blockFloats,
                (long) users * d * 4 + (long) all.size() * 8);
        int fitNumber = version + 1;
        UniformRandomProvider rng = ctx.streams().stream(PURPOSE, p.seed(), fitNumber);
        int[][] seqs = sequences(all);
        TrainingPairs clicked = new TrainingPairs(all, 0, rng);
        SequenceInput.HeldOut held = SequenceInput.HeldOut.lastClicks(seqs, p.validation(), rng);
        int[] validTarget = held.validTarget();
        TrainingWindows windows = TrainingWindows.of(held.usableLength(), l);
        int nTrain = windows.size();
        itemRows = Parameters.table(itemRows, items + 1, d, 0.05, rng);
        Arrays.fill(itemRows, 0, d, 0f);
        Parameters params = new Parameters();
        net.addTensors(params, itemRows, items, kept, rng);
        params.resetOptimizer();
        Device device = TorchRuntime.resolve(p.device());
        Engine engine = TorchRuntime.engine();
        TrainingLoop loop = new TrainingLoop(p.epochs(), p.batchSize(), p.patience());
        TrainingLoop.Result trained;
        try (NDManager fitManager = engine.newBaseManager(device)) {
            trained = loop.run(nTrain, 1, params, b -> {
                int[] in = new int[b * l];
                int[] pos = new int[b * l];
                int[] neg = new int[b * l];
                for (int s = 0; s < b; s++) {
                    int w = rng.nextInt(nTrain);
                    int u = windows.user(w);
                    int[] seq = seqs[u];
                    int end = windows.end(w);
                    SequenceInput.fillWindow(seq, end - 1, in, s * l, l);
                    SequenceInput.fillWindow(Arrays.copyOfRange(seq, 1, end), end - 1, pos, s * l, l);
                    for (int t = 0; t < l; t++) {
                        if (pos[s * l + t] != 0) {
                            neg[s * l + t] = 1 + clicked.negative(u, exposures, p.exposureNegatives(), rng);
                        }
                    }
                }
                step(engine, fitManager, params, in, pos, neg, b, rng);
            }, () -> validationLoss(fitManager, params, seqs, validTarget, clicked));
            publish(fitManager, params, seqs, users, items, all);
        }
        kept = params.snapshot();
        epochSeconds = trained.epochSeconds();
        version = fitNumber;
        LOG.debug("sasrec fit {}: {} epochs, best {} (validation loss {})", fitNumber, epochSeconds.length,
                trained.bestEpoch(), trained.bestLoss());
    }

    private int blocks() {
        return p.blocks();
    }

    /**
     * Each user's clicked items in time order: by tick, rows of the same tick in row order (the
     * log's slate order). Why sort: a run's log is already in that order, but an offline file
     * (MovieLens {@code u.data}) is in file order, which would train on shuffled sequences.
     */
    static int[][] sequences(Interactions all) {
        int users = all.numUsers();
        int[] us = all.users();
        int[] is = all.items();
        int[] ts = all.ticks();
        Integer[] order = new Integer[us.length];
        for (int r = 0; r < order.length; r++) {
            order[r] = r;
        }
        // stable: ties keep row order
        Arrays.sort(order, (a, b) -> Integer.compare(ts[a], ts[b]));
        int[] count = new int[users];
        for (int u : us) {
            count[u]++;
        }
        int[][] seqs = new int[users][];
        for (int u = 0; u < users; u++) {
            seqs[u] = new int[count[u]];
        }
        int[] fill = new int[users];
        for (int r : order) {
            seqs[us[r]][fill[us[r]]++] = is[r];
        }
        return seqs;
    }

    private void step(Engine engine, NDManager fitManager, Parameters params, int[] in, int[] pos, int[] neg,
            int batch, UniformRandomProvider rng) {
        int l = p.maxLength();
        try (NDManager step = fitManager.newSubManager()) {
            NDArray[] w = params.upload(step, true);
            try (GradientCollector gc = engine.newGradientCollector()) {
                NDArray h = net.forward(step, w, in, batch, rng);
                NDArray lp = h.mul(w[0].get(step.create(pos, new Shape(batch, l)))).sum(new int[] {-1});
                NDArray ln = h.mul(w[0].get(step.create(neg, new Shape(batch, l)))).sum(new int[] {-1});
                float[] tm = new float[batch * l];
                float targets = 0;
                for (int i = 0; i < tm.length; i++) {
                    tm[i] = pos[i] == 0 ? 0f : 1f;
                    targets += tm[i];
                }
                NDArray mask = step.create(FloatBuffer.wrap(tm), new Shape(batch, l));
                NDArray loss = Ops.softplus(step, lp.neg()).add(Ops.softplus(step, ln)).mul(mask)
                        .sum().mul(Ops.constant(step, 1f / Math.max(1f, targets)));
                gc.backward(loss);
            }
            params.step(w, p.learningRate().floatValue());
        }
    }

    /** {@link FullRankValidation} of the held-out last clicks. */
    private double validationLoss(NDManager fitManager, Parameters params, int[][] seqs, int[] validTarget,
            TrainingPairs clicked) {
        int[] held = java.util.stream.IntStream.range(0, seqs.length).filter(u -> validTarget[u] >= 0).toArray();
        int[] users = java.util.Arrays.stream(FullRankValidation.subset(held.length)).map(k -> held[k]).toArray();
        if (users.length == 0) {
            return Double.NaN;
        }
        float[] reps = representations(fitManager, params, seqs, users, true);
        int[] targets = java.util.Arrays.stream(users).map(u -> validTarget[u]).toArray();
        int d = p.dimensions();
        float[] e = params.values(0);
        return FullRankValidation.loss(reps, users, targets, e, 1, e.length / d - 1, d, clicked);
    }

    /** Last hidden state per user of {@code users}; {@code dropLast} leaves the held-out click out. */
    private float[] representations(NDManager fitManager, Parameters params, int[][] seqs, int[] users, boolean dropLast) {
        return SequenceInput.lastStates(fitManager, seqs, users, dropLast, p.maxLength(), p.dimensions(),
                (step, in, b) -> net.forward(step, params.upload(step, false), in, b, null));
    }

    private void publish(NDManager fitManager, Parameters params, int[][] seqs, int users, int items, Interactions all) {
        int d = p.dimensions();
        int[] knownIds = java.util.stream.IntStream.range(0, users).filter(u -> seqs[u].length > 0).toArray();
        float[] reps = representations(fitManager, params, seqs, knownIds, false);
        float[] x = new float[users * d];
        boolean[] known = new boolean[users];
        for (int k = 0; k < knownIds.length; k++) {
            System.arraycopy(reps, k * d, x, knownIds[k] * d, d);
            known[knownIds[k]] = true;
        }
        float[] y = Arrays.copyOfRange(params.values(0), d, (items + 1) * d);
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
}
