package org.recloop.scenarios.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.recloop.scenarios.TestScenarios;

/**
 * User groups a run could not make are refused at load, naming the field, instead of failing the
 * run at the intervention's tick (as they did: {@code UserGroups} refused them only when applied).
 */
class GroupChecksTest {

    private static final String COMMANDS = "{type: feed-commands, users: {type: mnl}}";

    private static String scenario(String users, String... interventions) {
        return TestScenarios.small("groups", 100, 50, 10, "random", 2).replace("users: {type: mnl}", "users: " + users)
                + "interventions:\n  - " + String.join("\n  - ", interventions) + "\n";
    }

    private static List<String> problems(String yaml) {
        try {
            new ScenarioLoader().parse(yaml, "groups.yaml");
        } catch (ScenarioException e) {
            return e.problems().stream().map(p -> p.path() + ": " + p.reason()).toList();
        }
        throw new AssertionError("scenario was accepted:\n" + yaml);
    }

    @Test
    void groupModelsAreAccepted() {
        new ScenarioLoader().parse(scenario("{type: mnl}", "{type: add-users, at: 2, count: 5, model: {type: rule}}"), "a.yaml");
        new ScenarioLoader().parse(scenario("{type: rule}", "{type: set-group, at: 2, model: mnl}"), "a.yaml");
        new ScenarioLoader().parse(scenario("{type: mnl}", "{type: attack, at: 2, accounts: 5, targets: [3]}"), "a.yaml");
        // a wrapping model may serve the whole run when no intervention opens accounts beside it
        new ScenarioLoader().parse(scenario(COMMANDS, "{type: set-group, at: 2, activityScale: 2.0}"), "a.yaml");
    }

    @Test
    void aWrappingModelForNewAccountsOrAGroupIsNamed() {
        assertThat(problems(scenario("{type: mnl}", "{type: add-users, at: 2, count: 5, model: " + COMMANDS + "}")))
                .singleElement().asString().startsWith("interventions[0].model: user model 'feed-commands' cannot answer"
                        + " for one group of users");
        assertThat(problems(scenario("{type: mnl}", "{type: set-group, at: 2, model: " + COMMANDS + "}")))
                .singleElement().asString().startsWith("interventions[0].model: user model 'feed-commands'");
    }

    @Test
    void aWrappingRunModelBesideOpenedAccountsIsNamed() {
        assertThat(problems(scenario(COMMANDS, "{type: attack, at: 4, accounts: 5, targets: [3]}")))
                .singleElement().asString().startsWith("users: user model 'feed-commands' cannot answer for the users"
                        + " at the start next to the accounts that interventions[0] (attack at tick 4) opens");
        assertThat(problems(scenario(COMMANDS, "{type: add-users, at: 1, count: 5}")))
                .singleElement().asString().startsWith("users: user model 'feed-commands' cannot answer");
    }

    @Test
    void theRunsOrderCounts() {
        // group 0 answered by rule from tick 2, so accounts may open beside it at tick 4
        new ScenarioLoader().parse(scenario(COMMANDS, "{type: add-users, at: 4, count: 5}",
                "{type: set-group, at: 2, group: 0, model: rule}"), "a.yaml");
        // group 1 exists from tick 3 on, whatever the order in the file
        new ScenarioLoader().parse(scenario("{type: mnl}", "{type: set-group, at: 6, group: 1, activityScale: 0.5}",
                "{type: add-users, at: 3, count: 5}"), "a.yaml");
        assertThat(problems(scenario("{type: mnl}", "{type: set-group, at: 2, group: 1, activityScale: 0.5}",
                "{type: add-users, at: 3, count: 5}"))).containsExactly("interventions[0].group: no user group 1 by tick 2:"
                        + " the groups then are 0..0 (0 = the users at the start, then one per add-users or attack, in"
                        + " tick order)");
    }
}
