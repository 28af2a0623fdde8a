package org.recloop.agents.llm;

import java.util.Arrays;
import org.recloop.agents.llm.LlmParams.Agents;
import org.recloop.agents.rule.RuleUserModel;
import org.recloop.core.rng.RandomStreams;
import org.recloop.core.world.Population;

/** Which users of a population an {@link LlmUserModel} drives (the others follow its rule model). */
final class AgentSelection {

    private AgentSelection() {}

    /**
     * The LLM-driven users among {@code [from, to)}: the listed ids (those inside the range; for
     * the users at the start an id outside the population is an error), an archetype's users, or
     * a seeded draw of a fraction of the range.
     */
    static boolean[] select(Agents a, RuleUserModel.Params rule, Population pop, RandomStreams streams, int from,
            int to) {
        int n = to;
        boolean[] chosen = new boolean[n];
        if (a.users() != null) {
            for (int u : a.users()) {
                if (from == 0 && u >= n) {
                    throw new IllegalArgumentException("users.agents.users: user " + u + " is outside the population of "
                            + n + " users");
                }
                if (u >= from && u < to) {
                    chosen[u] = true;
                }
            }
        } else if (a.archetype() != null) {
            int id = LlmParams.archetypeIndex(a.archetype(), rule);
            for (int u = from; u < n; u++) {
                chosen[u] = pop.archetype(u) == id;
            }
        } else {
            int m = (int) Math.round(a.fraction() * (to - from));
            long[] keys = new long[to - from];
            for (int u = from; u < to; u++) {
                long k = (long) (streams.uniform(LlmUserModel.SELECT, u, -1) * (1L << 31));
                keys[u - from] = (k << 32) | u;
            }
            Arrays.sort(keys);
            for (int i = 0; i < m; i++) {
                chosen[(int) (keys[i] & 0xffffffffL)] = true;
            }
        }
        return chosen;
    }


    /**
     * Click probabilities of slates {@code [from, to)}: the rule model's, NaN for the slates of LLM
     * agents, so that the learnability metric reads the rule users of a hybrid population.
     */
    static void ruleUsersOnly(org.recloop.agents.rule.RuleUserModel rule, java.util.function.IntPredicate agent,
            org.recloop.core.react.ReactContext ctx, org.recloop.core.serve.SlateBatch slates, int from, int to,
            float[] out) {
        rule.clickProbabilities(ctx, slates, from, to, out);
        int k = slates.k();
        for (int s = from; s < to; s++) {
            if (agent.test(slates.user(s))) {
                java.util.Arrays.fill(out, s * k, s * k + k, Float.NaN);
            }
        }
    }
}
