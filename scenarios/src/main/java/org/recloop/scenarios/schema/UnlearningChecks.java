package org.recloop.scenarios.schema;

import java.util.List;
import org.recloop.core.act.Intervention;
import org.recloop.core.serve.Recommender;
import org.recloop.core.serve.Unlearner;
import org.recloop.core.serve.UnlearningMethod;
import org.recloop.scenarios.registry.Component;

/**
 * Checks of {@code forget} requests that need the whole scenario, before any run folder exists:
 * an unlearning method other than exact must be one the scenario's recommender can do (asked of
 * an instance made for the check, through {@link Unlearner#canUnlearn}, so the answer is the
 * recommender's own and not a second list kept here). A request after a {@code
 * switch-recommender} is checked when it is carried out instead (the kernel refuses it with the
 * same reason), since the recommender serving then is another one.
 */
final class UnlearningChecks {

    private UnlearningChecks() {}

    static void check(Component<Recommender> recommender, List<Component<Intervention>> interventions,
            ScenarioProblems problems) {
        if (recommender == null) {
            return;
        }
        Recommender instance = null;
        for (int i = 0; i < interventions.size(); i++) {
            Component<Intervention> iv = interventions.get(i);
            if (iv == null || !iv.type().equals("forget")) {
                continue;
            }
            String method = iv.resolved().path("method").asText(UnlearningMethod.EXACT.id());
            UnlearningMethod m = UnlearningMethod.of(method); // validated by the component's Params
            if (m == UnlearningMethod.EXACT || switchedBefore(interventions, i, iv.resolved().path("at").asInt())) {
                continue;
            }
            if (instance == null) {
                instance = recommender.create();
            }
            if (!Unlearner.canUnlearn(instance, m)) {
                problems.add("interventions[" + i + "].method", "the recommender '" + recommender.type()
                        + "' cannot unlearn by method " + m.id() + " (" + supported(instance) + ")");
            }
        }
    }

    private static boolean switchedBefore(List<Component<Intervention>> interventions, int index, int at) {
        for (int j = 0; j < interventions.size(); j++) {
            Component<Intervention> iv = interventions.get(j);
            if (iv != null && iv.type().equals("switch-recommender")) {
                int when = iv.resolved().path("at").asInt();
                if (when < at || (when == at && j < index)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static String supported(Recommender r) {
        StringBuilder b = new StringBuilder("it can: exact");
        for (UnlearningMethod m : UnlearningMethod.values()) {
            if (m != UnlearningMethod.EXACT && Unlearner.canUnlearn(r, m)) {
                b.append(", ").append(m.id());
            }
        }
        return b + "; sharded needs a sharded recommender, finetune an als or bpr one";
    }
}
