package org.recloop.agents.rule;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.recloop.core.config.Check;
import org.recloop.core.config.InvalidParameterException;
import org.recloop.core.react.ClickProbabilities;
import org.recloop.core.react.EventBuffer;
import org.recloop.core.react.EventType;
import org.recloop.core.react.ReactContext;
import org.recloop.core.react.UserGroupModel;
import org.recloop.core.rng.Purposes;
import org.recloop.core.rng.RandomStreams;
import org.recloop.core.serve.SlateBatch;
import org.recloop.core.serve.SlateSource;
import org.recloop.core.world.Catalog;
import org.recloop.core.world.Population;
import org.recloop.core.world.RecentActivity;
import org.recloop.core.world.SocialGraph;
import org.recloop.core.world.Topics;
import org.recloop.core.world.World;

/**
 * The workhorse rule-based user: a social-platform user in the style of RecAgent and OASIS, cheap
 * enough for a million agents. Per session it may search by topic, then looks at its slate and
 * opens at most one item; an opened item is consumed, and may be rated, liked, shared, commented
 * on, and its creator followed (or unfollowed after a disappointment); a user may post new items
 * and may leave the platform when recent sessions disappoint, and come back later.
 *
 * <p><b>Utility.</b> Experienced utility of item j for user u: {@code U = p_u·x_j +
 * qualityWeight·q_j - satiation.weight·s_u,topic(j)}, where {@code s} is a per-topic satiation
 * that rises by 1 per consumption and decays by the factor {@code satiation.recovery} per tick
 * (interest evolution as in RecSim). Perceived utility adds the herd term {@code
 * social.herdWeight·ln(1 + n)}, with n the number of followed users who liked, shared or posted
 * the item in the last {@code social.window} ticks (social proof).
 *
 * <p><b>Choice.</b> {@code choice.model: mnl}: one item or none, item at 0-based position r with
 * weight {@code exp(beta·U')·(r+1)^-positionDecay} (the position-based model's examination
 * probability folded into the logit), none with {@code exp(beta·noClickUtility)}. {@code
 * cascade}: the user scans top-down, opens position r with probability {@code σ(beta·(U' -
 * noClickUtility))} and otherwise goes on to r+1 with probability {@code persistence} (Craswell
 * et al. 2008).
 *
 * <p><b>After opening.</b> With {@code σ = σ(beta·(U - noClickUtility))}: CONSUME with completion
 * {@code σ·(0.75 + 0.5·uniform)} capped at 1; RATE with probability {@code actions.rate}, stars
 * {@code round(1 + 4σ + N(0, 0.5))} in 1..5; LIKE with {@code actions.like·σ}; SHARE with {@code
 * actions.share·σ}; COMMENT with {@code actions.comment}, sentiment {@code 2σ-1}; FOLLOW the
 * creator (a user id when below the population size) with {@code actions.follow·σ}; UNFOLLOW a
 * followed creator with {@code actions.unfollow} when {@code U < noClickUtility}. The preference
 * then drifts: {@code p_u <- normalise((1-driftRate)·p_u + driftRate·x_j)}.
 *
 * <p><b>Churn.</b> Satisfaction is an exponential average (weight {@code churn.smoothing}) of the
 * session's utility: the sum of the utilities of the items opened in the session (search result
 * and slate item), 0 when nothing was opened; bad items count against it. After {@code churn.minSessions} sessions, a
 * satisfaction below {@code churn.threshold} makes the user LEAVE; a churned user RETURNs with
 * probability {@code churn.returnProbability} per tick, with satisfaction reset.
 *
 * <p><b>Archetypes.</b> A mix of named user types in one population; each overrides activity
 * (scaled), beta, drift, search and post rates. Assignment draws from ("users.archetype", user).
 *
 * <p><b>Click probabilities.</b> The model states, before a session, the probability of a click on
 * each slate position ({@link ClickProbabilities}): the exact mixture over what the session's
 * search may do first ({@link RuleClickProbabilities}).
 *
 * <p>Threading and determinism: per-user state lives in arrays indexed by user; {@link #react}
 * touches only the rows of its chunk's users and draws from (react, user, tick). Posts and
 * returns are decided in {@link #afterTick} on the simulation thread, in user order.
 */
