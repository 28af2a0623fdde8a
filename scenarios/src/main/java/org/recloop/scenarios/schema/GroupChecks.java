package org.recloop.scenarios.schema;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.recloop.core.act.Intervention;
import org.recloop.core.react.UserGroupModel;
import org.recloop.core.react.UserModel;
import org.recloop.scenarios.registry.Component;

/**
 * User groups that a run could not make, refused before any run folder exists instead of at the
 * intervention's tick: the model of {@code add-users} or {@code set-group} must answer for one
 * group of users ({@link UserGroupModel}), and so must the run's {@code users} model when an
 * intervention opens accounts beside them ({@code add-users}, {@code attack}). A model that wraps
 * another ({@code feed-commands}, {@code conversational}) keeps state for every user and cannot.
 * The check asks fresh instances made from the resolved components (their constructors only keep
 * their parameters; nothing is initialised).
 */
final class GroupChecks {

    private GroupChecks() {}

    static void check(Component<UserModel> users, List<Component<Intervention>> interventions, ScenarioProblems problems) {
        String opener = null;
        for (int i = 0; i < interventions.size(); i++) {
            Component<Intervention> c = interventions.get(i);
            if (c == null) {
                continue;
            }
            Intervention iv = c.create();
            String path = "interventions[" + i + "]";
            if (iv.addsUsers() && opener == null) {
                opener = path + " (" + c.type() + " at tick " + iv.tick() + ")";
            }
            JsonNode spec = c.resolved().path("model");
            if (!spec.isMissingNode() && !spec.isNull()) {
                for (UserModel m : iv.userModels()) {
                    if (!(m instanceof UserGroupModel)) {
                        problems.add(path + ".model", "user model '" + (spec.isTextual() ? spec.asText()
                                : spec.path("type").asText()) + "' cannot answer for one group of users: it keeps state for every user"
                                + " (a model wrapping another); give the model it wraps, e.g. mnl, rule or llm");
                    }
                }
            }
        }
        if (opener != null && users != null && !(users.create() instanceof UserGroupModel)) {
            problems.add("users", "user model '" + users.type() + "' cannot answer for the users at the start next to"
                    + " the accounts that " + opener + " opens: it keeps state for every user (a model wrapping"
                    + " another); use a model that answers for one group (e.g. mnl, rule or llm) or no add-users/attack");
        }
    }
}
