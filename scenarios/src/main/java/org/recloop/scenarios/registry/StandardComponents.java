package org.recloop.scenarios.registry;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.recloop.agents.rule.MnlUserModel;
import org.recloop.agents.rule.RankDiscountedChoiceModel;
import org.recloop.agents.rule.RuleUserModel;
import org.recloop.analysis.online.CatalogCoverage;
import org.recloop.analysis.online.ClickThroughRate;
import org.recloop.analysis.online.ExposureGini;
import org.recloop.analysis.online.Homogenization;
import org.recloop.analysis.online.TrueUtility;
import org.recloop.analysis.online.ArmMetrics;
import org.recloop.analysis.online.CalibrationError;
import org.recloop.analysis.online.FilterBubble;
import org.recloop.analysis.online.LongTail;
import org.recloop.analysis.online.Polarization;
import org.recloop.analysis.online.PopularityBiasAmplification;
import org.recloop.analysis.online.PopularityConcentration;
import org.recloop.analysis.online.ProviderFairness;
import org.recloop.analysis.online.SlateDiversity;
import org.recloop.analysis.online.UserGroupFairness;
import org.recloop.core.serve.Recommender;
import org.recloop.core.world.GraphSource;
import org.recloop.core.world.io.EdgeListGraph;
import org.recloop.core.world.io.GoodbooksCatalog;
import org.recloop.core.world.synthetic.ChaneyWorld;
import org.recloop.core.world.synthetic.DirichletWorld;
import org.recloop.core.world.synthetic.PreferentialAttachmentGraph;
import org.recloop.core.world.synthetic.StochasticBlockGraph;
import org.recloop.core.world.synthetic.SyntheticCatalog;
import org.recloop.core.world.synthetic.SyntheticPopulation;
import org.recloop.recommenders.baseline.MostPopularRecommender;
import org.recloop.recommenders.baseline.RandomRecommender;
import org.recloop.recommenders.bandit.EpsilonGreedyRecommender;
import org.recloop.recommenders.bandit.LinUcbRecommender;
import org.recloop.recommenders.bandit.ThompsonSamplingRecommender;
import org.recloop.recommenders.content.ContentRecommender;
import org.recloop.recommenders.content.NnlsContentRecommender;
import org.recloop.recommenders.experiment.AbSplitRecommender;
import org.recloop.recommenders.popularity.DecayedPopularityRecommender;
import org.recloop.recommenders.popularity.HotRecommender;
import org.recloop.recommenders.knn.ItemKnnRecommender;
import org.recloop.recommenders.knn.UserKnnRecommender;
import org.recloop.recommenders.linear.EaseRecommender;
import org.recloop.recommenders.mf.BprRecommender;
import org.recloop.recommenders.remote.HttpRecommender;
import org.recloop.recommenders.mf.ImplicitAlsRecommender;
import org.recloop.recommenders.rerank.CalibratedReranker;
import org.recloop.recommenders.rerank.FairExposureReranker;
import org.recloop.recommenders.rerank.LongTailXquadReranker;
import org.recloop.recommenders.rerank.MmrReranker;
import org.recloop.scenarios.act.SwitchRecommender;
import org.recloop.scenarios.data.RatingsWorld;
import org.recloop.scenarios.oracle.IdealRecommender;

/** The components that ship with RecLoop: one line each. */
public final class StandardComponents {
    private StandardComponents() {}

    /** Metric names used when a scenario lists none. */
    public static final java.util.List<String> DEFAULT_METRICS =
            java.util.List.of("ctr", "coverage", "gini-exposure", "homogenization", "true-utility");

    public static Registry registry(ObjectMapper mapper) {
        Registry r = new Registry(mapper);
        // Registration order is the listing order (names, the README table): keep it.
        registerWorlds(r);
        registerUserModels(r);
        registerRecommenders(r);
        registerMetrics(r);
        registerInterventions(r);
        return r;
    }