public final class RuleUserModel implements UserGroupModel, ClickProbabilities, org.recloop.core.react.UserStateRows {

    // ---------------------------------------------------------------- parameters

    /**
     * @param model {@code mnl} or {@code cascade}
     * @param beta sensitivity to utility
     * @param noClickUtility utility of the outside option (also the cascade's click threshold)
     * @param positionDecay position-bias exponent of the mnl model
     * @param persistence cascade: probability of looking at the next position after a non-click
     */
    public record Choice(String model, Double beta, Double noClickUtility, Double positionDecay, Double persistence) {
        public Choice {
            model = model == null ? "mnl" : model;
            if (!model.equals("mnl") && !model.equals("cascade")) {
                throw new InvalidParameterException("model", "must be 'mnl' or 'cascade', was '" + model + "'");
            }
            beta = Check.nonNegative("beta", beta == null ? 5.0 : beta);
            noClickUtility = Check.finite("noClickUtility", noClickUtility == null ? 0.4 : noClickUtility);
            positionDecay = Check.nonNegative("positionDecay", positionDecay == null ? 0.7 : positionDecay);
            persistence = Check.unit("persistence", persistence == null ? 0.8 : persistence);
        }
    }

    /**
     * @param weight utility lost per unit of topic satiation (0 = off)
     * @param recovery factor satiation keeps per tick, in [0, 1]
     */
    public record Satiation(Double weight, Double recovery) {
        public Satiation {
            weight = Check.nonNegative("weight", weight == null ? 0.0 : weight);
            recovery = Check.unit("recovery", recovery == null ? 0.8 : recovery);
        }
    }

    /**
     * @param herdWeight perceived-utility bonus per ln(1 + followed users who engaged)
     * @param window ticks back that followed users' engagement counts
     */
    public record Social(Double herdWeight, Integer window) {
        public Social {
            herdWeight = Check.nonNegative("herdWeight", herdWeight == null ? 0.0 : herdWeight);
            window = Check.positive("window", window == null ? 10 : window);
        }
    }

    /**
     * @param smoothing weight of the latest session in the satisfaction average
     * @param threshold leave when satisfaction falls below this (-inf effectively disables churn)
     * @param minSessions sessions before a user may leave
     * @param returnProbability per-tick probability that a churned user comes back
     */
    public record Churn(Double smoothing, Double threshold, Integer minSessions, Double returnProbability) {
        public Churn {
            smoothing = Check.unit("smoothing", smoothing == null ? 0.3 : smoothing);
            threshold = threshold == null ? -1e9 : threshold;
            minSessions = Check.nonNegative("minSessions", minSessions == null ? 3 : minSessions);
            returnProbability = Check.unit("returnProbability", returnProbability == null ? 0.0 : returnProbability);
        }
    }

    /** Per-session probabilities (scaled by σ where the class comment says so). */
    public record Actions(Double rate, Double like, Double share, Double comment, Double follow, Double unfollow,
            Double post, Double search) {
        public Actions {
            rate = Check.unit("rate", rate == null ? 0.0 : rate);
            like = Check.unit("like", like == null ? 0.0 : like);
            share = Check.unit("share", share == null ? 0.0 : share);
            comment = Check.unit("comment", comment == null ? 0.0 : comment);
            follow = Check.unit("follow", follow == null ? 0.0 : follow);
            unfollow = Check.unit("unfollow", unfollow == null ? 0.0 : unfollow);
            post = Check.unit("post", post == null ? 0.0 : post);
            search = Check.unit("search", search == null ? 0.0 : search);
        }
    }

