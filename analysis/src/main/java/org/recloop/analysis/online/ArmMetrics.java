package org.recloop.analysis.online;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.recloop.core.config.InvalidParameterException;
import org.recloop.core.metric.Metric;
import org.recloop.core.metric.TickView;
import org.recloop.core.react.EventBuffer;
import org.recloop.core.react.EventType;
import org.recloop.core.serve.ExperimentArms;
import org.recloop.core.serve.SlateBatch;

/**
 * Per-arm outcomes of an A/B test inside one run (users assigned by {@link ExperimentArms}):
 * {@code sessions@arm}, {@code ctr@arm} (slate clicks / exposures of the arm's sessions) and
 * {@code utility_per_session@arm} (true utility of the arm's clicks / its sessions).
 */
public final class ArmMetrics implements Metric {

    /** @param name arm label; @param share relative share (as in the ab-split recommender) */
    public record Arm(String name, Double share) {}

    /** @param arms the arms, with the same names and shares as the recommender's */
    public record Params(List<Arm> arms) {
        public Params {
            if (arms == null || arms.isEmpty()) {
                throw new InvalidParameterException("arms", "is required");
            }
            arms = List.copyOf(arms);
        }
    }

    private final ExperimentArms arms;
    private final List<String> names = new ArrayList<>();

    public ArmMetrics(Params p) {
        this.arms = new ExperimentArms(p.arms().stream().map(Arm::name).toList(),
                p.arms().stream().mapToDouble(a -> a.share() == null ? 1.0 : a.share()).toArray());
        for (String a : arms.names()) {
            names.add("sessions@" + a);
            names.add("ctr@" + a);
            names.add("utility_per_session@" + a);
        }
    }

    @Override
    public List<String> names() {
        return names;
    }

    @Override
    public void observe(TickView view, Map<String, Double> out) {
        int m = arms.size();
        long[] sessions = new long[m];
        long[] exposures = new long[m];
        long[] clicks = new long[m];
        double[] utility = new double[m];
        SlateBatch slates = view.slates();
        int[] armOfSlate = new int[slates.size()];
        for (int s = 0; s < slates.size(); s++) {
            int a = arms.armOf(view.streams(), slates.user(s));
            armOfSlate[s] = a;
            sessions[a]++;
            exposures[a] += slates.length(s);
        }
        EventBuffer ev = view.events();
        for (int i = 0; i < ev.size(); i++) {
            if (ev.is(i, EventType.CLICK) && ev.slate(i) >= 0) {
                int a = armOfSlate[ev.slate(i)];
                clicks[a]++;
                utility[a] += ev.value(i);
            }
        }
        for (int a = 0; a < m; a++) {
            String n = arms.names().get(a);
            out.put("sessions@" + n, (double) sessions[a]);
            out.put("ctr@" + n, exposures[a] == 0 ? Double.NaN : (double) clicks[a] / exposures[a]);
            out.put("utility_per_session@" + n, sessions[a] == 0 ? Double.NaN : utility[a] / sessions[a]);
        }
    }
}
