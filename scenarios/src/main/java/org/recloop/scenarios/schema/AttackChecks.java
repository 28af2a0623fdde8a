package org.recloop.scenarios.schema;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.recloop.core.act.Intervention;
import org.recloop.core.world.CatalogSource;
import org.recloop.scenarios.registry.Component;

/**
 * Checks of attacks that need the whole scenario, before any run folder exists: the attack window
 * lies inside the run, and target items exist in a catalog whose size is known at load (the
 * {@code synthetic} catalog; other catalogs are checked when the accounts join). Covers the
 * {@code attack} intervention and {@code add-users} with an {@code attack} user model.
 */
final class AttackChecks {

    private AttackChecks() {}

    static void check(Scenario s, Component<CatalogSource> catalog, List<Component<Intervention>> interventions,
            ScenarioProblems problems) {
        int items = catalog != null && catalog.type().equals("synthetic")
                ? catalog.resolved().path("items").asInt(-1) : -1;
        for (int i = 0; i < interventions.size(); i++) {
            Component<Intervention> iv = interventions.get(i);
            if (iv == null) {
                continue;
            }
            String path = "interventions[" + i + "]";
            JsonNode attack = null;
            if (iv.type().equals("attack")) {
                attack = iv.resolved();
            } else if (iv.type().equals("add-users") && iv.resolved().path("model").path("type").asText().equals("attack")) {
                attack = iv.resolved().path("model");
                path += ".model";
            }
            if (attack != null) {
                check(s, items, attack, path, problems);
            }
        }
    }

    private static void check(Scenario s, int items, JsonNode attack, String path, ScenarioProblems problems) {
        JsonNode end = attack.path("end");
        if (end.isInt() && end.asInt() >= s.ticks()) {
            problems.add(path + ".end", "the attack window must end inside the run: below ticks (" + s.ticks()
                    + "), was " + end.asInt());
        }
        int start = attack.path("start").asInt(0);
        if (start >= s.ticks()) {
            problems.add(path + ".start", "the attack window must start inside the run: below ticks (" + s.ticks()
                    + "), was " + start);
        }
        if (items > 0) {
            JsonNode targets = attack.path("targets");
            for (int t = 0; t < targets.size(); t++) {
                if (targets.get(t).asInt() >= items) {
                    problems.add(path + ".targets[" + t + "]", "item " + targets.get(t).asInt()
                            + " is not in the synthetic catalog of " + items + " items (ids 0.." + (items - 1) + ")");
                }
            }
        }
    }
}