    /** Catalogs, populations and follow graphs. */
    private static void registerWorlds(Registry r) {
        r.register(Kind.CATALOG, "synthetic", SyntheticCatalog.Params.class,
                (p, n) -> () -> new SyntheticCatalog(p), "topic-clustered latent items with a power-law popularity prior");
        r.register(Kind.CATALOG, "goodbooks", GoodbooksCatalog.Params.class,
                (p, n) -> {
                    java.nio.file.Path books = n.file(p.books());
                    java.nio.file.Path features = n.file(p.features());
                    return () -> new GoodbooksCatalog(books, features);
                }, "the 10,000 real books of goodbooks-10k with text-derived topics and features");
        r.register(Kind.CATALOG, "ratings", RatingsWorld.Params.class, (p, n) -> {
            java.nio.file.Path file = n.file(p.path());
            return () -> RatingsWorld.catalog(file, p);
        }, "items of a MovieLens-style interaction file, features from an ALS fit");
        r.register(Kind.POPULATION, "ratings", RatingsWorld.Params.class, (p, n) -> {
            java.nio.file.Path file = n.file(p.path());
            return () -> RatingsWorld.population(file, p);
        }, "users of a MovieLens-style interaction file, tastes from an ALS fit");
        r.register(Kind.CATALOG, "chaney", ChaneyWorld.CatalogParams.class, (p, n) -> () -> ChaneyWorld.catalog(p),
                "nearly one-hot item attributes, Dirichlet(mu_alpha) with mu_alpha ~ muAlphaScale x Dirichlet(muAlphaPrior) (Chaney et al. 2018, exactly)");
        r.register(Kind.POPULATION, "chaney", ChaneyWorld.PopulationParams.class, (p, n) -> () -> ChaneyWorld.population(p),
                "user preferences Dirichlet(mu_rho), mu_rho ~ muRhoScale x Dirichlet(muRhoPrior); true utility Beta'(theta.beta, sigma) (Chaney et al. 2018, exactly)");
        r.register(Kind.CATALOG, "dirichlet", DirichletWorld.CatalogParams.class,
                (p, n) -> () -> DirichletWorld.catalog(p), "item attributes on the simplex, Dirichlet (Chaney et al. 2018)");
        r.register(Kind.POPULATION, "dirichlet", DirichletWorld.PopulationParams.class,
                (p, n) -> () -> DirichletWorld.population(p), "user preferences on the simplex, Dirichlet (Chaney et al. 2018)");
        r.register(Kind.POPULATION, "synthetic", SyntheticPopulation.Params.class,
                (p, n) -> () -> new SyntheticPopulation(p), "users near a favourite topic, log-normal activity");
        r.register(Kind.GRAPH, "none", NoParams.class, (p, n) -> () -> GraphSource.NONE, "no follow edges");
        r.register(Kind.GRAPH, "preferential-attachment", PreferentialAttachmentGraph.Params.class,
                (p, n) -> () -> new PreferentialAttachmentGraph(p), "each user follows earlier users, prob. ~ followers + 1");
        r.register(Kind.GRAPH, "sbm", StochasticBlockGraph.Params.class, (p, n) -> () -> new StochasticBlockGraph(p),
                "stochastic block model by interest community (nearest topic)");
        r.register(Kind.GRAPH, "edge-list", EdgeListGraph.Params.class, (p, n) -> {
            java.nio.file.Path file = n.file(p.path());
            return () -> new EdgeListGraph(file);
        },
                "follow edges loaded from a follower,followee file");
    }

