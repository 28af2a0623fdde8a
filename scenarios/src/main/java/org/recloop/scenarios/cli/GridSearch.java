package org.recloop.scenarios.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.recloop.analysis.offline.Evaluator;
import org.recloop.analysis.offline.Split;
import org.recloop.core.serve.Recommender;
import org.recloop.core.world.Catalog;
import org.recloop.scenarios.registry.Component;
import org.recloop.scenarios.registry.Kind;
import org.recloop.scenarios.registry.Registry;
import org.recloop.scenarios.schema.FieldException;

/**
 * {@code evaluate --grid 'bpr.factors=32,64 bpr.epochs=20,30'}: a grid search per algorithm on a
 * validation split cut from the training data, never from the test split, so the test score of
 * the chosen setting stays an honest estimate.
 *
 * <p>Terms are separated by spaces; each is {@code TYPE.PARAM=V1,V2,...} (values read as YAML
 * scalars). Every algorithm of {@code --algorithms} whose type has terms gets the cartesian product
 * of their values (the last term varying fastest) over its own spec. The validation split applies
 * the evaluation's split method, test fraction and seed to the training interactions; every
 * setting is fitted on the rest and scored there; the setting with the highest {@code ndcg} at
 * the smallest cutoff wins (ties: the first in grid order) and is then fitted on the whole
 * training data and scored on the test split like any other algorithm.
 */
final class GridSearch {

    /** The settings to try for one algorithm, in grid order. */
    record Plan(String type, List<EvaluatedAlgorithms.Labelled> settings) {}

    /** The validation rows of every setting, and the chosen one. */
    record Outcome(List<Evaluator.Row> validation, EvaluatedAlgorithms.Labelled chosen, double score) {}

    private GridSearch() {}

    /**
     * The plans for {@code algorithms}, index-aligned (null for an algorithm without terms). Every
     * setting is resolved here, before any data is read.
     *
     * @throws FieldException naming {@code --grid} and the bad term or parameter
     */
    static List<Plan> plan(String grid, List<EvaluatedAlgorithms.Labelled> algorithms, ObjectMapper mapper,
            Registry registry) {
        Map<String, Map<String, List<JsonNode>>> terms = terms(grid, mapper);
        for (String type : terms.keySet()) {
            if (algorithms.stream().noneMatch(a -> a.component().type().equals(type))) {
                throw new FieldException("--grid", "'" + type + "' is not the type of any of --algorithms");
            }
        }
        List<Plan> plans = new ArrayList<>();
        for (EvaluatedAlgorithms.Labelled a : algorithms) {
            Map<String, List<JsonNode>> t = terms.get(a.component().type());
            if (t == null) {
                plans.add(null);
                continue;
            }
            List<ObjectNode> specs = new ArrayList<>(List.of(a.component().resolved().deepCopy()));
            for (Map.Entry<String, List<JsonNode>> term : t.entrySet()) {
                List<ObjectNode> next = new ArrayList<>();
                for (ObjectNode s : specs) {
                    for (JsonNode v : term.getValue()) {
                        ObjectNode n = s.deepCopy();
                        n.set(term.getKey(), v);
                        next.add(n);
                    }
                }
                specs = next;
            }
            List<EvaluatedAlgorithms.Labelled> settings = new ArrayList<>();
            for (ObjectNode s : specs) {
                Component<Recommender> c = registry.resolve(Kind.RECOMMENDER, s, "--grid." + a.component().type());
                settings.add(new EvaluatedAlgorithms.Labelled(EvaluatedAlgorithms.label(registry, c), c));
            }
            plans.add(new Plan(a.component().type(), settings));
        }
        return plans;
    }

    /** type -> param -> values, in the order given. */
    private static Map<String, Map<String, List<JsonNode>>> terms(String grid, ObjectMapper mapper) {
        Map<String, Map<String, List<JsonNode>>> terms = new LinkedHashMap<>();
        String[] parts = grid.strip().split("\\s+");
        if (grid.isBlank()) {
            throw new FieldException("--grid", "is empty; expected TYPE.PARAM=V1,V2,... terms separated by spaces");
        }
        for (String term : parts) {
            int eq = term.indexOf('=');
            int dot = term.indexOf('.');
            if (eq < 0 || dot <= 0 || dot > eq - 2 || eq == term.length() - 1) {
                throw new FieldException("--grid", "'" + term + "' is not TYPE.PARAM=V1,V2,... (e.g. bpr.factors=32,64)");
            }
            String type = term.substring(0, dot);
            String param = term.substring(dot + 1, eq);
            List<JsonNode> values = new ArrayList<>();
            for (String v : term.substring(eq + 1).split(",")) {
                if (v.isBlank()) {
                    throw new FieldException("--grid", "'" + term + "' has an empty value");
                }
                try {
                    values.add(mapper.readTree(v));
                } catch (JsonProcessingException e) {
                    throw new FieldException("--grid", "'" + term + "': cannot read value '" + v + "'");
                }
            }
            Map<String, List<JsonNode>> byParam = terms.computeIfAbsent(type, x -> new LinkedHashMap<>());
            if (byParam.put(param, values) != null) {
                throw new FieldException("--grid", "'" + type + "." + param + "' is given twice");
            }
        }
        return terms;
    }

    /**
     * Scores every setting of {@code plan} on {@code validation} and picks the best by ndcg at the
     * smallest cutoff.
     */
    static Outcome run(Plan plan, Split.Result validation, Catalog catalog, Evaluator ev) {
        int k = ev.options().ks().get(0);
        List<Evaluator.Row> rows = new ArrayList<>();
        EvaluatedAlgorithms.Labelled best = null;
        double bestScore = Double.NEGATIVE_INFINITY;
        for (EvaluatedAlgorithms.Labelled s : plan.settings()) {
            List<Evaluator.Row> r = ev.evaluate(validation, catalog,
                    new Evaluator.Algorithm(s.label(), s.component().factory()));
            rows.addAll(r);
            double score = ndcg(r, k);
            if (best == null || score > bestScore) {
                best = s;
                bestScore = score;
            }
        }
        return new Outcome(rows, best, bestScore);
    }

    /** ndcg@k of one algorithm's rows (NaN if absent). */
    static double ndcg(List<Evaluator.Row> rows, int k) {
        for (Evaluator.Row r : rows) {
            if (r.metric().equals("ndcg") && r.k() == k) {
                return r.value();
            }
        }
        return Double.NaN;
    }
}
