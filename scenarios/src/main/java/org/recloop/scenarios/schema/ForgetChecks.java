package org.recloop.scenarios.schema;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Set;
import org.recloop.core.act.Intervention;
import org.recloop.core.world.PopulationSource;
import org.recloop.scenarios.registry.Component;

/**
 * Forget requests that name users who can never exist, refused before any run folder exists.
 * When the population's size is known at load (generated populations), the users a run can have
 * by a request's tick are the population plus every account opened at or before that tick
 * ({@code add-users} count, {@code attack} accounts); an id at or above that bound names nobody.
 * Populations read from files are checked when the request is applied.
 */
final class ForgetChecks {

    private static final Set<String> SIZED = Set.of("synthetic", "dirichlet", "chaney");

    private ForgetChecks() {}

    static void check(Component<PopulationSource> population, List<Component<Intervention>> interventions,
            ScenarioProblems problems) {
        if (population == null || !SIZED.contains(population.type())) {
            return;
        }
        int initial = population.resolved().path("users").asInt(-1);
        if (initial < 0) {
            return;
        }
        for (int i = 0; i < interventions.size(); i++) {
            Component<Intervention> iv = interventions.get(i);
            if (iv == null || !iv.type().equals("forget") || iv.resolved().path("scope").asText().equals("items")) {
                continue;
            }
            int at = iv.resolved().path("at").asInt();
            long bound = initial + opened(interventions, at);
            JsonNode ids = iv.resolved().path("ids");
            for (int k = 0; k < ids.size(); k++) {
                if (ids.get(k).asLong() >= bound) {
                    problems.add("interventions[" + i + "].ids[" + k + "]", "user " + ids.get(k).asLong()
                            + " can never exist: by tick " + at + " the run has at most " + bound + " users (ids 0.."
                            + (bound - 1) + ")");
                }
            }
        }
    }

    /** Accounts opened by interventions at or before {@code tick}. */
    private static long opened(List<Component<Intervention>> interventions, int tick) {
        long n = 0;
        for (Component<Intervention> iv : interventions) {
            if (iv == null || iv.resolved().path("at").asInt() > tick) {
                continue;
            }
            if (iv.type().equals("add-users")) {
                n += iv.resolved().path("count").asLong();
            } else if (iv.type().equals("attack")) {
                n += iv.resolved().path("accounts").asLong();
            }
        }
        return n;
    }
}
