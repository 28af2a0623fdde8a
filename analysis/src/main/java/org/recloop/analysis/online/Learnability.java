package org.recloop.analysis.online;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.apache.commons.rng.UniformRandomProvider;
import org.recloop.core.capability.Capabilities;
import org.recloop.core.capability.GroundTruth;
import org.recloop.core.config.Check;
import org.recloop.core.metric.Metric;
import org.recloop.core.metric.TickView;
import org.recloop.core.react.ClickProbabilities;
import org.recloop.core.react.EventBuffer;
import org.recloop.core.react.EventType;
import org.recloop.core.react.ReactContext;
import org.recloop.core.rng.RandomStreams;
import org.recloop.core.serve.SlateBatch;
import org.recloop.core.serve.SlateSource;
import org.recloop.core.serve.TopK;
import org.recloop.core.world.ConsumptionHistory;

/**
 * Does the recommender learn? Where its CTR and true utility fall between a random and the ideal
 * recommender serving the same users in the same state: {@code share = (study − random) / (ideal −
 * random)}, 0 at random, 1 at the ideal.
 *
 * <p>Why counterfactual and not two more arms: the users of this tick's sessions are scored three
 * ways with the user model's own click probabilities ({@link ClickProbabilities}), on the slates
 * they were served, on their ideal slate (top items by true score, consumed ones excluded, as the
 * {@code ideal} recommender serves) and on uniformly random unconsumed slates. All three are
 * expectations over the same users, so no click is drawn, no run is added and the click noise
 * cancels (common random numbers at their strictest). The price: the references are one-step
 * counterfactuals (what an ideal or random slate would give these users now, not what a run served
 * ideally all along would have made of them), evaluated after the tick's reactions, so users who
 * clicked have drifted by at most the model's drift rate toward the item (the same state for all
 * three figures).
 *
 * <p>Columns: {@code ctr_gap_share}, {@code utility_gap_share} (this tick); {@code
 * ctr_gap_share_run}, {@code utility_gap_share_run} (pooled over the ticks served by a fitted
 * model, i.e. after warm-up, or over all ticks for a recommender that never fits: the last tick's
 * value is the run's figure); {@code ctr_random_ref}, {@code ctr_ideal_ref}, {@code
 * utility_random_ref}, {@code utility_ideal_ref} (the references of this tick: expected clicks per
 * exposure, expected true utility per click). Utility is the ground truth's score ({@code p_u·x_i}).
 * NaN when the user model cannot state click probabilities (LLM users) or the references tie.
 *
 * <p>At most {@code maxSessions} sessions per tick are scored (a fixed-seed sample from the stream
 * "metrics.learnability"), so the cost stays bounded in large worlds. Users added during the run
 * (fake accounts) are left out. Determinism: draws only from that stream, keyed by (user, tick).
 */
public final class Learnability implements Metric {
    public static final String CTR_SHARE = "ctr_gap_share";
    public static final String UTILITY_SHARE = "utility_gap_share";
    public static final String CTR_SHARE_RUN = "ctr_gap_share_run";
    public static final String UTILITY_SHARE_RUN = "utility_gap_share_run";

    /**
     * @param maxSessions sessions scored per tick at most (default 200: the metric runs in every run,
     *     and each sampled session costs the true utility of every item; at 2,000 it took 20 of the
     *     27 s of the 10k-user Chaney study, whose true utilities are Beta draws. 200 sessions a tick
     *     still pool to thousands over a run for the {@code _run} figures)
     * @param randomSlates random slates drawn per scored session (default 2)
     */
    public record Params(Integer maxSessions, Integer randomSlates) {
        public Params {
            maxSessions = Check.positive("maxSessions", maxSessions == null ? 200 : maxSessions);
            randomSlates = Check.positive("randomSlates", randomSlates == null ? 2 : randomSlates);
        }

        public static Params defaults() {
            return new Params(null, null);
        }
    }

    private static final long PURPOSE = RandomStreams.purpose("metrics.learnability");
    /** Sessions per task of the ideal-slate search (200 sampled sessions: 7 tasks). */
    private static final int IDEAL_CHUNK = 32;

    private final Params p;
    private final Capabilities capabilities;
    private int initialUsers = -1;
    private boolean fitted;
    /** Pooled sums since warm-up: index 0 study, 1 random, 2 ideal. */
    private final double[] clicks = new double[3];
    private final double[] utility = new double[3];
    private double exposures;

    /** @param capabilities the run's: {@link ClickProbabilities} and {@link GroundTruth}, looked up late */
    public Learnability(Params p, Capabilities capabilities) {
        this.p = p;
        this.capabilities = capabilities;
    }