    /**
     * A user type. Unset overrides keep the model-wide value.
     *
     * @param name label (its index in the list is the archetype id in the log)
     * @param share fraction of the population (shares are normalised)
     * @param activityScale multiplies the user's sessions per tick
     */
    public record Archetype(String name, Double share, Double activityScale, Double beta, Double driftRate,
            Double search, Double post) {
        public Archetype {
            if (name == null || name.isBlank()) {
                throw new InvalidParameterException("name", "is required");
            }
            share = Check.positive("share", share == null ? 1.0 : share);
            activityScale = Check.nonNegative("activityScale", activityScale == null ? 1.0 : activityScale);
            if (beta != null) {
                Check.nonNegative("beta", beta);
            }
            if (driftRate != null) {
                Check.unit("driftRate", driftRate);
            }
            if (search != null) {
                Check.unit("search", search);
            }
            if (post != null) {
                Check.unit("post", post);
            }
        }
    }

    /** All parameters; every section is optional. */
    public record Params(Choice choice, Double driftRate, Double qualityWeight, Satiation satiation, Social social,
            Churn churn, Actions actions, List<Archetype> archetypes, Double postNoise) {
        public Params {
            choice = choice == null ? new Choice(null, null, null, null, null) : choice;
            driftRate = Check.unit("driftRate", driftRate == null ? 0.05 : driftRate);
            qualityWeight = Check.finite("qualityWeight", qualityWeight == null ? 0.0 : qualityWeight);
            satiation = satiation == null ? new Satiation(null, null) : satiation;
            social = social == null ? new Social(null, null) : social;
            churn = churn == null ? new Churn(null, null, null, null) : churn;
            actions = actions == null ? new Actions(null, null, null, null, null, null, null, null) : actions;
            archetypes = archetypes == null ? List.of() : List.copyOf(archetypes);
            if (archetypes.size() > 100) {
                throw new InvalidParameterException("archetypes", "at most 100, was " + archetypes.size());
            }
            postNoise = Check.nonNegative("postNoise", postNoise == null ? 0.5 : postNoise);
        }

        public static Params defaults() {
            return new Params(null, null, null, null, null, null, null, null, null);
        }
    }

    // ---------------------------------------------------------------- state

    private static final long ARCHETYPE = RandomStreams.purpose("users.archetype");
    private static final long POST = RandomStreams.purpose("users.post");
    private static final long RETURN = RandomStreams.purpose("users.return");

    private final Params p;
    private final boolean cascade;
    // per archetype (index 0 when there are none)
    private double[] beta;
    private float[] drift;
    private double[] searchProb;
    private double[] postProb;
    // the users this model answers for (all users that existed at init, or an intervention's group)
    private int groupFrom;
    private int groupTo;
    // per user, indexed by user id (below groupTo)
    private int topics;
    private float[] satiation;
    private int[] lastSeen;
    private float[] satisfaction;
    private int[] sessions;
    private TopicSearchIndex search;
    private float[] centres;
    private RuleClickProbabilities truth;

    public RuleUserModel(Params p) {
        this.p = p;
        this.cascade = p.choice().model().equals("cascade");
    }

    public Params params() {
        return p;
    }