    private static void registerUserModels(Registry r) {
        r.register(Kind.USER_MODEL, "rule", RuleUserModel.Params.class, (p, n) -> () -> new RuleUserModel(p),
                "social-platform user: search, choice (mnl/cascade), consume, rate, like, share, comment, follow, post, churn");
        r.register(Kind.USER_MODEL, "rank-discounted", RankDiscountedChoiceModel.Params.class,
                (p, n) -> () -> new RankDiscountedChoiceModel(p),
                "consumes exactly the slate item maximising true score x rank^-alpha (Chaney et al. 2018); muEta < 1: by the known share V x eta, eta ~ Beta'(muEta, etaSigma)");
        r.register(Kind.USER_MODEL, "mnl", MnlUserModel.Params.class,
                (p, n) -> () -> new MnlUserModel(p), "multinomial logit with no-click option, position bias, drift");
        r.register(Kind.USER_MODEL, "llm", org.recloop.agents.llm.LlmUserModel.Params.class, (p, n) -> {
            p.provider().servers(n::file); // a servers file that cannot be read fails while the scenario loads
            return () -> new org.recloop.agents.llm.LlmUserModel(p, n::file, n.capabilities());
        }, "hybrid population: LLM-driven agents (OpenAI-compatible or Ollama, via LangChain4j) with memory; the others and every fallback use the rule model");
        r.register(Kind.USER_MODEL, "attack", org.recloop.agents.attack.AttackUserModel.Params.class,
                (p, n) -> () -> new org.recloop.agents.attack.AttackUserModel(p),
                "fake accounts pushing or nuking target items through clicks (random, average, bandwagon, segment, imitation, social)");
        r.register(Kind.USER_MODEL, "feed-commands", org.recloop.agents.command.FeedCommandUserModel.Params.class, (p, n) -> {
            Component<org.recloop.core.react.UserModel> users = n.resolve(Kind.USER_MODEL, p.users(), "users");
            var spec = p.spec(n::file);
            return () -> new org.recloop.agents.command.FeedCommandUserModel(p, users.create(), spec, n.capabilities());
        }, "any user model whose users also say feed commands (\"less of topic T\", \"more from people I follow\"), read by rules or a chat model");
        r.register(Kind.USER_MODEL, "conversational", org.recloop.agents.conversation.ConversationalUserModel.Params.class, (p, n) -> {
            Component<org.recloop.core.react.UserModel> users = n.resolve(Kind.USER_MODEL, p.users(), "users");
            var specs = p.specs(n::file);
            return () -> new org.recloop.agents.conversation.ConversationalUserModel(p, users.create(), specs, n.capabilities());
        }, "any user model some of whose sessions are conversations with a chat-model recommender agent that calls tools (the scenario's recommender, catalog search, item details)");
    }

