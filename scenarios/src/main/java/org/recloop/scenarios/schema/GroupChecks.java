package org.recloop.scenarios.schema;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.recloop.core.act.Intervention;
import org.recloop.core.react.UserGroupModel;
import org.recloop.core.react.UserModel;
import org.recloop.scenarios.registry.Component;

/**
 * User groups that a run could not make, refused before any run folder exists instead of at the
 * intervention's tick. The interventions are replayed in the order the run applies them (by tick,
 * then as listed), keeping for each group whether its model answers for one group of users
 * ({@link UserGroupModel}), as {@code UserGroups} requires when it applies them: the model of
 * {@code add-users} or {@code set-group} must, every group's model must when accounts are opened
 * ({@code add-users}, {@code attack}), and a {@code set-group} must name a group that exists by
 * then. A model that wraps another ({@code feed-commands}, {@code conversational}) keeps state for
 * every user and cannot answer for one group. The check asks fresh instances made from the resolved
 * components (their constructors only keep their parameters; nothing is initialised).
 */
final class GroupChecks {

    private GroupChecks() {}

    /** An intervention with its place in the file and the user models it brings in (made once). */
    private record Planned(int index, Component<Intervention> component, Intervention made, List<UserModel> models) {
        String path() {
            return "interventions[" + index + "]";
        }

        String name() {
            return path() + " (" + component.type() + " at tick " + made.tick() + ")";
        }
    }

    static void check(Component<UserModel> users, List<Component<Intervention>> interventions, ScenarioProblems problems) {
        List<Planned> order = new ArrayList<>();
        for (int i = 0; i < interventions.size(); i++) {
            if (interventions.get(i) != null) {
                Intervention made = interventions.get(i).create();
                order.add(new Planned(i, interventions.get(i), made, made.userModels()));
            }
        }
        if (order.isEmpty()) {
            return; // the users model is not made for nothing
        }
        order.sort(Comparator.comparingInt(p -> p.made().tick())); // stable: as listed within a tick
        // per group: whether its current model answers for one group; group 0 starts with `users`
        List<Boolean> groups = new ArrayList<>();
        groups.add(users == null || users.create() instanceof UserGroupModel);
        boolean startModel = true; // group 0 still has the scenario's users model
        for (Planned p : order) {
            boolean fits = checkModels(p, problems);
            if (p.made().addsUsers()) {
                if (startModel && !groups.get(0)) {
                    problems.add("users", "user model '" + users.type() + "' cannot answer for the users at the start"
                            + " next to the accounts that " + p.name() + " opens: it keeps state for every user (a model"
                            + " wrapping another); use a model that answers for one group (e.g. mnl, rule or llm), or"
                            + " give group 0 one with a set-group before");
                    return;
                }
                groups.add(fits);
            } else if (p.component().type().equals("set-group")) {
                int group = p.component().resolved().path("group").asInt(0);
                if (group >= groups.size()) {
                    problems.add(p.path() + ".group", "no user group " + group + " by tick " + p.made().tick()
                            + ": the groups then are 0.." + (groups.size() - 1)
                            + " (0 = the users at the start, then one per add-users or attack, in tick order)");
                } else if (!p.models().isEmpty()) {
                    groups.set(group, fits);
                    startModel &= group != 0;
                }
            }
        }
    }

    /** Whether every model {@code p} brings in answers for one group; a problem names each that does not. */
    private static boolean checkModels(Planned p, ScenarioProblems problems) {
        boolean all = true;
        JsonNode spec = p.component().resolved().path("model");
        for (UserModel m : p.models()) {
            if (!(m instanceof UserGroupModel)) {
                all = false;
                problems.add(p.path() + ".model", "user model '" + (spec.isTextual() ? spec.asText()
                        : spec.path("type").asText()) + "' cannot answer for one group of users: it keeps state"
                        + " for every user (a model wrapping another); give the model it wraps, e.g. mnl, rule or llm");
            }
        }
        return all;
    }
}