    /**
     * Assigns archetypes (and scales activity) of users {@code [from, to)} only. Per-user state is
     * indexed by user id, so a group of added accounts costs arrays up to its last id.
     */
    @Override
    public void initGroup(World world, RandomStreams streams, int from, int to) {
        Population pop = world.population();
        Catalog catalog = world.catalog();
        if (from < 0 || to > pop.size() || from > to) {
            throw new IllegalArgumentException("group [" + from + ", " + to + ") outside the " + pop.size() + " users");
        }
        groupFrom = from;
        groupTo = to;
        int n = to;
        int arch = Math.max(1, p.archetypes().size());
        beta = new double[arch];
        drift = new float[arch];
        searchProb = new double[arch];
        postProb = new double[arch];
        Arrays.fill(beta, p.choice().beta());
        Arrays.fill(drift, p.driftRate().floatValue());
        Arrays.fill(searchProb, p.actions().search());
        Arrays.fill(postProb, p.actions().post());
        if (!p.archetypes().isEmpty()) {
            double total = 0;
            for (Archetype a : p.archetypes()) {
                total += a.share();
            }
            double[] cum = new double[arch];
            double acc = 0;
            for (int a = 0; a < arch; a++) {
                Archetype t = p.archetypes().get(a);
                acc += t.share() / total;
                cum[a] = acc;
                if (t.beta() != null) {
                    beta[a] = t.beta();
                }
                if (t.driftRate() != null) {
                    drift[a] = t.driftRate().floatValue();
                }
                if (t.search() != null) {
                    searchProb[a] = t.search();
                }
                if (t.post() != null) {
                    postProb[a] = t.post();
                }
            }
            for (int u = from; u < to; u++) {
                double x = streams.uniform(ARCHETYPE, u, -1);
                int a = 0;
                while (a < arch - 1 && x >= cum[a]) {
                    a++;
                }
                pop.setArchetype(u, (byte) a);
                pop.setActivity(u, (float) (pop.activity(u) * p.archetypes().get(a).activityScale()));
            }
        }
        topics = Topics.count(catalog);
        centres = Topics.centres(catalog);
        satiation = p.satiation().weight() > 0 ? new float[n * topics] : null;
        lastSeen = new int[n];
        satisfaction = new float[n];
        sessions = new int[n];
        search = new TopicSearchIndex(topics, catalog);
        truth = new RuleClickProbabilities(new RuleClickProbabilities.State(p, beta, drift, searchProb, satiation,
                lastSeen, topics, centres, search));
    }

    private static double sigmoid(double x) {
        return 1 / (1 + Math.exp(-x));
    }

    /** Position bias of the mnl model at 0-based position r. */
    public double positionBias(int r) {
        return Math.pow(r + 1, -p.choice().positionDecay());
    }

    // ---------------------------------------------------------------- react

    @Override
    public CompletionStage<Void> react(ReactContext ctx, SlateBatch slates, int from, int to, EventBuffer out) {
        World world = ctx.world();
        Catalog catalog = world.catalog();
        Population pop = world.population();
        SocialGraph graph = world.graph();
        RecentActivity activity = world.activity();
        int dim = pop.dim();
        float[] prefs = pop.preferences();
        float[] feats = catalog.features();
        int k = slates.k();
        double[] util = new double[k];
        double[] perceived = new double[k];
        double[] weight = new double[k];
        double[] bias = new double[k];
        for (int r = 0; r < k; r++) {
            bias[r] = positionBias(r);
        }
        double u0 = p.choice().noClickUtility();
        double satW = p.satiation().weight();
        double herdW = p.social().herdWeight();
        int since = ctx.tick() - p.social().window();
        int tick = ctx.tick();
        for (int s = from; s < to; s++) {
            int u = slates.user(s);
            int a = pop.archetype(u) < beta.length ? pop.archetype(u) : 0;
            double b = beta[a];
            UniformRandomProvider rng = ctx.streams().stream(Purposes.REACT, u, tick);
            recoverSatiation(u, tick);
            double sessionUtility = 0;

            // search by favourite topic: best of a sample of that topic's items
            if (searchProb[a] > 0 && rng.nextDouble() < searchProb[a]) {
                int topic = Topics.nearest(centres, dim, prefs, u * dim);
                out.add(u, -1, EventType.SEARCH, -1, -1, topic);
                int found = search.search(ctx, u, topic, rng);
                if (found >= 0) {
                    double uf = utility(catalog, prefs, u, dim, found, satW);
                    out.add(u, found, EventType.CLICK, -1, -1, (float) uf);
                    afterOpen(ctx, out, rng, u, found, -1, -1, uf, u0, b, a, SlateSource.SEARCH.code());
                    sessionUtility += uf;
                }
            }

            // browse the slate
            int len = slates.length(s);
            for (int r = 0; r < len; r++) {
                int item = slates.item(s, r);
                util[r] = utility(catalog, prefs, u, dim, item, satW);
                perceived[r] = util[r] + RuleClickProbabilities.herd(graph, activity, u, item, since, herdW);
            }
            int chosen = cascade ? chooseCascade(rng, perceived, len, b, u0) : chooseMnl(rng, perceived, len, b, u0, bias, weight);
            if (chosen < 0) {
                out.add(u, -1, EventType.SKIP, s, -1, 0f);
            } else {
                int item = slates.item(s, chosen);
                out.add(u, item, EventType.CLICK, s, chosen, (float) util[chosen]);
                afterOpen(ctx, out, rng, u, item, s, chosen, util[chosen], u0, b, a, slates.source(s, chosen));
                sessionUtility += util[chosen];
            }

            // churn
            Churn churn = p.churn();
            sessions[u]++;
            satisfaction[u] = (float) ((1 - churn.smoothing()) * satisfaction[u] + churn.smoothing() * sessionUtility);
            if (sessions[u] >= churn.minSessions() && satisfaction[u] < churn.threshold()) {
                out.add(u, -1, EventType.LEAVE, -1, -1, satisfaction[u]);
            }
        }
        return CompletableFuture.completedFuture(null);
    }

