package org.recloop.scenarios.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import org.recloop.scenarios.registry.Kind;
import org.recloop.scenarios.schema.ScenarioLoader;

class ListCommandTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return RecLoopCli.commandLine(new PrintWriter(out, true), new PrintWriter(err, true)).execute(args);
    }

    @Test
    void listsEveryRegisteredComponentWithItsSummaryAndDefaults() {
        assertThat(run("list")).as(err.toString()).isZero();
        var registry = new ScenarioLoader().registry();
        for (Kind k : Kind.values()) {
            assertThat(out.toString()).contains(k.label() + "s\n");
            registry.entries(k).forEach((name, e) -> assertThat(out.toString()).contains("  " + name + " ")
                    .contains(e.summary()));
        }
        assertThat(out.toString()).containsPattern("\n  als +implicit-feedback matrix factorisation[^\n]*\n +factors=32 "
                + "iterations=10 regularization=0.1 alpha=10.0 ");
        assertThat(out.toString()).contains("items=2000 dimensions=16 topics=20").contains("url=required timeoutMs=5000")
                .contains("choice.beta=5.0");
    }

    @Test
    void aGroupListsOnlyItsKinds() {
        assertThat(run("list", "worlds")).isZero();
        assertThat(out.toString()).contains("catalogs\n").contains("populations\n").contains("graphs\n")
                .doesNotContain("recommenders\n").contains("  synthetic ");
        assertThat(run("list", "nonsense")).isEqualTo(2);
        assertThat(err.toString()).contains("unknown group 'nonsense'; one of worlds, users, recommenders, metrics,"
                + " interventions");
    }

    @Test
    void markdownPrintsTheReadmeTable() {
        assertThat(run("list", "recommenders", "--markdown")).isZero();
        assertThat(out.toString()).startsWith("| kind | type | parameters (default) | what it is |\n|---|---|---|---|\n")
                .contains("| recommender | `als` | `factors` (32), `iterations` (10), ")
                .contains("| recommender | `random` | none | uniformly random unconsumed items |")
                .contains("| recommender | `mmr` | `lambda` (0.7), `candidates` (50), `base` (required) |");
    }
}
