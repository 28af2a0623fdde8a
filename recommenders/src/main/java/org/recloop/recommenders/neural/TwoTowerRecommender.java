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
import org.recloop.core.capability.Capabilities;
import org.recloop.core.config.Check;
import org.recloop.core.rng.RandomStreams;
import org.recloop.core.serve.Interactions;
import org.recloop.core.serve.ItemScorer;
import org.recloop.core.serve.ScoringRecommender;
import org.recloop.core.serve.ServeContext;
import org.recloop.core.serve.TrainContext;
import org.recloop.recommenders.PopularityOrder;
import org.recloop.recommenders.mf.FactorModel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Two-tower retrieval (Covington et al. 2016; Yi et al. 2019) whose item tower reads the items'
 * text and attributes, so that items nobody has clicked yet (new posts, items added by
 * interventions) are scored from what they say and what they are.
 *
 * <p>Item tower: {@code v_i = e_i + W·s_i}, an id embedding plus a learned projection of the
 * item's side input {@code s_i = [t_i | a_i]}: the title's text embedding ({@link ItemTexts}: the
 * kernel's language-model service, MiniLM in a run) and the catalog's item attributes (the
 * feature vectors content filtering reads, which synthetic worlds give every item, including
 * those added by interventions, and which have no title). Either part may be missing (no
 * embedder or no titles; {@code features: false} or a catalog without attributes); with neither,
 * {@code v_i = e_i}. User tower: {@code u = M · mean(v_j)} over the items the
 * user clicked (a history of up to {@code history} of them in training, drawn from the fit's
 * stream, the target left out). Loss: in-batch softmax over the batch's positives with the
 * log-Q correction for their click frequency (Yi et al. 2019), so popular items are not pushed
 * down just for being frequent negatives; duplicates of the positive in a batch are masked.
 *
 * <p>Cold items: an item without training clicks never gets gradient on its id row, so at
 * publication its id part is dropped and its vector is {@code W·s_i}: its text and attributes
 * alone decide.
 * Items added after a fit are scored from the next fit on (the shared ranker scores only the
 * model's items).
 *
 * <p>Harness as {@link LightGcnRecommender}: validation share of distinct clicks held out
 * ({@link FullRankValidation}), early stopping, warm start, seeded stream
 * ("recommender.two-tower", seed, fit number), fixed PyTorch thread count, DJL only here.
 */
public final class TwoTowerRecommender extends ScoringRecommender {
    private static final Logger LOG = LoggerFactory.getLogger(TwoTowerRecommender.class);
    private static final long PURPOSE = RandomStreams.purpose("recommender.two-tower");

    /**
     * @param dimensions embedding size (default 64)
     * @param history most clicked items averaged by the user tower in training (default 50)
     * @param text use the items' title embeddings when the run grants an embedder (default true)
     * @param epochs most passes over the training clicks per fit (default 40)
     * @param batchSize clicks per step, also the softmax's candidates (default 256)
     * @param learningRate Adam step size (default 0.005)
     * @param device cpu, gpu or auto (default cpu)
     * @param seed mixed into the random stream (default 0)
     * @param validation share of distinct clicks held out for early stopping, 0 = none (default 0.1)
     * @param patience epochs without improvement before stopping (default 5)
     * @param features use the catalog's item attributes in the item tower (default true)
     */
    public record Params(Integer dimensions, Integer history, Boolean text, Integer epochs, Integer batchSize,
            Double learningRate, String device, Long seed, Double validation, Integer patience, Boolean features) {
        public Params {
            dimensions = Check.positive("dimensions", dimensions == null ? 64 : dimensions);
            history = Check.positive("history", history == null ? 50 : history);
            text = text == null || text;
            epochs = Check.positive("epochs", epochs == null ? 40 : epochs);
            batchSize = Check.positive("batchSize", batchSize == null ? 256 : batchSize);
            if (batchSize < 2) {
                throw new org.recloop.core.config.InvalidParameterException("batchSize",
                        "must be >= 2 (the other clicks of a batch are the negatives), was " + batchSize);
            }
            learningRate = Check.positive("learningRate", learningRate == null ? 0.005 : learningRate);
            device = TorchRuntime.validName(device);
            seed = seed == null ? 0L : seed;
            validation = Check.unit("validation", validation == null ? 0.1 : validation);
            patience = Check.positive("patience", patience == null ? 5 : patience);
            features = features == null || features;
        }

        public static Params defaults() {
            return new Params(null, null, null, null, null, null, null, null, null, null, null);
        }
    }

    private final Params p;
    private final ItemTexts texts;
    private float[] itemRows;
    private float[][] kept;
    private int keptTextDim = -1;
    private volatile FactorModel model;
    private int version;
    private double[] epochSeconds = new double[0];

    /** @param capabilities where the text embedder is looked up ({@link Capabilities#NONE}: ids only) */
    public TwoTowerRecommender(Params p, Capabilities capabilities) {
        this.p = p;
        this.texts = new ItemTexts("two-tower", capabilities);
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
    public void fit(Interactions all, TrainContext ctx) {
        int d = p.dimensions();
        int users = all.numUsers();
        int items = all.numItems();
        float[] textRows = p.text() ? texts.embeddings(ctx.catalog(), items).orElse(null) : null;
        ItemSideInput side = ItemSideInput.of(textRows, textRows == null ? 0 : texts.dimension(),
                p.features() ? ctx.catalog() : null, items);
        float[] text = side.rows();
        int td = side.width();
        HeapBudget.check("two-tower", (long) items * d + (long) td * d + (long) d * d,
                (long) users * d * 4 + (long) all.size() * 8 + (long) items * td * 4);
        int fitNumber = version + 1;
        UniformRandomProvider rng = ctx.streams().stream(PURPOSE, p.seed(), fitNumber);
        TrainingPairs pairs = new TrainingPairs(all, p.validation(), rng);
        UserHistories train = UserHistories.of(pairs.trainUsers, pairs.trainItems, users);
        if (td != keptTextDim) {
            kept = null; // text appeared, vanished or changed width: the towers start afresh
        }
        itemRows = Parameters.table(itemRows, items, d, 0.1, rng);
        Parameters params = new Parameters();
        params.add("items", new long[] {items, d}, itemRows);
        params.add("userMap", new long[] {d, d}, keptOr(0, identityPlusNoise(d, rng)));
        if (td > 0) {
            params.add("textProjection", new long[] {td, d}, keptOr(1, Parameters.table(null, td, d, 1 / Math.sqrt(td), rng)));
        }
        params.resetOptimizer();
        float[] logQ = logClickShare(pairs.trainItems, items);
        TwoTowerNetwork net = new TwoTowerNetwork(d, items, td);
        boolean[] noTrainClicks = withoutClicks(pairs.trainItems, items);
        Device device = TorchRuntime.resolve(p.device());
        Engine engine = TorchRuntime.engine();
        TrainingLoop loop = new TrainingLoop(p.epochs(), p.batchSize(), p.patience());
        int n = pairs.trainUsers.length;
        int[] validUsers = Arrays.stream(FullRankValidation.subset(pairs.validUsers.length))
                .map(k -> pairs.validUsers[k]).toArray();
        int[] validItems = Arrays.stream(FullRankValidation.subset(pairs.validUsers.length))
                .map(k -> pairs.validItems[k]).toArray();
        TrainingLoop.Result trained;
        try (NDManager fitManager = engine.newBaseManager(device)) {
            NDArray textArray = td == 0 ? null
                    : fitManager.create(FloatBuffer.wrap(text), new Shape(items, td));
            // a batch needs two clicks: the other clicks of a batch are the negatives
            trained = loop.run(n, 2, params, b -> {
                int[] bu = new int[b];
                int[] bi = new int[b];
                for (int s = 0; s < b; s++) {
                    pairs.drawTrain(bu, bi, s, rng);
                }
                step(engine, fitManager, net, textArray, params, train, bu, bi, logQ, rng);
            }, () -> {
                if (validUsers.length == 0) {
                    return Double.NaN;
                }
                float[][] towers = net.towers(fitManager, params, textArray, train, validUsers, noTrainClicks);
                return FullRankValidation.loss(towers[0], validUsers, validItems, towers[1], 0, items, d, pairs);
            });
            UserHistories served = UserHistories.of(pairs.all);
            int[] everyone = java.util.stream.IntStream.range(0, users).toArray();
            float[][] towers = net.towers(fitManager, params, textArray, served, everyone,
                    withoutClicks(all.items(), items));
            publish(towers, served, users, items, all);
        }
        kept = Arrays.copyOfRange(params.snapshot(), 1, params.size());
        keptTextDim = td;
        epochSeconds = trained.epochSeconds();
        version = fitNumber;
        LOG.debug("two-tower fit {}: {} epochs, best {} (validation 1-NDCG {}), side input {}", fitNumber,
                epochSeconds.length, trained.bestEpoch(), trained.bestLoss(), side.describe());
    }

    private float[] keptOr(int index, float[] fresh) {
        return kept != null && index < kept.length && kept[index].length == fresh.length ? kept[index] : fresh;
    }

    private static float[] identityPlusNoise(int d, UniformRandomProvider rng) {
        float[] m = Parameters.table(null, d, d, 0.01, rng);
        for (int f = 0; f < d; f++) {
            m[f * d + f] += 1f;
        }
        return m;
    }

    /** Items that never occur in {@code clickedItems}: their id rows are untrained. */
    private static boolean[] withoutClicks(int[] clickedItems, int items) {
        boolean[] none = new boolean[items];
        Arrays.fill(none, true);
        for (int i : clickedItems) {
            none[i] = false;
        }
        return none;
    }

    /** log of each item's share of the training clicks (the chance it is a batch's positive). */
    private static float[] logClickShare(int[] clickedItems, int items) {
        long[] c = new long[items];
        for (int i : clickedItems) {
            c[i]++;
        }
        float[] out = new float[items];
        for (int i = 0; i < items; i++) {
            out[i] = (float) Math.log(Math.max(1, c[i]) / (double) Math.max(1, clickedItems.length));
        }
        return out;
    }

    private void step(Engine engine, NDManager fitManager, TwoTowerNetwork net, NDArray text, Parameters params,
            UserHistories train, int[] bu, int[] bi, float[] logQ, UniformRandomProvider rng) {
        int b = bu.length;
        try (NDManager step = fitManager.newSubManager()) {
            NDArray[] w = params.upload(step, true);
            try (GradientCollector gc = engine.newGradientCollector()) {
                NDArray v = net.items(step, w, text);
                NDArray u = net.users(step, w, v, train.sample(bu, bi, p.history(), rng), b);
                NDArray pos = v.get(step.create(bi));
                float[] correction = new float[b * b];
                float[] eye = new float[b * b];
                for (int r = 0; r < b; r++) {
                    for (int c = 0; c < b; c++) {
                        // a copy of the row's positive elsewhere in the batch is not a negative
                        correction[r * b + c] = r != c && bi[c] == bi[r] ? -1e9f : -logQ[bi[c]];
                    }
                    eye[r * b + r] = 1f;
                }
                NDArray logits = u.matMul(pos.transpose()).add(step.create(FloatBuffer.wrap(correction), new Shape(b, b)));
                NDArray loss = logits.logSoftmax(1).mul(step.create(FloatBuffer.wrap(eye), new Shape(b, b))).sum().neg()
                        .mul(Ops.constant(step, 1f / b));
                gc.backward(loss);
            }
            params.step(w, p.learningRate().floatValue());
        }
    }

    private void publish(float[][] towers, UserHistories served, int users, int items, Interactions all) {
        int d = p.dimensions();
        boolean[] known = new boolean[users];
        for (int u = 0; u < users; u++) {
            known[u] = served.size(u) > 0;
        }
        model = new FactorModel(d, users, items, towers[0], towers[1], null, known, PopularityOrder.ofClicks(all));
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
