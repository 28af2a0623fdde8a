package org.recloop.agents.llm;

import org.apache.commons.rng.UniformRandomProvider;
import org.recloop.agents.rule.MnlUserModel;
import org.recloop.agents.rule.RuleUserModel;
import org.recloop.core.world.Catalog;
import org.recloop.core.world.Population;

/**
 * What opening an item does to an LLM agent, with the rule model's numbers (its {@code rule:}
 * section): the true utility of the item, the completion of the consumption and the preference
 * drift. An LLM agent chooses what to open; how much it then consumes and how its taste moves follow
 * the same ground truth as for rule agents, so the two kinds of users stay comparable.
 */
final class Consumption {

    private final RuleUserModel.Params rule;
    /** Choice sensitivity per archetype (the rule model's {@code beta}). */
    private final double[] beta;
    /** Preference drift per consumption, per archetype. */
    private final float[] drift;

    Consumption(RuleUserModel.Params rule) {
        this.rule = rule;
        int arch = Math.max(1, rule.archetypes().size());
        beta = new double[arch];
        drift = new float[arch];
        for (int i = 0; i < arch; i++) {
            RuleUserModel.Archetype t = rule.archetypes().isEmpty() ? null : rule.archetypes().get(i);
            beta[i] = t != null && t.beta() != null ? t.beta() : rule.choice().beta();
            drift[i] = (float) (t != null && t.driftRate() != null ? t.driftRate().doubleValue() : rule.driftRate().doubleValue());
        }
    }

    /** The archetype whose numbers apply to user u (0 when the population has none). */
    int archetype(Population pop, int u) {
        return pop.archetype(u) >= 0 && pop.archetype(u) < beta.length ? pop.archetype(u) : 0;
    }

    /** The true utility of an item for user u: preference · features + qualityWeight · quality. */
    double utility(Catalog catalog, float[] prefs, int u, int dim, int item) {
        return catalog.dot(item, prefs, u * dim) + rule.qualityWeight() * catalog.quality(item);
    }

    /** σ(β · (utility − noClickUtility)): the rule model's probability of opening the item. */
    double appeal(int arch, double util) {
        return sigmoid(beta[arch] * (util - rule.choice().noClickUtility()));
    }

    /** The completion of a consumption: {@code appeal · (0.75 + 0.5 · uniform)}, at most 1; one draw. */
    static float completion(double appeal, UniformRandomProvider rng) {
        return (float) Math.min(1.0, appeal * (0.75 + 0.5 * rng.nextDouble()));
    }

    /** User u's preference drifts toward the consumed item, as in the rule model. */
    void drift(Population pop, Catalog catalog, int u, int item, int arch) {
        int dim = pop.dim();
        MnlUserModel.drift(pop.preferences(), u * dim, catalog.features(), item * dim, dim, drift[arch]);
    }

    private static double sigmoid(double x) {
        return 1 / (1 + Math.exp(-x));
    }
}
