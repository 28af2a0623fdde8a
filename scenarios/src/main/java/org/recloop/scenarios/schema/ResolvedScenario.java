package org.recloop.scenarios.schema;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.recloop.core.act.Intervention;
import org.recloop.core.metric.Metric;
import org.recloop.core.react.UserModel;
import org.recloop.core.serve.Recommender;
import org.recloop.core.world.CatalogSource;
import org.recloop.core.world.GraphSource;
import org.recloop.core.world.PopulationSource;
import org.recloop.scenarios.registry.Component;
import org.recloop.scenarios.registry.InputFiles;

/**
 * A scenario whose every component has been resolved and validated: ready to run.
 *
 * @param file the file it came from, as given (for messages)
 * @param text the file's text, stored in the run's database
 * @param scenario the parsed top level
 * @param catalog catalog source
 * @param population population source
 * @param graph follow-graph source
 * @param users user model
 * @param recommender recommender
 * @param metrics online metrics in output order
 * @param interventions scheduled interventions
 * @param resolved the whole scenario with defaults filled in
 * @param inputs the data files its components name (for the run's provenance)
 */
public record ResolvedScenario(String file, String text, Scenario scenario, Component<CatalogSource> catalog,
        Component<PopulationSource> population, Component<GraphSource> graph, Component<UserModel> users, Component<Recommender> recommender,
        List<Component<Metric>> metrics, List<Component<Intervention>> interventions, ObjectNode resolved,
        InputFiles inputs) {

    /**
     * Whether the file itself names {@code log.store}: {@link #resolved} and the parsed {@code log}
     * carry the default when it does not, and a store set on the command line (or by an engine)
     * gives way only to one the file names.
     */
    public boolean namesLogStore() {
        try {
            return ScenarioLoader.newMapper().readTree(text).path("log").has("store");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(file + ": cannot read its text again", e); // it was read once
        }
    }
}
