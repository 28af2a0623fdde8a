package org.recloop.recommenders.experiment;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.recloop.core.config.Check;
import org.recloop.core.config.InvalidParameterException;
import org.recloop.core.serve.ExperimentArms;
import org.recloop.core.serve.Interactions;
import org.recloop.core.serve.Recommender;
import org.recloop.core.serve.ServeContext;
import org.recloop.core.serve.SlateBatch;
import org.recloop.core.serve.SlateSource;
import org.recloop.core.serve.TrainContext;

/**
 * An A/B (or A/B/n) test inside one run: each user is assigned to one arm for the whole run (see
 * {@link ExperimentArms}) and served by that arm's recommender. Every arm learns from the whole
 * log (the platform's shared data), as the arms of an online test usually do; what differs is
 * only what each arm's users are shown. Per-arm outcomes are reported by the {@code ab-arms}
 * metric, which the scenario loader adds automatically.
 */
public final class AbSplitRecommender implements Recommender {

    /**
     * @param name arm label (used in metric names)
     * @param share relative share of users
     * @param recommender the arm's recommender (component spec)
     */
    public record Arm(String name, Double share, JsonNode recommender) {
        public Arm {
            if (name == null || !name.matches("[A-Za-z0-9_-]+")) {
                throw new InvalidParameterException("name", "is required: letters, digits, '_' or '-', was '" + name + "'");
            }
            share = Check.positive("share", share == null ? 1.0 : share);
            if (recommender == null) {
                throw new InvalidParameterException("recommender", "is required");
            }
        }
    }

    /** @param arms at least two arms with distinct names */
    public record Params(List<Arm> arms) {
        public Params {
            if (arms == null || arms.size() < 2) {
                throw new InvalidParameterException("arms", "needs at least two arms");
            }
            arms = List.copyOf(arms);
            if (arms.stream().map(Arm::name).distinct().count() != arms.size()) {
                throw new InvalidParameterException("arms", "arm names must be distinct");
            }
        }

        public ExperimentArms assignment() {
            return new ExperimentArms(arms.stream().map(Arm::name).toList(),
                    arms.stream().mapToDouble(Arm::share).toArray());
        }
    }

    private final ExperimentArms arms;
    private final List<Recommender> recommenders;

    public AbSplitRecommender(ExperimentArms arms, List<Recommender> recommenders) {
        if (arms.size() != recommenders.size()) {
            throw new IllegalArgumentException("one recommender per arm");
        }
        this.arms = arms;
        this.recommenders = List.copyOf(recommenders);
    }

    @Override
    public void fit(Interactions all, TrainContext ctx) {
        recommenders.forEach(r -> r.fit(all, ctx));
    }

    @Override
    public void fitFromScratch(Interactions all, TrainContext ctx) {
        recommenders.forEach(r -> r.fitFromScratch(all, ctx));
    }

    @Override
    public void update(Interactions tick, TrainContext ctx) {
        recommenders.forEach(r -> r.update(tick, ctx));
    }

    @Override
    public void observe(SlateBatch shown, Interactions clicks, TrainContext ctx) {
        recommenders.forEach(r -> r.observe(shown, clicks, ctx));
    }

    /** Sum of the arms' versions: changes whenever any arm refits. */
    @Override
    public int modelVersion() {
        int v = 0;
        for (Recommender r : recommenders) {
            v += r.modelVersion();
        }
        return v;
    }

    @Override
    public void recommend(SlateBatch slates, int from, int to, ServeContext ctx) {
        int n = to - from;
        int[] armOf = new int[n];
        int[] count = new int[arms.size()];
        for (int s = 0; s < n; s++) {
            armOf[s] = arms.armOf(ctx.streams(), slates.user(from + s));
            count[armOf[s]]++;
        }
        for (int a = 0; a < arms.size(); a++) {
            if (count[a] == 0) {
                continue;
            }
            int[] idx = new int[count[a]];
            int[] users = new int[count[a]];
            int w = 0;
            for (int s = 0; s < n; s++) {
                if (armOf[s] == a) {
                    idx[w] = from + s;
                    users[w++] = slates.user(from + s);
                }
            }
            SlateBatch sub = new SlateBatch(users, slates.k());
            recommenders.get(a).recommend(sub, 0, users.length, ctx);
            for (int j = 0; j < users.length; j++) {
                for (int p = 0; p < sub.length(j); p++) {
                    byte src = sub.source(j, p);
                    SlateSource source = SlateSource.ofCode(src);
                    slates.set(idx[j], p, sub.item(j, p), sub.score(j, p), sub.propensity(j, p), source);
                }
            }
        }
    }
}