    /** Algorithms, the A/B split and the re-rankers (which wrap a base recommender). */
    private static void registerRecommenders(Registry r) {
        r.register(Kind.RECOMMENDER, "random", RandomRecommender.Params.class,
                (p, n) -> RandomRecommender::new, "uniformly random unconsumed items");
        r.register(Kind.RECOMMENDER, "most-popular", MostPopularRecommender.Params.class,
                (p, n) -> () -> new MostPopularRecommender(p), "most clicked items in the log");
        r.register(Kind.RECOMMENDER, "als", ImplicitAlsRecommender.Params.class,
                (p, n) -> () -> new ImplicitAlsRecommender(p), "implicit-feedback matrix factorisation (Hu et al. 2008)");
        r.register(Kind.RECOMMENDER, "most-popular-decayed", DecayedPopularityRecommender.Params.class,
                (p, n) -> () -> new DecayedPopularityRecommender(p), "time-decayed click counts (half-life in ticks)");
        r.register(Kind.RECOMMENDER, "hot", HotRecommender.Params.class, (p, n) -> () -> new HotRecommender(p),
                "hot score: (clicks + 1) / (age + 2)^gravity");
        r.register(Kind.RECOMMENDER, "epsilon-greedy", EpsilonGreedyRecommender.Params.class,
                (p, n) -> () -> new EpsilonGreedyRecommender(p), "slate bandit: per-item Beta click estimates, epsilon exploration");
        r.register(Kind.RECOMMENDER, "linucb", LinUcbRecommender.Params.class, (p, n) -> () -> new LinUcbRecommender(p),
                "contextual slate bandit: LinUCB over user-profile x item-feature contexts (Li et al. 2010)");
        r.register(Kind.RECOMMENDER, "thompson", ThompsonSamplingRecommender.Params.class,
                (p, n) -> () -> new ThompsonSamplingRecommender(p), "contextual slate bandit: linear Thompson sampling");
        r.register(Kind.RECOMMENDER, "item-knn", ItemKnnRecommender.Params.class,
                (p, n) -> () -> new ItemKnnRecommender(p), "item-based kNN, cosine with shrinkage, top-N neighbours");
        r.register(Kind.RECOMMENDER, "user-knn", UserKnnRecommender.Params.class,
                (p, n) -> () -> new UserKnnRecommender(p), "user-based kNN, cosine with shrinkage, top-N neighbours");
        r.register(Kind.RECOMMENDER, "ease", EaseRecommender.Params.class, (p, n) -> () -> new EaseRecommender(p),
                "EASE^R shallow autoencoder, closed form (Steck 2019)");
        r.register(Kind.RECOMMENDER, "content", ContentRecommender.Params.class, (p, n) -> () -> new ContentRecommender(p),
                "content-based: cosine of item features to the mean of the user's consumed items");
        r.register(Kind.RECOMMENDER, "content-nnls", NnlsContentRecommender.Params.class,
                (p, n) -> () -> new NnlsContentRecommender(p),
                "content filtering with NNLS profiles on item attributes: clicks vs exposures, or interaction counts over the catalog (target: counts, as Chaney et al. 2018 and T-RECS)");
        r.register(Kind.RECOMMENDER, "ideal", IdealRecommender.Params.class, (p, n) -> () -> new IdealRecommender(n.capabilities()),
                "oracle: ranks by the users' true scores (a reference, Chaney et al. 2018)");
        r.register(Kind.RECOMMENDER, "bpr", BprRecommender.Params.class, (p, n) -> () -> new BprRecommender(p),
                "matrix factorisation trained with Bayesian personalised ranking (Rendle et al. 2009)");
        r.register(Kind.RECOMMENDER, "lightgcn", org.recloop.recommenders.neural.LightGcnRecommender.Params.class, (p, n) -> {
            org.recloop.recommenders.neural.LightGcnRecommender.checkDevice(p); // gpu without a GPU fails at load
            return () -> new org.recloop.recommenders.neural.LightGcnRecommender(p);
        }, "LightGCN graph embeddings trained in the loop with DJL/PyTorch (He et al. 2020)");
        r.register(Kind.RECOMMENDER, "sasrec", org.recloop.recommenders.neural.SasRecRecommender.Params.class, (p, n) -> {
            org.recloop.recommenders.neural.SasRecRecommender.checkDevice(p);
            return () -> new org.recloop.recommenders.neural.SasRecRecommender(p);
        }, "SASRec self-attentive next-item model trained in the loop with DJL/PyTorch (Kang and McAuley 2018)");
        r.register(Kind.RECOMMENDER, "tiger", org.recloop.recommenders.neural.TigerRecommender.Params.class, (p, n) -> {
            org.recloop.recommenders.neural.TigerRecommender.checkDevice(p);
            return () -> new org.recloop.recommenders.neural.TigerRecommender(p, n.capabilities());
        }, "TIGER generative retrieval: RQ-VAE semantic IDs, autoregressive code decoder, trie-constrained beam search, DJL/PyTorch (Rajput et al. 2023)");
        r.register(Kind.RECOMMENDER, "two-tower", org.recloop.recommenders.neural.TwoTowerRecommender.Params.class, (p, n) -> {
            org.recloop.recommenders.neural.TwoTowerRecommender.checkDevice(p);
            return () -> new org.recloop.recommenders.neural.TwoTowerRecommender(p, n.capabilities());
        }, "two-tower retrieval, item tower from ids, title text embeddings and item attributes (cold items scored by"
                + " them), DJL/PyTorch");
        r.register(Kind.RECOMMENDER, "http", HttpRecommender.Params.class, (p, n) -> () -> new HttpRecommender(p),
                "bring your own model: an external recommender behind a JSON/HTTP API");
        r.register(Kind.RECOMMENDER, "sharded", org.recloop.recommenders.unlearn.ShardedRecommender.Params.class,
                (p, n) -> {
                    Component<Recommender> of = n.resolve(Kind.RECOMMENDER, p.of(), "of");
                    return () -> {
                        // shards are refitted after creation: they keep the capabilities of this run
                        org.recloop.core.capability.Capabilities caps = n.capabilities();
                        return new org.recloop.recommenders.unlearn.ShardedRecommender(p.shards(), p.seed(),
                                () -> caps == null ? of.create() : of.create(caps));
                    };
                }, "unlearning: users split into shards, one sub-model each; forgetting retrains only the touched shards (SISA)");
        r.register(Kind.RECOMMENDER, "ab-split", AbSplitRecommender.Params.class, (p, n) -> {
            java.util.List<Component<Recommender>> arms = new java.util.ArrayList<>();
            for (int i = 0; i < p.arms().size(); i++) {
                arms.add(n.resolve(Kind.RECOMMENDER, p.arms().get(i).recommender(), "arms[" + i + "].recommender"));
            }
            return () -> new AbSplitRecommender(p.assignment(), arms.stream().map(Component::create).toList());
        }, "A/B test inside one run: users split across arms, each served by its own recommender");
        r.register(Kind.RECOMMENDER, "mmr", MmrReranker.Params.class, (p, n) -> {
            Component<Recommender> base = n.resolve(Kind.RECOMMENDER, p.base(), "base");
            return () -> new MmrReranker(base.create(), p.lambda(), p.candidates());
        }, "re-ranker: maximal marginal relevance diversity (Carbonell and Goldstein 1998)");
        r.register(Kind.RECOMMENDER, "calibrated", CalibratedReranker.Params.class, (p, n) -> {
            Component<Recommender> base = n.resolve(Kind.RECOMMENDER, p.base(), "base");
            return () -> new CalibratedReranker(base.create(), p.lambda(), p.candidates());
        }, "re-ranker: topic calibration to the user's history (Steck 2018)");
        r.register(Kind.RECOMMENDER, "xquad", LongTailXquadReranker.Params.class, (p, n) -> {
            Component<Recommender> base = n.resolve(Kind.RECOMMENDER, p.base(), "base");
            return () -> new LongTailXquadReranker(base.create(), p.lambda(), p.headShare(), p.candidates());
        }, "re-ranker: popularity-bias mitigation, xQuAD over head and long tail (Abdollahpouri et al. 2019)");
        r.register(Kind.RECOMMENDER, "fair-exposure", FairExposureReranker.Params.class, (p, n) -> {
            Component<Recommender> base = n.resolve(Kind.RECOMMENDER, p.base(), "base");
            return () -> new FairExposureReranker(base.create(), p.proportion(), p.alpha(), p.candidates());
        }, "re-ranker: provider-fair exposure, FA*IR prefix constraint (Zehlike et al. 2017)");
        r.register(Kind.RECOMMENDER, "detect", org.recloop.recommenders.defence.DetectingRecommender.Params.class, (p, n) -> {
            Component<Recommender> base = n.resolve(Kind.RECOMMENDER, p.base(), "base");
            return () -> new org.recloop.recommenders.defence.DetectingRecommender(base.create(), p.threshold(),
                    p.graphFeatures(), n.capabilities());
        }, "defence: drops the clicks of accounts whose behaviour looks fake, then fits the base");
        r.register(Kind.RECOMMENDER, "robust", org.recloop.recommenders.defence.RobustRecommender.Params.class, (p, n) -> {
            Component<Recommender> base = n.resolve(Kind.RECOMMENDER, p.base(), "base");
            return () -> new org.recloop.recommenders.defence.RobustRecommender(base.create(), p.strength(),
                    p.graphFeatures(), n.capabilities());
        }, "defence: down-weights each account's clicks by how fake it looks (user-wise reweighting, LoRec)");
        r.register(Kind.RECOMMENDER, "llm-rerank", org.recloop.recommenders.llm.LlmRerankRecommender.Params.class, (p, n) -> {
            Component<Recommender> candidates = n.resolve(Kind.RECOMMENDER, p.candidates(), "candidates");
            org.recloop.core.lm.ChatModelSpec spec = p.spec(n::file);
            return () -> new org.recloop.recommenders.llm.LlmRerankRecommender(p, candidates.create(), spec, n.capabilities());
        }, "LLM re-ranker: a chat model orders any recommender's candidates by a prompt (recent titles, candidates); an invalid ranking is retried once, then the candidate order");
    }