    private double utility(Catalog catalog, float[] prefs, int u, int dim, int item, double satW) {
        double x = catalog.dot(item, prefs, u * dim) + p.qualityWeight() * catalog.quality(item);
        if (satiation != null) {
            int t = Math.max(0, Math.min(topics - 1, catalog.topic(item)));
            x -= satW * satiation[u * topics + t];
        }
        return x;
    }

    private void recoverSatiation(int u, int tick) {
        if (satiation == null) {
            lastSeen[u] = tick;
            return;
        }
        int dt = tick - lastSeen[u];
        if (dt > 0) {
            float f = (float) Math.pow(p.satiation().recovery(), dt);
            for (int t = 0; t < topics; t++) {
                satiation[u * topics + t] *= f;
            }
        }
        lastSeen[u] = tick;
    }

    private int chooseMnl(UniformRandomProvider rng, double[] perceived, int len, double b, double u0, double[] bias,
            double[] weight) {
        double total = RuleClickProbabilities.mnlWeights(perceived, len, b, u0, bias, weight);
        double x = rng.nextDouble() * total;
        for (int r = 0; r < len; r++) {
            x -= weight[r];
            if (x < 0) {
                return r;
            }
        }
        return -1;
    }

    private int chooseCascade(UniformRandomProvider rng, double[] perceived, int len, double b, double u0) {
        double persistence = p.choice().persistence();
        for (int r = 0; r < len; r++) {
            if (rng.nextDouble() < sigmoid(b * (perceived[r] - u0))) {
                return r;
            }
            if (rng.nextDouble() >= persistence) {
                return -1;
            }
        }
        return -1;
    }

    /** Consumption and the reactions that may follow opening an item. */
    private void afterOpen(ReactContext ctx, EventBuffer out, UniformRandomProvider rng, int u, int item, int s, int r,
            double uj, double u0, double b, int arch, byte source) {
        World world = ctx.world();
        Catalog catalog = world.catalog();
        Actions act = p.actions();
        double sig = sigmoid(b * (uj - u0));
        float completion = (float) Math.min(1.0, sig * (0.75 + 0.5 * rng.nextDouble()));
        out.add(u, item, EventType.CONSUME, s, r, completion);
        if (act.rate() > 0 && rng.nextDouble() < act.rate()) {
            double g = ZigguratSampler.NormalizedGaussian.of(rng).sample();
            int stars = (int) Math.round(1 + 4 * sig + 0.5 * g);
            out.add(u, item, EventType.RATE, s, r, Math.max(1, Math.min(5, stars)));
        }
        if (act.like() > 0 && rng.nextDouble() < act.like() * sig) {
            out.add(u, item, EventType.LIKE, s, r, 1f);
        }
        if (act.share() > 0 && rng.nextDouble() < act.share() * sig) {
            out.add(u, item, EventType.SHARE, s, r, 1f);
        }
        if (act.comment() > 0 && rng.nextDouble() < act.comment()) {
            out.add(u, item, EventType.COMMENT, s, r, (float) (2 * sig - 1));
        }
        int creator = catalog.creator(item);
        boolean creatorIsUser = creator >= 0 && creator < world.population().size() && creator != u;
        if (creatorIsUser) {
            boolean follows = world.graph().follows(u, creator);
            if (!follows && act.follow() > 0 && rng.nextDouble() < act.follow() * sig) {
                out.add(u, item, EventType.FOLLOW, s, r, 1f, creator);
            } else if (follows && uj < u0 && act.unfollow() > 0 && rng.nextDouble() < act.unfollow()) {
                out.add(u, item, EventType.UNFOLLOW, s, r, 1f, creator);
            }
        }
        MnlUserModel.drift(world.population().preferences(), u * catalog.dim(), catalog.features(),
                item * catalog.dim(), catalog.dim(), drift[arch]);
        if (satiation != null) {
            int t = Math.max(0, Math.min(topics - 1, catalog.topic(item)));
            satiation[u * topics + t] += 1f;
        }
    }