    @Override
    public List<String> names() {
        return List.of(CTR_SHARE, UTILITY_SHARE, CTR_SHARE_RUN, UTILITY_SHARE_RUN, "ctr_random_ref", "ctr_ideal_ref",
                "utility_random_ref", "utility_ideal_ref");
    }

    @Override
    public void observe(TickView view, Map<String, Double> out) {
        var model = capabilities.capability(ClickProbabilities.class);
        var truth = capabilities.capability(GroundTruth.class);
        if (initialUsers < 0) {
            initialUsers = view.world().population().size();
        }
        SlateBatch served = view.slates();
        int[] sessions = sample(served, view);
        if (model.isEmpty() || truth.isEmpty() || sessions.length == 0) {
            names().forEach(n -> out.put(n, Double.NaN));
            return;
        }
        if (!fitted && served.modelVersion() > 0) {
            // warm-up over: the pooled figures describe the fitted model only
            fitted = true;
            java.util.Arrays.fill(clicks, 0);
            java.util.Arrays.fill(utility, 0);
            exposures = 0;
        }
        int k = served.k();
        int[] users = new int[sessions.length];
        for (int i = 0; i < sessions.length; i++) {
            users[i] = served.user(sessions[i]);
        }
        SlateBatch study = new SlateBatch(users, k);
        for (int i = 0; i < sessions.length; i++) {
            for (int r = 0; r < served.length(sessions[i]); r++) {
                study.set(i, r, served.item(sessions[i], r), 0f, 1f, SlateSource.RECOMMENDER);
            }
        }
        Set<Long> now = clickedNow(view.events());
        SlateBatch ideal = new SlateBatch(users, k);
        fillIdeal(ideal, study, truth.get(), view, now);
        ReactContext ctx = new ReactContext(view.tick(), view.world(), view.streams());
        double[][] tick = new double[3][2]; // [arm][clicks, utility]
        double shown = expected(model.get(), ctx, study, truth.get(), tick[0]);
        expected(model.get(), ctx, ideal, truth.get(), tick[2]);
        for (int d = 0; d < p.randomSlates(); d++) {
            SlateBatch random = new SlateBatch(users, k);
            fillRandom(random, study, view, now, d);
            double[] acc = new double[2];
            expected(model.get(), ctx, random, truth.get(), acc);
            tick[1][0] += acc[0] / p.randomSlates();
            tick[1][1] += acc[1] / p.randomSlates();
        }
        for (int a = 0; a < 3; a++) {
            clicks[a] += tick[a][0];
            utility[a] += tick[a][1];
        }
        exposures += shown;
        out.put(CTR_SHARE, share(tick[0][0], tick[1][0], tick[2][0]));
        out.put(UTILITY_SHARE, share(tick[0][1] / tick[0][0], tick[1][1] / tick[1][0], tick[2][1] / tick[2][0]));
        out.put(CTR_SHARE_RUN, share(clicks[0], clicks[1], clicks[2]));
        out.put(UTILITY_SHARE_RUN, share(utility[0] / clicks[0], utility[1] / clicks[1], utility[2] / clicks[2]));
        out.put("ctr_random_ref", tick[1][0] / shown);
        out.put("ctr_ideal_ref", tick[2][0] / shown);
        out.put("utility_random_ref", tick[1][1] / tick[1][0]);
        out.put("utility_ideal_ref", tick[2][1] / tick[2][0]);
    }

    static double share(double study, double random, double ideal) {
        double gap = ideal - random;
        return Math.abs(gap) < 1e-12 || Double.isNaN(gap) ? Double.NaN : (study - random) / gap;
    }

    /** Served sessions of users present at the start, at most maxSessions of them (a seeded sample). */
    private int[] sample(SlateBatch served, TickView view) {
        int n = 0;
        int[] keep = new int[served.size()];
        for (int s = 0; s < served.size(); s++) {
            if (served.user(s) < initialUsers && served.length(s) > 0) {
                keep[n++] = s;
            }
        }
        if (n > p.maxSessions()) {
            // partial Fisher-Yates with a stream of this tick: the same sample for any thread count
            UniformRandomProvider rng = view.streams().stream(PURPOSE, -1, view.tick());
            for (int i = 0; i < p.maxSessions(); i++) {
                int j = i + rng.nextInt(n - i);
                int t = keep[i];
                keep[i] = keep[j];
                keep[j] = t;
            }
            n = p.maxSessions();
            java.util.Arrays.sort(keep, 0, n);
        }
        return java.util.Arrays.copyOf(keep, n);
    }

    /** (user, item) pairs clicked this tick: consumed after serving, so still eligible for the references. */
    private static Set<Long> clickedNow(EventBuffer events) {
        Set<Long> now = new HashSet<>();
        for (int i = 0; i < events.size(); i++) {
            if (events.is(i, EventType.CLICK) || events.is(i, EventType.CONSUME)) {
                now.add(key(events.user(i), events.item(i)));
            }
        }
        return now;
    }

