package org.recloop.scenarios.fit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.recloop.analysis.offline.Evaluator;
import org.recloop.analysis.offline.Split;
import org.recloop.core.serve.Interactions;
import org.recloop.core.serve.Recommender;
import org.recloop.scenarios.registry.Component;
import org.recloop.scenarios.registry.Kind;
import org.recloop.scenarios.registry.Registry;
import org.recloop.scenarios.registry.StandardComponents;
import org.recloop.scenarios.schema.ScenarioLoader;

/**
 * The offline accuracy of classic recommenders on the real file and on the fitted world's log, as
 * {@code recloop evaluate} measures it (random 80/20 split, full ranking, nDCG@10, defaults of each
 * recommender): a fitted world whose log is to stand in for the real data should rank them the
 * same way, in particular most-popular below the personalised ones.
 *
 * @param algorithms the recommenders, in the order evaluated
 * @param real nDCG@10 of each on the real file
 * @param simulated nDCG@10 of each on the simulated log
 */
record AccuracyOrdering(List<String> algorithms, Map<String, Double> real, Map<String, Double> simulated) {

    static final List<String> ALGORITHMS = List.of("most-popular", "item-knn", "als", "ease");
    static final int K = 10;

    static AccuracyOrdering of(Interactions real, Interactions simulated, long seed) {
        ObjectMapper mapper = ScenarioLoader.newMapper();
        Registry registry = StandardComponents.registry(mapper);
        Map<String, Double> r = new LinkedHashMap<>();
        Map<String, Double> s = new LinkedHashMap<>();
        for (String name : ALGORITHMS) {
            Component<Recommender> c = registry.resolve(Kind.RECOMMENDER, TextNode.valueOf(name), "algorithm");
            r.put(name, ndcg(real, name, c, seed));
            s.put(name, ndcg(simulated, name, c, seed));
        }
        return new AccuracyOrdering(ALGORITHMS, r, s);
    }

    private static double ndcg(Interactions data, String name, Component<Recommender> c, long seed) {
        Evaluator ev = new Evaluator(Evaluator.Options.of(List.of(K), seed));
        Split.Result split = Split.random(data, 0.2, seed);
        for (Evaluator.Row row : ev.evaluate(split, null, new Evaluator.Algorithm(name, c.factory()))) {
            if (row.metric().equals("ndcg") && row.k() == K) {
                return row.value();
            }
        }
        return Double.NaN;
    }

    /** The algorithms from worst to best by {@code scores}. */
    static List<String> ranking(Map<String, Double> scores) {
        List<String> names = new ArrayList<>(scores.keySet());
        names.sort((a, b) -> Double.compare(scores.get(a), scores.get(b)));
        return names;
    }

    /** True when most-popular is below every other algorithm on the simulated log, as the check asks. */
    boolean popularBelowPersonalised(Map<String, Double> scores) {
        double pop = scores.get("most-popular");
        return scores.entrySet().stream().filter(e -> !e.getKey().equals("most-popular"))
                .allMatch(e -> e.getValue() > pop);
    }

    /** True when the simulated log ranks the algorithms exactly as the real file does. */
    boolean sameRanking() {
        return ranking(real).equals(ranking(simulated));
    }
}
