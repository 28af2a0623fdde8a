package org.recloop.agents.llm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.recloop.agents.rule.RuleUserModel;
import org.recloop.core.serve.SlateBatch;

/**
 * An LLM-hybrid population states click probabilities for its rule users (the rule model's,
 * exactly) and none for its LLM agents, so the learnability metric reads the rule users of
 * llm-hybrid scenarios instead of NaN.
 */
class LlmClickProbabilitiesTest {

    private static final String RULE = "{\"satiation\": {\"weight\": 0.3, \"recovery\": 0.7}}";

    @Test
    void ruleUsersGetTheRuleModelsProbabilitiesAndAgentsNone() {
        // no server is asked: stating probabilities calls no model
        LlmRig rig = new LlmRig(120, 60, 5, 3, LlmRig.model("{\"agents\": {\"users\": [0, 7, 50]}, \"rule\": " + RULE
                + ", \"provider\": {\"baseUrl\": \"http://127.0.0.1:9/v1\", \"model\": \"m\"},"
                + " \"memory\": {\"embeddings\": false}}", Map.of()));
        LlmRig twin = LlmRig.ruleTwin(120, 60, 5, 3, LlmRig.params("{\"rule\": " + RULE + "}").rule());
        SlateBatch slates = rig.slates(0);
        float[] hybrid = new float[slates.size() * slates.k()];
        float[] rule = new float[hybrid.length];
        ((LlmUserModel) rig.model).clickProbabilities(rig.ctx(0), slates, 0, slates.size(), hybrid);
        ((RuleUserModel) twin.model).clickProbabilities(twin.ctx(0), twin.slates(0), 0, slates.size(), rule);
        int k = slates.k();
        int agents = 0;
        for (int s = 0; s < slates.size(); s++) {
            int u = slates.user(s);
            for (int r = 0; r < k; r++) {
                if (u == 0 || u == 7 || u == 50) {
                    assertThat(hybrid[s * k + r]).as("agent %d", u).isNaN();
                } else {
                    assertThat(hybrid[s * k + r]).as("user %d position %d", u, r).isEqualTo(rule[s * k + r]);
                    assertThat(rule[s * k + r]).isBetween(0f, 1f);
                }
            }
            agents += u == 0 || u == 7 || u == 50 ? 1 : 0;
        }
        assertThat(agents).isEqualTo(3);
    }
}