    private static void registerMetrics(Registry r) {
        r.register(Kind.METRIC, "ctr", NoParams.class, (p, n) -> ClickThroughRate::new, "clicks / exposures");
        r.register(Kind.METRIC, "coverage", NoParams.class, (p, n) -> CatalogCoverage::new,
                "share of the catalog shown this tick and so far");
        r.register(Kind.METRIC, "gini-exposure", NoParams.class, (p, n) -> ExposureGini::new,
                "Gini of cumulative exposures over items");
        r.register(Kind.METRIC, "homogenization", Homogenization.Params.class, (p, n) -> () -> new Homogenization(p),
                "mean Jaccard of consumed sets over user pairs (Chaney et al. 2018)");
        r.register(Kind.METRIC, "true-utility", NoParams.class, (p, n) -> TrueUtility::new,
                "mean true utility of clicks, and per session");
        r.register(Kind.METRIC, "popularity-concentration", NoParams.class, (p, n) -> PopularityConcentration::new,
                "Gini of cumulative clicks over items; share of cumulative exposures on the top 1% of items");
        r.register(Kind.METRIC, "popularity-bias-amplification", NoParams.class,
                (p, n) -> PopularityBiasAmplification::new,
                "mean popularity of slate items over that of the user's history (Abdollahpouri et al. 2019; Mansoury et al. 2020)");
        r.register(Kind.METRIC, "long-tail", LongTail.Params.class, (p, n) -> () -> new LongTail(p),
                "share of this tick's exposures outside the head holding headShare of clicks");
        r.register(Kind.METRIC, "slate-diversity", NoParams.class, (p, n) -> SlateDiversity::new,
                "intra-list diversity (1 - cosine) and mean self-information of shown items");
        r.register(Kind.METRIC, "filter-bubble", NoParams.class, (p, n) -> FilterBubble::new,
                "topic entropy of consumption; spread of true preferences around their mean");
        r.register(Kind.METRIC, "calibration", NoParams.class, (p, n) -> CalibrationError::new,
                "mean KL of history topics vs slate topics (Steck 2018)");
        r.register(Kind.METRIC, "provider-fairness", NoParams.class, (p, n) -> ProviderFairness::new,
                "Gini of exposure over providers; distance of exposure from merit shares (Singh and Joachims 2018)");
        r.register(Kind.METRIC, "user-group-fairness", NoParams.class, (p, n) -> UserGroupFairness::new,
                "true-utility gap between mainstream and niche users");
        r.register(Kind.METRIC, "polarization", NoParams.class, (p, n) -> Polarization::new,
                "variance and Sarle's bimodality of preference coordinate 0 over active users");
        r.register(Kind.METRIC, "feed-compliance", NoParams.class, (p, n) -> org.recloop.analysis.online.FeedCommandCompliance::new,
                "share of slates that honour users' feed commands (exclude, boost) and the commanding users' CTR vs the others'");
        r.register(Kind.METRIC, "ab-arms", ArmMetrics.Params.class, (p, n) -> () -> new ArmMetrics(p),
                "per-arm sessions, CTR and utility of an ab-split recommender (added automatically)");
        r.register(Kind.METRIC, "learnability", org.recloop.analysis.online.Learnability.Params.class,
                (p, n) -> () -> new org.recloop.analysis.online.Learnability(p, n.capabilities()),
                "CTR and true utility as a share of the gap between a random and the ideal slate for the same users"
                        + " (expected, from the user model's click probabilities); added automatically");
        r.register(Kind.METRIC, "attack", org.recloop.analysis.online.AttackImpact.Params.class,
                (p, n) -> () -> new org.recloop.analysis.online.AttackImpact(p),
                "targets' hit ratio, rank, exposure and reach in real users' slates; real users' CTR and utility;"
                        + " the targets' score percentile among real users' unconsumed items (prediction shift)");
        r.register(Kind.METRIC, "detection", NoParams.class,
                (p, n) -> () -> new org.recloop.analysis.online.DetectionQuality(n.capabilities()),
                "precision and recall of a detect defence's flagged accounts against the fake accounts; flagged count;"
                        + " false-positive rate among real accounts present at the start and among newcomers");
        r.register(Kind.METRIC, "llm-ranking-bias", NoParams.class,
                (p, n) -> () -> new org.recloop.analysis.online.LlmRankingBias(n.capabilities()),
                "an llm-rerank recommender's fallback share, popularity lift of its top k over its candidates, and rank shift under shuffled candidates (position bias, with probeShare)");
        r.register(Kind.METRIC, "conversation", NoParams.class,
                (p, n) -> () -> new org.recloop.analysis.online.ConversationMetric(n.capabilities()),
                "conversations of the tick (iEvaLM style): recall@k of accepted items against the users' true top k, acceptance rate, mean turns to success, mean user rating");
    }

