package org.recloop.scenarios.gui;

/** Small scenarios for the GUI tests: a social one, so the follow graph and social feed are drawn. */
final class GuiScenarios {
    private GuiScenarios() {}

    static String social(String name, int users, int items, int ticks) {
        return """
                name: %s
                seed: 11
                ticks: %d
                slateSize: 10
                world:
                  catalog: {type: synthetic, items: %d, dimensions: 8, topics: 8}
                  population: {type: synthetic, users: %d, meanActivity: 0.5}
                  graph: {type: preferential-attachment, follows: 5}
                feed: {socialShare: 0.3, window: 5}
                users:
                  type: rule
                  choice: {model: mnl, beta: 5.0, noClickUtility: 0.4, positionDecay: 0.7}
                  driftRate: 0.05
                  actions: {like: 0.4, share: 0.1, follow: 0.05, post: 0.02}
                  archetypes:
                    - {name: casual, share: 0.6}
                    - {name: explorer, share: 0.25, beta: 3.0}
                    - {name: creator, share: 0.15, activityScale: 1.5}
                recommender: {type: als, factors: 8, iterations: 3}
                learn: {retrainEvery: 3}
                metrics: [ctr, coverage, gini-exposure, homogenization]
                """.formatted(name, ticks, items, users);
    }
}
