package org.recloop.recommenders.rerank;

import java.util.Arrays;
import org.recloop.core.config.Check;
import org.recloop.core.config.InvalidParameterException;
import org.recloop.core.serve.Interactions;
import org.recloop.core.serve.Recommender;
import org.recloop.core.serve.ServeContext;
import org.recloop.core.serve.SlateBatch;
import org.recloop.core.serve.TrainContext;
import org.recloop.core.world.Catalog;

/**
 * Provider-fair exposure with the FA*IR ranked group-fairness constraint (Zehlike et al., CIKM
 * 2017). The protected group is the items of the less exposed half of providers (creators),
 * ranked by the cumulative exposure the platform gave them so far (learned from {@code
 * observe}; ties: smaller creator id). Every prefix of length r of the slate must hold at least
 * {@code m(r)} protected items, where m(r) is the smallest m with {@code P(X ≤ m) > alpha} for
 * {@code X ~ Binomial(r, proportion)}: a ranking that a fair coin with the target proportion
 * would not reject at significance alpha. Positions are filled greedily: the best protected
 * candidate when the prefix is short of protected items, otherwise the best candidate.
 */
public final class FairExposureReranker extends RerankingRecommender {

    /**
     * @param proportion target share of protected items
     * @param alpha significance of the binomial test
     * @param candidates candidates asked from the base per user
     * @param base the recommender whose candidates are re-ranked
     */
    public record Params(Double proportion, Double alpha, Integer candidates, com.fasterxml.jackson.databind.JsonNode base) {
        public Params {
            proportion = Check.unit("proportion", proportion == null ? 0.5 : proportion);
            alpha = Check.unit("alpha", alpha == null ? 0.1 : alpha);
            candidates = Check.positive("candidates", candidates == null ? 50 : candidates);
            if (base == null) {
                throw new InvalidParameterException("base", "is required: the recommender to re-rank");
            }
        }
    }

    private final double proportion;
    private final double alpha;
    private long[] providerExposure = new long[0];
    private volatile boolean[] protectedProvider = new boolean[0];
    private volatile int[] minProtected = new int[0];

    public FairExposureReranker(Recommender base, double proportion, double alpha, int candidates) {
        super(base, candidates);
        this.proportion = proportion;
        this.alpha = alpha;
    }

    /** m(r) for r = 0..k: the FA*IR minimum numbers of protected items per prefix length. */
    static int[] minimumProtected(int k, double p, double alpha) {
        int[] m = new int[k + 1];
        for (int r = 1; r <= k; r++) {
            double cdf = 0;
            int need = 0;
            for (int x = 0; x <= r; x++) {
                cdf += binomialPmf(r, x, p);
                if (cdf > alpha) {
                    need = x;
                    break;
                }
            }
            m[r] = need;
        }
        return m;
    }

    private static double binomialPmf(int n, int x, double p) {
        double logC = 0;
        for (int i = 1; i <= x; i++) {
            logC += Math.log(n - x + i) - Math.log(i);
        }
        if (p == 0) {
            return x == 0 ? 1 : 0;
        }
        if (p == 1) {
            return x == n ? 1 : 0;
        }
        return Math.exp(logC + x * Math.log(p) + (n - x) * Math.log(1 - p));
    }

    @Override
    public void observe(SlateBatch shown, Interactions clicks, TrainContext ctx) {
        super.observe(shown, clicks, ctx);
        Catalog cat = ctx.catalog();
        if (cat == null) {
            return;
        }
        int providers = 0;
        for (int i = 0; i < cat.size(); i++) {
            providers = Math.max(providers, cat.creator(i) + 1);
        }
        if (providerExposure.length < providers) {
            providerExposure = Arrays.copyOf(providerExposure, providers);
        }
        for (int s = 0; s < shown.size(); s++) {
            int len = shown.length(s);
            for (int r = 0; r < len; r++) {
                int c = cat.creator(shown.item(s, r));
                if (c >= 0) {
                    providerExposure[c]++;
                }
            }
        }
        // the less exposed half of the providers that have items
        boolean[] has = new boolean[providers];
        for (int i = 0; i < cat.size(); i++) {
            if (cat.creator(i) >= 0) {
                has[cat.creator(i)] = true;
            }
        }
        Integer[] idx = Arrays.stream(java.util.stream.IntStream.range(0, providers).toArray()).filter(c -> has[c])
                .boxed().toArray(Integer[]::new);
        long[] e = providerExposure;
        Arrays.sort(idx, (a, b) -> e[a] != e[b] ? Long.compare(e[a], e[b]) : Integer.compare(a, b));
        boolean[] prot = new boolean[providers];
        for (int i = 0; i < idx.length / 2; i++) {
            prot[idx[i]] = true;
        }
        protectedProvider = prot;
    }

    /** True if the provider is in the protected (less exposed) group now. */
    public boolean isProtected(int provider) {
        boolean[] p = protectedProvider;
        return provider >= 0 && provider < p.length && p[provider];
    }

    @Override
    protected int select(int user, int[] items, float[] rel, int n, int k, int[] chosen, ServeContext ctx) {
        Catalog cat = requireCatalog(ctx, "fair-exposure");
        int[] need = minProtected;
        if (need.length <= k) {
            need = minimumProtected(k, proportion, alpha);
            minProtected = need; // racing threads compute the same table; volatile publishes it whole
        }
        boolean[] used = new boolean[n];
        int m = Math.min(k, n);
        int prot = 0;
        for (int r = 0; r < m; r++) {
            boolean mustProtect = prot < need[r + 1];
            int best = -1;
            for (int j = 0; j < n && best < 0; j++) {
                if (!used[j] && (!mustProtect || isProtected(cat.creator(items[j])))) {
                    best = j; // candidates are in relevance order
                }
            }
            if (best < 0) {
                for (int j = 0; j < n && best < 0; j++) {
                    if (!used[j]) {
                        best = j;
                    }
                }
            }
            used[best] = true;
            chosen[r] = best;
            if (isProtected(cat.creator(items[best]))) {
                prot++;
            }
        }
        return m;
    }
}