    private static void registerInterventions(Registry r) {
        r.register(Kind.INTERVENTION, "switch-recommender", SwitchRecommender.Params.class, (p, n) -> {
            Component<Recommender> next = n.resolve(Kind.RECOMMENDER, p.recommender(), "recommender");
            return () -> new SwitchRecommender(p.at(), next, n.capabilities());
        }, "replace the recommender at a tick");
        r.register(Kind.INTERVENTION, "add-users", org.recloop.scenarios.act.AddUsers.Params.class, (p, n) -> {
            Component<org.recloop.core.react.UserModel> users = n.resolve(Kind.USER_MODEL, p.model(), "model");
            return () -> new org.recloop.scenarios.act.AddUsers(p, users);
        }, "open a block of accounts mid-run (synthetic tastes and activity) with their own user model");
        r.register(Kind.INTERVENTION, "add-items", org.recloop.scenarios.act.AddItems.Params.class,
                (p, n) -> () -> new org.recloop.scenarios.act.AddItems(p), "add items near a topic's centre");
        r.register(Kind.INTERVENTION, "retire-items", org.recloop.scenarios.act.RetireItems.Params.class,
                (p, n) -> () -> new org.recloop.scenarios.act.RetireItems(p), "take items off the platform: never served again");
        r.register(Kind.INTERVENTION, "set-group", org.recloop.scenarios.act.SetGroup.Params.class, (p, n) -> {
            Component<org.recloop.core.react.UserModel> users = p.model() == null || p.model().isNull() ? null
                    : n.resolve(Kind.USER_MODEL, p.model(), "model");
            return () -> new org.recloop.scenarios.act.SetGroup(p, users);
        }, "give a user group another user model and/or scale its activity");
        r.register(Kind.INTERVENTION, "forget", org.recloop.scenarios.act.Forget.Params.class,
                (p, n) -> () -> new org.recloop.scenarios.act.Forget(p),
                "forget users, items or interactions: tombstoned in the log, audited, dropped from the platform, model unlearned (exact refit, sharded or finetune)");
        r.register(Kind.INTERVENTION, "attack", org.recloop.scenarios.act.Attack.Params.class,
                (p, n) -> () -> new org.recloop.scenarios.act.Attack(p),
                "open fake accounts that run a poisoning attack on target items (the attack user model)");
    }

    /** Parameters of components that take none. */
    public record NoParams() {}
}
