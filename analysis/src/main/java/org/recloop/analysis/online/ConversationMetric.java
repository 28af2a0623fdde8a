package org.recloop.analysis.online;

import java.util.List;
import java.util.Map;
import org.recloop.core.capability.Capabilities;
import org.recloop.core.lm.ConversationBoard;
import org.recloop.core.metric.Metric;
import org.recloop.core.metric.TickView;

/**
 * {@code conversation}: the tick's conversations with a conversational recommender, in the style
 * of iEvaLM, from what the conversational user model posted on the run's {@link ConversationBoard}.
 * Values (NaN when the tick had no conversation, or none succeeded for the turns):
 * <ul>
 *   <li>{@code conv_recall_at_k}: share of conversations whose accepted item is among the user's
 *       true top k unconsumed items (k = the model's {@code recallK}; one accepted item at most,
 *       so recall@k of the accepted items against the user's ground-truth top k);</li>
 *   <li>{@code conv_acceptance}: share of conversations that ended with an accepted item;</li>
 *   <li>{@code conv_turns_to_success}: mean exchanges of the accepted conversations;</li>
 *   <li>{@code conv_rating}: mean rating 1 to 5 the users gave (LLM users say it; rule users'
 *       follows the accepted item's true rank).</li>
 * </ul>
 */
public final class ConversationMetric implements Metric {

    public static final String RECALL = "conv_recall_at_k";
    public static final String ACCEPTANCE = "conv_acceptance";
    public static final String TURNS = "conv_turns_to_success";
    public static final String RATING = "conv_rating";

    private final Capabilities capabilities;

    public ConversationMetric(Capabilities capabilities) {
        this.capabilities = capabilities;
    }

    @Override
    public List<String> names() {
        return List.of(RECALL, ACCEPTANCE, TURNS, RATING);
    }

    @Override
    public void observe(TickView view, Map<String, Double> out) {
        List<ConversationBoard.Ended> all = capabilities.capability(ConversationBoard.class)
                .map(b -> b.of(view.tick())).orElse(List.of());
        int n = all.size();
        int hits = 0;
        int accepted = 0;
        double turns = 0;
        double rating = 0;
        for (ConversationBoard.Ended e : all) {
            hits += e.hit() ? 1 : 0;
            rating += e.rating();
            if (e.accepted() >= 0) {
                accepted++;
                turns += e.turns();
            }
        }
        out.put(RECALL, n == 0 ? Double.NaN : (double) hits / n);
        out.put(ACCEPTANCE, n == 0 ? Double.NaN : (double) accepted / n);
        out.put(TURNS, accepted == 0 ? Double.NaN : turns / accepted);
        out.put(RATING, n == 0 ? Double.NaN : rating / n);
    }
}
