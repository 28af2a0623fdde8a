package org.recloop.scenarios.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.recloop.scenarios.TestScenarios;

/** Attacks that cannot work are refused at load, naming the field, before any run folder exists. */
class AttackChecksTest {

    @TempDir
    Path dir;

    /** 50 items, ticks 0..9. */
    private static String with(String intervention) {
        return TestScenarios.small("attack", 100, 50, 10, "random", 2) + "interventions:\n  - " + intervention + "\n";
    }

    private List<String> problems(String yaml) throws IOException {
        Path f = dir.resolve("bad.yaml");
        Files.writeString(f, yaml);
        try {
            new ScenarioLoader().load(f);
        } catch (ScenarioException e) {
            return e.problems().stream().map(p -> p.path() + ": " + p.reason()).toList();
        }
        throw new AssertionError("scenario was accepted:\n" + yaml);
    }

    @Test
    void acceptsAnAttackInsideTheRunAndCatalog() {
        var rs = new ScenarioLoader().parse(with("{type: attack, at: 2, accounts: 5, targets: [0, 49], end: 9}"), "a.yaml");
        assertThat(rs.resolved().at("/interventions/0/start").isNull()).as("unset: from arrival, tick at + 1").isTrue();
        assertThat(rs.resolved().at("/interventions/0/strategy").asText()).isEqualTo("average");
    }

    @Test
    void targetOutsideTheSyntheticCatalogIsNamed() throws IOException {
        assertThat(problems(with("{type: attack, at: 2, accounts: 5, targets: [3, 50]}")))
                .containsExactly("interventions[0].targets[1]: item 50 is not in the synthetic catalog of 50 items (ids 0..49)");
    }

    @Test
    void windowOutsideTheRunIsNamed() throws IOException {
        assertThat(problems(with("{type: attack, at: 2, accounts: 5, targets: [3], end: 10}")))
                .containsExactly("interventions[0].end: the attack window must end inside the run: below ticks (10), was 10");
        assertThat(problems(with("{type: attack, at: 2, accounts: 5, targets: [3], start: 2}")))
                .containsExactly("interventions[0].start: must be after at (2): the accounts arrive from tick 3, was 2");
        assertThat(problems(with("{type: add-users, at: 2, count: 5, model: {type: attack, targets: [3], start: 12}}")))
                .containsExactly("interventions[0].model.start: the attack window must start inside the run: below ticks (10), was 12");
    }

    @Test
    void tooManyAccountsAndBadModelParametersAreNamed() throws IOException {
        assertThat(problems(with("{type: attack, at: 2, accounts: 100001, targets: [3]}")))
                .containsExactly("interventions[0].accounts: at most 100000 per attack, was 100001");
        assertThat(problems(with("{type: attack, at: 2, accounts: 5, targets: [3], goal: sink}")))
                .containsExactly("interventions[0].goal: must be 'push' or 'nuke', was 'sink'");
        assertThat(problems(with("{type: add-users, at: 2, count: 5, model: {type: attack}}")).get(0))
                .startsWith("interventions[0].model.targets: is required");
    }

    /** 100 users; accounts opened at or before a request's tick count, later ones do not. */
    @Test
    void aForgetRequestForAUserWhoCanNeverExistIsNamed() throws IOException {
        String grow = TestScenarios.small("forget", 100, 50, 10, "random", 2) + "interventions:\n"
                + "  - {type: add-users, at: 2, count: 10}\n"
                + "  - {type: attack, at: 6, accounts: 5, targets: [3]}\n";
        assertThat(problems(grow + "  - {type: forget, at: 4, scope: users, ids: [3, 109, 110]}\n"))
                .containsExactly("interventions[2].ids[2]: user 110 can never exist: by tick 4 the run has at most 110 users"
                        + " (ids 0..109)");
        assertThat(problems(grow + "  - {type: forget, at: 5, scope: interactions, ids: [200], items: [1]}\n"))
                .containsExactly("interventions[2].ids[0]: user 200 can never exist: by tick 5 the run has at most 110 users"
                        + " (ids 0..109)");
        // at tick 6 the attack's five accounts exist too: user 114 may be forgotten
        new ScenarioLoader().parse(grow + "  - {type: forget, at: 6, scope: users, ids: [114]}\n", "ok.yaml");
    }
}
