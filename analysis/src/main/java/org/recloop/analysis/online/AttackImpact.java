package org.recloop.analysis.online;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.recloop.core.config.Check;
import org.recloop.core.config.InvalidParameterException;
import org.recloop.core.metric.Metric;
import org.recloop.core.metric.TickView;
import org.recloop.core.react.EventBuffer;
import org.recloop.core.react.EventType;
import org.recloop.core.serve.SlateBatch;
import org.recloop.core.world.AccountTruth;

/**
 * {@code attack}: how far a poisoning attack on {@code targets} reaches the real users, who are
 * the users the world's ground truth does not mark fake (metrics may read the ground truth;
 * recommenders never do). Values, all over real users only unless said otherwise:
 * <ul>
 *   <li>{@code target_hit_ratio@k}: share of this tick's slates that show a target in the first
 *       {@code k} positions;</li>
 *   <li>{@code target_mean_rank}: mean 1-based position of the targets in the slates that show
 *       one, NaN when no slate does;</li>
 *   <li>{@code target_exposure}: the targets' share of all exposures since the run began (every
 *       account's slates: the kernel's cumulative counts do not split by account);</li>
 *   <li>{@code target_consumption}: share of real users who have consumed a target (consumption
 *       history, so cumulative);</li>
 *   <li>{@code real_ctr}: real users' slate clicks / their exposures this tick;</li>
 *   <li>{@code real_utility}: mean true utility of real users' clicks this tick (0 with none);</li>
 *   <li>{@code target_score_percentile}: mean percentile of the targets among a sample of real
 *       users' unconsumed items under the scores of the model that serves next (see {@link
 *       TargetScorePercentile} for the exact definition): its paired difference between an
 *       attacked and a clean arm is the attack's prediction shift. NaN when the recommender does
 *       not rank by scores, or has no model yet.</li>
 * </ul>
 * Compare a run with the attack to the same scenario and seed without it to read the change.
 */
public final class AttackImpact implements Metric {

    /**
     * @param targets the attacked item ids (required)
     * @param k depth of the hit ratio (default 10)
     * @param scoreSample real users sampled per tick for {@code target_score_percentile} (default
     *     500; scoring the whole catalog for every user each tick would cost as much as serving)
     */
    public record Params(List<Integer> targets, Integer k, Integer scoreSample) {
        public Params {
            if (targets == null || targets.isEmpty()) {
                throw new InvalidParameterException("targets", "is required: the attacked item ids");
            }
            targets = List.copyOf(targets);
            for (int i = 0; i < targets.size(); i++) {
                Check.nonNegative("targets[" + i + "]", targets.get(i));
            }
            k = Check.positive("k", k == null ? 10 : k);
            scoreSample = Check.positive("scoreSample", scoreSample == null ? 500 : scoreSample);
        }
    }

    public static final String MEAN_RANK = "target_mean_rank";
    public static final String EXPOSURE = "target_exposure";
    public static final String CONSUMPTION = "target_consumption";
    public static final String REAL_CTR = "real_ctr";
    public static final String REAL_UTILITY = "real_utility";
    public static final String SCORE_PERCENTILE = "target_score_percentile";

    private final Set<Integer> targets;
    private final int k;
    private final String hitRatio;
    private final TargetScorePercentile scorePercentile;

    public AttackImpact(Params p) {
        this.targets = Set.copyOf(new HashSet<>(p.targets()));
        this.k = p.k();
        this.hitRatio = "target_hit_ratio@" + p.k();
        this.scorePercentile = new TargetScorePercentile(targets, p.scoreSample());
    }

    @Override
    public List<String> names() {
        return List.of(hitRatio, MEAN_RANK, EXPOSURE, CONSUMPTION, REAL_CTR, REAL_UTILITY, SCORE_PERCENTILE);
    }

    @Override
    public void observe(TickView view, Map<String, Double> out) {
        AccountTruth truth = view.world().groundTruth();
        SlateBatch slates = view.slates();
        long realSlates = 0;
        long hits = 0;
        long rankSum = 0;
        long ranks = 0;
        long realExposures = 0;
        for (int s = 0; s < slates.size(); s++) {
            if (truth.fake(slates.user(s))) {
                continue;
            }
            realSlates++;
            boolean hit = false;
            for (int r = 0; r < slates.length(s); r++) {
                realExposures++;
                if (targets.contains(slates.item(s, r))) {
                    rankSum += r + 1;
                    ranks++;
                    hit |= r < k;
                }
            }
            if (hit) {
                hits++;
            }
        }
        EventBuffer ev = view.events();
        long clicks = 0;
        long slateClicks = 0;
        double utility = 0;
        for (int i = 0; i < ev.size(); i++) {
            if (ev.is(i, EventType.CLICK) && !truth.fake(ev.user(i))) {
                clicks++;
                utility += ev.value(i);
                if (ev.slate(i) >= 0) {
                    slateClicks++;
                }
            }
        }
        out.put(hitRatio, realSlates == 0 ? 0.0 : (double) hits / realSlates);
        out.put(MEAN_RANK, ranks == 0 ? Double.NaN : (double) rankSum / ranks);
        out.put(EXPOSURE, exposureShare(view.itemExposures()));
        out.put(CONSUMPTION, consumptionShare(view, truth));
        out.put(REAL_CTR, realExposures == 0 ? 0.0 : (double) slateClicks / realExposures);
        out.put(REAL_UTILITY, clicks == 0 ? 0.0 : utility / clicks);
        out.put(SCORE_PERCENTILE, scorePercentile.value(view, truth));
    }

    private double exposureShare(long[] exposures) {
        long all = 0;
        long toTargets = 0;
        for (int i = 0; i < exposures.length; i++) {
            all += exposures[i];
            if (targets.contains(i)) {
                toTargets += exposures[i];
            }
        }
        return all == 0 ? 0.0 : (double) toTargets / all;
    }

    private double consumptionShare(TickView view, AccountTruth truth) {
        var history = view.world().history();
        long real = 0;
        long reached = 0;
        for (int u = 0; u < history.users(); u++) {
            if (truth.fake(u)) {
                continue;
            }
            real++;
            for (int t : targets) {
                if (history.contains(u, t)) {
                    reached++;
                    break;
                }
            }
        }
        return real == 0 ? 0.0 : (double) reached / real;
    }
}
