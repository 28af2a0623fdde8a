package org.recloop.analysis.online;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.recloop.core.metric.Metric;
import org.recloop.core.metric.TickView;
import org.recloop.core.react.EventBuffer;
import org.recloop.core.react.EventType;
import org.recloop.core.world.Population;

/**
 * {@code utility_gap_mainstream_niche}: mean true utility of this tick's clicks by mainstream
 * users minus that by niche users,
 * {@code mean_{c ∈ C_main} val(c) − mean_{c ∈ C_niche} val(c)} over the tick's CLICK events C
 * (their value is the realised true utility, as in {@link TrueUtility}), pooled over clicks.
 *
 * <p>Groups, recomputed every tick from the ground truth: {@code m_u = cos(p_u, p̄)}, the cosine of
 * the user's current true preference to the mean preference {@code p̄} of all users (0 when either
 * vector is zero); mainstream = {@code m_u > median_u(m_u)}, strictly above (by more than 1e-12, so
 * that rounding cannot split users of equal alignment; for an even count the median is the mean of
 * the two middle values); niche = the others, so a tie at the median goes to niche. This is a
 * mainstreaminess in the sense of Bauer and Schedl ("Global and country-specific mainstreaminess
 * measures", PLOS ONE 2019) split at the median, for the user-group comparison of Abdollahpouri,
 * Mansoury, Burke and Mobasher ("The Unfairness of Popularity Bias in Recommendation", 2019: niche
 * vs. blockbuster users), Ekstrand et al. ("All The Cool Kids, How Do They Fit In?", FAT* 2018) and
 * Li, Chen, Fu, Ge and Zhang ("User-oriented Fairness in Recommendation", WWW 2021), measured on
 * true rather than estimated utility. Positive = the loop serves mainstream users better. NaN when
 * either group made no click this tick. {@code ctr_gap_mainstream_niche} is the accuracy gap: slate
 * CTR of mainstream minus niche users (NaN when a group saw no slate).
 *
 * <p>Cost O(|U| · dim + |U| log |U| + E).
 */
public final class UserGroupFairness implements Metric {
    public static final String NAME = "utility_gap_mainstream_niche";
    /** Accuracy gap: CTR on slates (slate clicks / exposures) of mainstream minus niche users. */
    public static final String CTR_GAP = "ctr_gap_mainstream_niche";
    private static final double TIE = 1e-12;

    @Override
    public List<String> names() {
        return List.of(NAME, CTR_GAP);
    }

    @Override
    public void observe(TickView view, Map<String, Double> out) {
        boolean[] mainstream = mainstream(view.world().population());
        EventBuffer ev = view.events();
        double sumMain = 0;
        double sumNiche = 0;
        long nMain = 0;
        long nNiche = 0;
        for (int i = 0; i < ev.size(); i++) {
            if (!ev.is(i, EventType.CLICK)) {
                continue;
            }
            if (mainstream[ev.user(i)]) {
                sumMain += ev.value(i);
                nMain++;
            } else {
                sumNiche += ev.value(i);
                nNiche++;
            }
        }
        out.put(NAME, nMain == 0 || nNiche == 0 ? Double.NaN : sumMain / nMain - sumNiche / nNiche);
        // accuracy: how well each group's slates match what it clicks
        long[] exposures = new long[2];
        long[] clicks = new long[2];
        var slates = view.slates();
        for (int s = 0; s < slates.size(); s++) {
            exposures[mainstream[slates.user(s)] ? 0 : 1] += slates.length(s);
        }
        for (int i = 0; i < ev.size(); i++) {
            if (ev.is(i, EventType.CLICK) && ev.slate(i) >= 0) {
                clicks[mainstream[ev.user(i)] ? 0 : 1]++;
            }
        }
        out.put(CTR_GAP, exposures[0] == 0 || exposures[1] == 0 ? Double.NaN
                : (double) clicks[0] / exposures[0] - (double) clicks[1] / exposures[1]);
    }

    /** {@code result[u]}: u's preference is more aligned with the mean preference than the median user's. */
    static boolean[] mainstream(Population pop) {
        int users = pop.size();
        int dim = pop.dim();
        float[] pref = pop.preferences();
        double[] mean = FilterBubble.mean(pop);
        double meanNorm = 0;
        for (double m : mean) {
            meanNorm += m * m;
        }
        meanNorm = Math.sqrt(meanNorm);
        double[] cos = new double[users];
        for (int u = 0; u < users; u++) {
            double dot = 0;
            double sq = 0;
            for (int f = 0; f < dim; f++) {
                double x = pref[u * dim + f];
                dot += x * mean[f];
                sq += x * x;
            }
            double nn = Math.sqrt(sq) * meanNorm;
            cos[u] = nn == 0 ? 0 : dot / nn;
        }
        double[] sorted = cos.clone();
        Arrays.sort(sorted);
        double median = users % 2 == 1 ? sorted[users / 2] : (sorted[users / 2 - 1] + sorted[users / 2]) / 2;
        boolean[] main = new boolean[users];
        for (int u = 0; u < users; u++) {
            main[u] = cos[u] > median + TIE;
        }
        return main;
    }
}
