package org.recloop.analysis.online;

import java.util.List;
import java.util.Map;
import org.recloop.core.metric.Metric;
import org.recloop.core.metric.TickView;
import org.recloop.core.serve.SlateBatch;
import org.recloop.core.world.Catalog;

/**
 * Diversity and novelty of this tick's slates:
 * <ul>
 *   <li>{@code ild}: mean intra-list diversity over the slates with at least two items,
 *       {@code (1/|S'|) Σ_s (2/(n_s(n_s−1))) Σ_{a<b} (1 − cos(x_a, x_b))} with {@code x} the items'
 *       latent feature vectors and {@code n_s} the slate length; cos = 0 when a vector is zero
 *       (Smyth and McClave, "Similarity vs. Diversity", ICCBR 2001; Ziegler, McNee, Konstan and
 *       Lausen, "Improving Recommendation Lists Through Topic Diversification", WWW 2005; the
 *       offline ILD@K of {@link org.recloop.analysis.offline.RankingMetrics}). NaN when no slate
 *       has two items.</li>
 *   <li>{@code novelty}: mean self-information of the shown items, over all exposures of the
 *       tick, {@code (1/|E|) Σ_{(s,i) ∈ E} −log2((φ⁻(i) + 1) / (C + N))} with {@code φ⁻(i)} the
 *       item's cumulative clicks before this tick (see {@link StartOfTick}), {@code C = Σ_i φ⁻(i)}
 *       and N the catalog size. The +1 (Laplace) smoothing makes {@code (φ⁻(i)+1)/(C+N)} a proper
 *       distribution over the catalog, so a never-clicked item has the finite novelty
 *       {@code log2(C + N)} and before the first click every item has {@code log2 N} (Zhou et al.,
 *       "Solving the apparent diversity-accuracy dilemma of recommender systems", PNAS 2010;
 *       Vargas and Castells, "Rank and Relevance in Novelty and Diversity Metrics for Recommender
 *       Systems", RecSys 2011). NaN when nothing was shown.</li>
 * </ul>
 * Cost O(Σ_s n_s² · dim + E log E).
 */
public final class SlateDiversity implements Metric {
    public static final String ILD = "ild";
    public static final String NOVELTY = "novelty";

    @Override
    public List<String> names() {
        return List.of(ILD, NOVELTY);
    }

    @Override
    public void observe(TickView view, Map<String, Double> out) {
        Catalog catalog = view.world().catalog();
        StartOfTick start = StartOfTick.of(view);
        SlateBatch slates = view.slates();
        double log2Denominator = log2(start.totalClicks() + (double) catalog.size());
        double ildSum = 0;
        long ildSlates = 0;
        double noveltySum = 0;
        long exposures = 0;
        double[] norms = new double[slates.k()];
        for (int s = 0; s < slates.size(); s++) {
            int len = slates.length(s);
            for (int q = 0; q < len; q++) {
                int item = slates.item(s, q);
                norms[q] = Math.sqrt(dot(catalog, item, item));
                noveltySum += log2Denominator - log2(start.clicks(item) + 1.0);
                exposures++;
            }
            if (len >= 2) {
                double d = 0;
                for (int a = 0; a < len; a++) {
                    for (int b = a + 1; b < len; b++) {
                        double nn = norms[a] * norms[b];
                        double cos = nn == 0 ? 0 : dot(catalog, slates.item(s, a), slates.item(s, b)) / nn;
                        d += 1 - cos;
                    }
                }
                ildSum += d * 2 / ((double) len * (len - 1));
                ildSlates++;
            }
        }
        out.put(ILD, ildSlates == 0 ? Double.NaN : ildSum / ildSlates);
        out.put(NOVELTY, exposures == 0 ? Double.NaN : noveltySum / exposures);
    }

    private static double dot(Catalog c, int a, int b) {
        float[] x = c.features();
        int dim = c.dim();
        int ba = a * dim;
        int bb = b * dim;
        double s = 0;
        for (int f = 0; f < dim; f++) {
            s += (double) x[ba + f] * x[bb + f];
        }
        return s;
    }

    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }
}
