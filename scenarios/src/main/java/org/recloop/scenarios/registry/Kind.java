package org.recloop.scenarios.registry;

import org.recloop.core.act.Intervention;
import org.recloop.core.metric.Metric;
import org.recloop.core.react.UserModel;
import org.recloop.core.serve.Recommender;
import org.recloop.core.world.CatalogSource;
import org.recloop.core.world.GraphSource;
import org.recloop.core.world.PopulationSource;

/** The kinds of components a scenario names by {@code type:}. */
public enum Kind {
    CATALOG("catalog", CatalogSource.class),
    POPULATION("population", PopulationSource.class),
    GRAPH("graph", GraphSource.class),
    USER_MODEL("user model", UserModel.class),
    RECOMMENDER("recommender", Recommender.class),
    METRIC("metric", Metric.class),
    INTERVENTION("intervention", Intervention.class);

    private final String label;
    private final Class<?> type;

    Kind(String label, Class<?> type) {
        this.label = label;
        this.type = type;
    }

    public String label() {
        return label;
    }

    public Class<?> type() {
        return type;
    }
}