    private static long key(int user, int item) {
        return ((long) user << 32) | (item & 0xffffffffL);
    }

    private static boolean eligible(ConsumptionHistory history, Set<Long> now, int user, int item) {
        return !history.contains(user, item) || now.contains(key(user, item));
    }

    /**
     * The ideal slate of each sampled session: its top items by true score among those it may be
     * shown. Chunks of sessions are searched on the run's workers ({@link TickView#executor()},
     * so {@code --threads} bounds it): each session is independent and writes only its own row,
     * and true scores are keyed by (user, item), so the slates are the same whatever the thread
     * count. Why: the search costs one true score per catalog item and session (a Beta draw in
     * worlds with utility noise), the largest part of the metric, which otherwise runs on the
     * simulation thread while the workers wait.
     */
    private static void fillIdeal(SlateBatch ideal, SlateBatch study, GroundTruth truth, TickView view, Set<Long> now) {
        ConsumptionHistory history = view.world().history();
        int n = ideal.size();
        Executor executor = view.executor();
        if (executor == null || n <= IDEAL_CHUNK) {
            for (int s = 0; s < n; s++) {
                idealRow(ideal, s, study.length(s), truth, history, now);
            }
            return;
        }
        List<CompletableFuture<Void>> chunks = new ArrayList<>();
        for (int from = 0; from < n; from += IDEAL_CHUNK) {
            int lo = from;
            int hi = Math.min(n, from + IDEAL_CHUNK);
            chunks.add(CompletableFuture.runAsync(() -> {
                for (int s = lo; s < hi; s++) {
                    idealRow(ideal, s, study.length(s), truth, history, now);
                }
            }, executor));
        }
        CompletableFuture.allOf(chunks.toArray(CompletableFuture[]::new)).join();
    }

    private static void idealRow(SlateBatch ideal, int s, int len, GroundTruth truth, ConsumptionHistory history,
            Set<Long> now) {
        int k = ideal.k();
        TopK top = new TopK(k);
        int[] items = new int[k];
        float[] scores = new float[k];
        int numItems = truth.numItems();
        int u = ideal.user(s);
        top.reset(len);
        for (int i = 0; i < numItems; i++) {
            float sc = truth.trueScore(u, i);
            if (sc >= top.threshold() && eligible(history, now, u, i)) {
                top.offer(i, sc);
            }
        }
        int n = top.drainSorted(items, scores);
        for (int r = 0; r < n; r++) {
            ideal.set(s, r, items[r], scores[r], 1f, SlateSource.RECOMMENDER);
        }
    }

    private void fillRandom(SlateBatch random, SlateBatch study, TickView view, Set<Long> now, int draw) {
        int numItems = view.world().catalog().size();
        ConsumptionHistory history = view.world().history();
        for (int s = 0; s < random.size(); s++) {
            int u = random.user(s);
            int len = study.length(s);
            UniformRandomProvider rng = view.streams().stream(PURPOSE, u, (long) view.tick() * 64 + draw);
            int r = 0;
            // rejection sampling: slates are short against the catalog; bounded so a user who has
            // consumed nearly everything cannot loop for long
            for (int tries = 0; r < len && tries < 50 * len; tries++) {
                int item = rng.nextInt(numItems);
                if (!eligible(history, now, u, item) || contains(random, s, r, item)) {
                    continue;
                }
                random.set(s, r++, item, 0f, 1f, SlateSource.RECOMMENDER);
            }
        }
    }

    private static boolean contains(SlateBatch b, int s, int upTo, int item) {
        for (int r = 0; r < upTo; r++) {
            if (b.item(s, r) == item) {
                return true;
            }
        }
        return false;
    }

    /**
     * Adds the expected clicks and the expected utility of clicks of the slates to {@code acc};
     * returns the exposures (filled positions).
     */
    private static double expected(ClickProbabilities model, ReactContext ctx, SlateBatch slates, GroundTruth truth,
            double[] acc) {
        int k = slates.k();
        float[] prob = new float[slates.size() * k];
        model.clickProbabilities(ctx, slates, 0, slates.size(), prob);
        double shown = 0;
        for (int s = 0; s < slates.size(); s++) {
            int u = slates.user(s);
            for (int r = 0; r < slates.length(s); r++) {
                double pr = prob[s * k + r];
                if (Double.isNaN(pr)) {
                    continue;
                }
                acc[0] += pr;
                acc[1] += pr * truth.trueScore(u, slates.item(s, r));
                shown++;
            }
        }
        return shown;
    }
}