    /** The probabilities {@link #react} draws from, before it draws (see {@link RuleClickProbabilities}). */
    @Override
    public void clickProbabilities(ReactContext ctx, SlateBatch slates, int from, int to, float[] out) {
        truth.clickProbabilities(ctx, slates, from, to, out);
    }

    // ---------------------------------------------------------------- after the tick

    @Override
    public void afterTick(ReactContext ctx, SlateBatch slates, EventBuffer events) {
        World world = ctx.world();
        Catalog catalog = world.catalog();
        Population pop = world.population();
        int dim = pop.dim();
        float[] f = new float[dim];
        search.indexNewItems(catalog);
        // posts: users who had a session this tick, in slate (user id) order
        for (int s = 0; s < slates.size(); s++) {
            int u = slates.user(s);
            if (u < groupFrom || u >= groupTo) {
                continue; // another model's user
            }
            int a = pop.archetype(u) < postProb.length ? pop.archetype(u) : 0;
            if (postProb[a] <= 0) {
                continue;
            }
            UniformRandomProvider rng = ctx.streams().stream(POST, u, ctx.tick());
            if (rng.nextDouble() >= postProb[a]) {
                continue;
            }
            ZigguratSampler.NormalizedGaussian g = ZigguratSampler.NormalizedGaussian.of(rng);
            double sd = p.postNoise() / Math.sqrt(dim);
            double norm = 0;
            float[] prefs = pop.preferences();
            for (int d = 0; d < dim; d++) {
                f[d] = (float) (prefs[u * dim + d] + sd * g.sample());
                norm += (double) f[d] * f[d];
            }
            float inv = (float) (1 / Math.sqrt(Math.max(norm, 1e-12)));
            for (int d = 0; d < dim; d++) {
                f[d] *= inv;
            }
            int topic = Topics.nearest(centres, dim, f, 0);
            int item = catalog.add(f, topic, u, (float) rng.nextDouble(), 1f, ctx.tick());
            events.add(u, item, EventType.POST, -1, -1, 1f);
        }
        search.indexNewItems(catalog);
        // returns of churned users
        if (p.churn().returnProbability() > 0) {
            for (int u = groupFrom; u < groupTo; u++) {
                if (pop.status(u) == Population.CHURNED
                        && ctx.streams().uniform(RETURN, u, ctx.tick()) < p.churn().returnProbability()) {
                    satisfaction[u] = 0f;
                    sessions[u] = 0;
                    events.add(u, -1, EventType.RETURN, -1, -1, 0f);
                }
            }
        }
    }

    /** Names of the archetypes, in id order (empty when the population has none). */
    public List<String> archetypeNames() {
        List<String> names = new ArrayList<>();
        for (Archetype a : p.archetypes()) {
            names.add(a.name());
        }
        return names;
    }

    /** Satiation per topic, last session tick, satisfaction and session count of each user. */
    @Override
    public void writeUsers(int[] users, java.io.DataOutput out) throws java.io.IOException {
        RuleUserRows.write(users, topics, satiation, lastSeen, satisfaction, sessions, out);
    }

    @Override
    public void readUsers(int[] users, java.io.DataInput in) throws java.io.IOException {
        RuleUserRows.read(users, topics, satiation, lastSeen, satisfaction, sessions, in);
    }
}
