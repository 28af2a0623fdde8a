package org.recloop.analysis.online;

import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.recloop.core.metric.TickView;
import org.recloop.core.rng.RandomStreams;
import org.recloop.core.serve.ServeContext;
import org.recloop.core.serve.ServedScores;
import org.recloop.core.world.AccountTruth;
import org.recloop.core.world.ConsumptionHistory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code target_score_percentile} of the {@code attack} metric: where the model that serves next
 * places the targets among the items a real user could still be shown. The classic shilling
 * measure, prediction shift, is the change of the targets' predicted score for real users caused
 * by the attack; raw scores are not comparable across runs (each fit has its own scale), their
 * percentile is, so the paired difference of this value between an attacked and a clean arm (same
 * seed) is the prediction shift in percentile points.
 *
 * <p>Definition. For a real user u the model has scores for, and a target t that u has not
 * consumed and that is not retired, let C be u's other unconsumed, unretired items of the catalog
 * (t excluded). The percentile of t is {@code (#{j in C : s(j) < s(t)} + #{j in C : s(j) = s(t)} / 2)
 * / |C|}: 1 when t outscores every other candidate, 0 when every other outscores it, 0.5 on a
 * full tie. Items the model gives no score (beyond the items it was fitted on, or out of a
 * neighbourhood model's reach) score below every scored item. The value is the mean over all such
 * (user, target) pairs of the sampled users; NaN with no pair (no scores yet before the first fit,
 * every target consumed) and NaN throughout, logged once, when the recommender does not rank by
 * scores at all.
 *
 * <p>Users: each real user is taken with probability {@code sample / realUsers} (all when that is
 * >= 1) by the draw of ("metric.attack.score", user, tick): the same users for every thread count,
 * and the same for two arms with the same seed, so the arms' values pair up.
 */
final class TargetScorePercentile {

    private static final Logger LOG = LoggerFactory.getLogger(TargetScorePercentile.class);
    private static final long PURPOSE = RandomStreams.purpose("metric.attack.score");

    private final int[] targets;
    private final int sample;
    private final AtomicBoolean warned = new AtomicBoolean();

    TargetScorePercentile(Set<Integer> targets, int sample) {
        this.targets = targets.stream().mapToInt(Integer::intValue).sorted().toArray();
        this.sample = sample;
    }

    double value(TickView view, AccountTruth truth) {
        ServedScores scores = view.scores();
        if (!scores.scoring()) {
            if (!warned.getAndSet(true)) {
                LOG.warn("attack metric: the recommender does not rank by model scores, so target_score_percentile"
                        + " is NaN in this run");
            }
            return Double.NaN;
        }
        ServeContext ctx = scores.context();
        ConsumptionHistory history = view.world().history();
        int users = history.users();
        long real = 0;
        for (int u = 0; u < users; u++) {
            real += truth.fake(u) ? 0 : 1;
        }
        double p = real == 0 ? 0 : Math.min(1.0, (double) sample / real);
        float[] s = new float[ctx.numItems()];
        double sum = 0;
        long pairs = 0;
        for (int u = 0; u < users; u++) {
            if (truth.fake(u) || (p < 1 && view.streams().uniform(PURPOSE, u, view.tick()) >= p)) {
                continue;
            }
            if (!scores.scoreAll(u, s)) {
                continue;
            }
            for (int t : targets) {
                if (t >= s.length || history.contains(u, t) || ctx.retired(t)) {
                    continue;
                }
                double pct = percentile(u, t, s, history, ctx);
                if (!Double.isNaN(pct)) {
                    sum += pct;
                    pairs++;
                }
            }
        }
        return pairs == 0 ? Double.NaN : sum / pairs;
    }

    /** The percentile of target t among u's other candidates, NaN if it has none. */
    private static double percentile(int u, int t, float[] s, ConsumptionHistory history, ServeContext ctx) {
        float st = s[t];
        long below = 0;
        long ties = 0;
        long others = 0;
        for (int j = 0; j < s.length; j++) {
            if (j == t || history.contains(u, j) || ctx.retired(j)) {
                continue;
            }
            others++;
            if (s[j] < st) {
                below++;
            } else if (s[j] == st) {
                ties++;
            }
        }
        return others == 0 ? Double.NaN : (below + ties / 2.0) / others;
    }
}
