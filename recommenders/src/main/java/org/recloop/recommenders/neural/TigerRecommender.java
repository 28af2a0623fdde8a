package org.recloop.recommenders.neural;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
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
import org.recloop.recommenders.TrainingBlocks;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * TIGER (Rajput et al., NeurIPS 2023): generative retrieval with semantic IDs, trained in the
 * loop with DJL's PyTorch engine.
 *
 * <p>Each fit: (1) item embeddings, the title text embeddings ({@link ItemTexts}) when the run
 * grants an embedder and the items have titles, else collaborative vectors from the log ({@link
 * CollaborativeItemVectors}; never the world's true item vectors); the source is logged. (2) An
 * {@link RqVae} turns them into {@code levels} codes per item, plus a code that tells colliding
 * items apart ({@link SemanticIds}). (3) {@link TigerNetwork} learns to emit the next item's codes
 * from the user's history (sequences in tick order, windows as in {@link SasRecRecommender});
 * early stopping on the held-out last items' negative log-likelihood. (4) For every known user a
 * beam search constrained to the catalog's trie ({@link ConstrainedBeamSearch}) yields the {@code
 * beam} most probable items; {@link TigerModel} scores every item from it for the shared ranker.
 *
 * <p>Warm start: the RQ-VAE, the collaborative basis and the network's tensors are kept between
 * fits (code tables grow when a level's vocabulary does), so codes and what was learnt about them
 * carry over. Determinism: init, batches, k-means seeds and dropout come from the stream
 * ("recommender.tiger", seed, fit number); PyTorch has a fixed thread count; beam search runs in
 * Java, per user, in blocks that do not depend on the pool size.
 */
public final class TigerRecommender extends ScoringRecommender {
    private static final Logger LOG = LoggerFactory.getLogger(TigerRecommender.class);
    private static final long PURPOSE = RandomStreams.purpose("recommender.tiger");

    /**
     * @param levels RQ-VAE codebooks, i.e. codes per item before the disambiguating one (default 3)
     * @param codebook codewords per codebook (default 32)
     * @param latent RQ-VAE latent size (default 32)
     * @param rqHidden RQ-VAE hidden layer width (default 128)
     * @param rqEpochs RQ-VAE passes over the catalog per fit (default 100)
     * @param commitment weight β of the commitment loss (default 0.25)
     * @param itemDimensions rank of the collaborative item vectors used without titles (default 32)
     * @param text quantise title text embeddings when the run grants an embedder (default true)
     * @param maxLength longest history read (default 50)
     * @param blocks self-attention blocks of the encoder (default 2)
     * @param heads attention heads, dividing dimensions (default 1)
     * @param dimensions model width (default 64)
     * @param dropout dropout rate in training (default 0.2)
     * @param epochs most passes over the training windows per fit (default 200; early stopping ends most fits sooner)
     * @param batchSize sequences per step (default 128)
     * @param learningRate Adam step size, both models (default 0.002)
     * @param beam beam width: items generated per user (default 20)
     * @param device cpu, gpu or auto (default cpu)
     * @param seed mixed into the random stream (default 0)
     * @param validation share of users whose last click is held out, 0 = none (default 0.1)
     * @param patience epochs without improvement before stopping (default 10)
     */
    public record Params(Integer levels, Integer codebook, Integer latent, Integer rqHidden, Integer rqEpochs,
            Double commitment, Integer itemDimensions, Boolean text, Integer maxLength, Integer blocks, Integer heads,
            Integer dimensions, Double dropout, Integer epochs, Integer batchSize, Double learningRate, Integer beam,
            String device, Long seed, Double validation, Integer patience) {
        public Params {
            levels = Check.positive("levels", levels == null ? 3 : levels);
            codebook = Check.positive("codebook", codebook == null ? 32 : codebook);
            latent = Check.positive("latent", latent == null ? 32 : latent);
            rqHidden = Check.positive("rqHidden", rqHidden == null ? 128 : rqHidden);
            rqEpochs = Check.positive("rqEpochs", rqEpochs == null ? 100 : rqEpochs);
            commitment = Check.nonNegative("commitment", commitment == null ? 0.25 : commitment);
            itemDimensions = Check.positive("itemDimensions", itemDimensions == null ? 32 : itemDimensions);
            text = text == null || text;
            maxLength = Check.positive("maxLength", maxLength == null ? 50 : maxLength);
            blocks = Check.positive("blocks", blocks == null ? 2 : blocks);
            heads = Check.positive("heads", heads == null ? 1 : heads);
            dimensions = Check.positive("dimensions", dimensions == null ? 64 : dimensions);
            if (dimensions % heads != 0) {
                throw new org.recloop.core.config.InvalidParameterException("heads",
                        heads + " does not divide dimensions " + dimensions);
            }
            dropout = dropout == null ? 0.2 : dropout;
            if (!(dropout >= 0 && dropout < 1)) {
                throw new org.recloop.core.config.InvalidParameterException("dropout", dropout + " is not in [0, 1)");
            }
            epochs = Check.positive("epochs", epochs == null ? 200 : epochs);
            batchSize = Check.positive("batchSize", batchSize == null ? 128 : batchSize);
            learningRate = Check.positive("learningRate", learningRate == null ? 0.002 : learningRate);
            beam = Check.positive("beam", beam == null ? 20 : beam);
            device = TorchRuntime.validName(device);
            seed = seed == null ? 0L : seed;
            validation = Check.unit("validation", validation == null ? 0.1 : validation);
            patience = Check.positive("patience", patience == null ? 10 : patience);
        }

        public static Params defaults() {
            return new Params(null, null, null, null, null, null, null, null, null, null, null, null, null, null, null,
                    null, null, null, null, null, null);
        }
    }

    private final Params p;
    private final ItemTexts texts;
    private final CollaborativeItemVectors collaborative;
    private final TigerNetwork net;
    private RqVae rq;
    private String source = "";
    private float[][] kept;
    private volatile TigerModel model;
    private int version;
    private double[] epochSeconds = new double[0];

    /** @param capabilities where the text embedder is looked up ({@link Capabilities#NONE}: collaborative vectors) */
    public TigerRecommender(Params p, Capabilities capabilities) {
        this.p = p;
        this.texts = new ItemTexts("tiger", capabilities);
        this.collaborative = new CollaborativeItemVectors(p.itemDimensions(), 20);
        this.net = new TigerNetwork(new SasRecNetwork(p.dimensions(), p.maxLength(), p.blocks(), p.heads(),
                p.dropout().floatValue()), p.levels() + 1);
    }

    /** Checks the device now (load time): {@code gpu} without a GPU fails here. */
    public static void checkDevice(Params p) {
        TorchRuntime.check(p.device());
    }

    @Override
    public int modelVersion() {
        return version;
    }

    /** Wall time of each epoch of the sequence model in the last fit (for the benchmark). */
    public double[] epochSeconds() {
        return epochSeconds.clone();
    }

    /** What the semantic IDs were made from in the last fit: "text" or "collaborative" (empty before). */
    public String itemVectorSource() {
        return source;
    }

    /** The fitted model, or null before the first fit. */
    TigerModel model() {
        return model;
    }

    @Override
    public void fit(Interactions all, TrainContext ctx) {
        int users = all.numUsers();
        int items = all.numItems();
        int d = p.dimensions();
        HeapBudget.check("tiger", (long) items * (p.levels() + 1) + (long) p.blocks() * 6L * d * d
                + 4L * (p.levels() + 1) * d * (d + p.codebook()), (long) users * d * 4 + (long) all.size() * 8);
        int fitNumber = version + 1;
        UniformRandomProvider rng = ctx.streams().stream(PURPOSE, p.seed(), fitNumber);
        Device device = TorchRuntime.resolve(p.device());
        Engine engine = TorchRuntime.engine();
        try (NDManager fitManager = engine.newBaseManager(device)) {
            SemanticIds ids = semanticIds(all, ctx, engine, fitManager, rng);
            int[][] seqs = SasRecRecommender.sequences(all);
            Parameters params = train(engine, fitManager, seqs, ids, rng);
            publish(fitManager, params, seqs, ids, all, ctx);
            kept = params.snapshot();
        }
        version = fitNumber;
    }

    private SemanticIds semanticIds(Interactions all, TrainContext ctx, Engine engine, NDManager fitManager,
            UniformRandomProvider rng) {
        int items = all.numItems();
        float[] x = p.text() ? texts.embeddings(ctx.catalog(), items).orElse(null) : null;
        String now = x == null ? "collaborative" : "text";
        if (x == null) {
            x = collaborative.fit(all, rng);
        }
        int dim = x.length / Math.max(1, items);
        if (!now.equals(source) || rq == null || rq.input() != dim) {
            LOG.info("tiger: semantic IDs from {} item vectors ({} dimensions)", now.equals("text")
                    ? "title text" : "collaborative (truncated SVD of the click log)", dim);
            rq = new RqVae(dim, p.rqHidden(), p.latent(), p.levels(), p.codebook(), p.commitment().floatValue());
            kept = null; // other codes: the sequence model starts afresh too
        }
        source = now;
        double loss = rq.train(engine, fitManager, x, p.rqEpochs(), 256, p.learningRate().floatValue(), rng);
        SemanticIds ids = new SemanticIds(rq.codes(x), items, p.levels(), p.codebook());
        LOG.debug("tiger: RQ-VAE loss {}, largest collision {}", loss, ids.largestCollision());
        return ids;
    }

    private int[] vocab(SemanticIds ids) {
        int[] v = new int[ids.depth()];
        for (int l = 0; l < v.length; l++) {
            v[l] = ids.vocab(l);
        }
        return v;
    }

    private static int[][] itemCodes(SemanticIds ids) {
        int[][] c = new int[ids.depth()][ids.items()];
        for (int l = 0; l < ids.depth(); l++) {
            for (int i = 0; i < ids.items(); i++) {
                c[l][i] = ids.code(i, l);
            }
        }
        return c;
    }

    private Parameters train(Engine engine, NDManager fitManager, int[][] seqs, SemanticIds ids,
            UniformRandomProvider rng) {
        int l = p.maxLength();
        int depth = ids.depth();
        int[] vocab = vocab(ids);
        int[][] codes = itemCodes(ids);
        SequenceInput.HeldOut held = SequenceInput.HeldOut.lastClicks(seqs, p.validation(), rng);
        int[] validTarget = held.validTarget();
        TrainingWindows windows = TrainingWindows.of(held.usableLength(), l);
        int nTrain = windows.size();
        Parameters params = new Parameters();
        net.addTensors(params, vocab, kept, rng);
        params.resetOptimizer();
        TrainingLoop loop = new TrainingLoop(p.epochs(), p.batchSize(), p.patience());
        TrainingLoop.Result trained = loop.run(nTrain, 1, params, b -> {
            int[] in = new int[b * l];
            int[][] targets = new int[depth][b * l];
            float[] mask = new float[b * l];
            for (int s = 0; s < b; s++) {
                int w = rng.nextInt(nTrain);
                int[] seq = seqs[windows.user(w)];
                int end = windows.end(w);
                int take = Math.min(end - 1, l);
                for (int t = 0; t < take; t++) {
                    int o = s * l + l - take + t;
                    in[o] = seq[end - 1 - take + t] + 1;
                    int next = seq[end - take + t];
                    mask[o] = 1f;
                    for (int lv = 0; lv < depth; lv++) {
                        targets[lv][o] = codes[lv][next];
                    }
                }
            }
            try (NDManager step = fitManager.newSubManager()) {
                NDArray[] w = params.upload(step, true);
                try (GradientCollector gc = engine.newGradientCollector()) {
                    gc.backward(net.loss(step, w, in, b, targets, mask, codes, vocab, rng));
                }
                params.step(w, p.learningRate().floatValue());
            }
        }, () -> validationLoss(fitManager, params, seqs, validTarget, ids));
        epochSeconds = trained.epochSeconds();
        LOG.debug("tiger fit {}: {} epochs, best {} (validation NLL {})", version + 1, epochSeconds.length,
                trained.bestEpoch(), trained.bestLoss());
        return params;
    }

    /** Mean negative log-likelihood of the held-out last items' semantic IDs (teacher forced). */
    private double validationLoss(NDManager fitManager, Parameters params, int[][] seqs, int[] validTarget,
            SemanticIds ids) {
        int[] users = java.util.stream.IntStream.range(0, seqs.length).filter(u -> validTarget[u] >= 0).toArray();
        if (users.length == 0) {
            return Double.NaN;
        }
        float[] h = states(fitManager, params, seqs, users, true, ids);
        float[][] t = params.snapshot();
        int[] vocab = vocab(ids);
        int d = p.dimensions();
        double nll = 0;
        for (int k = 0; k < users.length; k++) {
            float[] hu = Arrays.copyOfRange(h, k * d, k * d + d);
            int item = validTarget[users[k]];
            int[] prefix = new int[ids.depth()];
            for (int lv = 0; lv < ids.depth(); lv++) {
                prefix[lv] = ids.code(item, lv);
                nll -= net.logProbs(t, hu, lv, prefix, vocab)[prefix[lv]];
            }
        }
        return nll / users.length;
    }

    /** The encoder state after each of {@code users}' histories ({@code dropLast}: without the held-out click). */
    private float[] states(NDManager fitManager, Parameters params, int[][] seqs, int[] users, boolean dropLast,
            SemanticIds ids) {
        int[][] codes = itemCodes(ids);
        return SequenceInput.lastStates(fitManager, seqs, users, dropLast, p.maxLength(), p.dimensions(),
                (step, in, b) -> net.encode(step, params.upload(step, false), in, b, codes, null));
    }

    private void publish(NDManager fitManager, Parameters params, int[][] seqs, SemanticIds ids, Interactions all,
            TrainContext ctx) {
        int users = seqs.length;
        int d = p.dimensions();
        int[] known = java.util.stream.IntStream.range(0, users).filter(u -> seqs[u].length > 0).toArray();
        float[] h = states(fitManager, params, seqs, known, false, ids);
        float[][] t = params.snapshot();
        int[] vocab = vocab(ids);
        ConstrainedBeamSearch.Result[] byUser = new ConstrainedBeamSearch.Result[users];
        int block = 64;
        TrainingBlocks.run((known.length + block - 1) / block, ctx, bl -> {
            for (int k = bl * block; k < Math.min(known.length, (bl + 1) * block); k++) {
                float[] hu = Arrays.copyOfRange(h, k * d, k * d + d);
                byUser[known[k]] = ConstrainedBeamSearch.search(ids,
                        (level, prefix) -> net.logProbs(t, hu, level, prefix, vocab), p.beam());
            }
        });
        model = new TigerModel(ids, byUser, PopularityOrder.ofClicks(all));
    }

    @Override
    protected Optional<ItemScorer> scorer(ServeContext ctx) {
        return Optional.ofNullable(model).map(TigerModel::scorer);
    }
}
