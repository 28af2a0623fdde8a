package org.recloop.scenarios.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.recloop.scenarios.TestScenarios;

class ScenarioLoaderTest {

    @TempDir
    Path dir;

    private ScenarioException loadFails(String yaml) throws IOException {
        Path f = dir.resolve("bad.yaml");
        Files.writeString(f, yaml);
        try {
            new ScenarioLoader().load(f);
        } catch (ScenarioException e) {
            assertThat(e.getMessage()).startsWith(f.toString() + ":");
            assertThat(e.getMessage()).doesNotContain("\n");
            return e;
        }
        throw new AssertionError("scenario was accepted:\n" + yaml);
    }

    private static String good() {
        return TestScenarios.small("ok", 100, 50, 3, "{type: als, factors: 4}", 2);
    }

    @Test
    void acceptsAValidScenarioAndFillsDefaults() {
        ResolvedScenario rs = new ScenarioLoader().parse(good(), "good.yaml");
        assertThat(rs.scenario().ticks()).isEqualTo(3);
        assertThat(rs.recommender().type()).isEqualTo("als");
        assertThat(rs.resolved().at("/recommender/factors").asInt()).isEqualTo(4);
        assertThat(rs.resolved().at("/recommender/iterations").asInt()).isEqualTo(10);
        assertThat(rs.resolved().at("/users/driftRate").asDouble()).isEqualTo(0.05);
        assertThat(rs.metrics()).extracting(c -> c.type())
                .containsExactly("ctr", "coverage", "gini-exposure", "homogenization", "true-utility", "learnability");
    }

    @Test
    void unknownTypeListsTheAvailableOnes() throws IOException {
        ScenarioException e = loadFails(good().replace("{type: als, factors: 4}", "{type: alss}"));
        assertThat(e.path()).isEqualTo("recommender.type");
        assertThat(e.reason()).contains("unknown recommender type 'alss'; available: ").contains("als, ").contains("most-popular")
                .contains("random");
    }

    @Test
    void missingRequiredFieldIsNamed() throws IOException {
        ScenarioException e = loadFails(good().replace("ticks: 3\n", ""));
        assertThat(e.path()).isEqualTo("ticks");
        assertThat(e.reason()).isEqualTo("is required");

        ScenarioException noType = loadFails(good().replace("users: {type: mnl}", "users: {beta: 2}"));
        assertThat(noType.path()).isEqualTo("users.type");
        assertThat(noType.reason()).contains("is required").contains("mnl");

        ScenarioException noCatalog = loadFails(good().replace(
                "  catalog: {type: synthetic, items: 50, dimensions: 8, topics: 8}\n", ""));
        assertThat(noCatalog.path()).isEqualTo("world.catalog");
    }

    @Test
    void negativeCountIsRejectedWithItsPath() throws IOException {
        ScenarioException e = loadFails(good().replace("users: 100", "users: -5"));
        assertThat(e.path()).isEqualTo("world.population.users");
        assertThat(e.reason()).isEqualTo("must be > 0, was -5");

        ScenarioException f = loadFails(good().replace("factors: 4", "factors: 0"));
        assertThat(f.path()).isEqualTo("recommender.factors");

        ScenarioException t = loadFails(good().replace("ticks: 3", "ticks: -1"));
        assertThat(t.path()).isEqualTo("ticks");
        assertThat(t.reason()).contains("must be > 0");
    }

    @Test
    void malformedYamlNamesLineAndColumn() throws IOException {
        String yaml = good().replace("slateSize: 10\n", "slateSize: [10\n");
        ScenarioException e = loadFails(yaml);
        assertThat(e.problems().get(0).line()).isPositive();
        assertThat(e.getMessage()).matches(java.util.regex.Pattern.quote(dir.resolve("bad.yaml").toString())
                + ":\\d+:\\d+ invalid YAML.*");

        ScenarioException dup = loadFails(good() + "ticks: 4\n");
        assertThat(dup.reason()).contains("invalid YAML").contains("ticks");
    }

    @Test
    void unknownFieldAndWrongTypeAreReported() throws IOException {
        ScenarioException e = loadFails(good().replace("factors: 4", "factors: 4, fators: 3"));
        assertThat(e.path()).isEqualTo("recommender.fators");
        assertThat(e.reason()).contains("unknown field 'fators'").contains("factors");

        ScenarioException w = loadFails(good().replace("factors: 4", "factors: many"));
        assertThat(w.path()).isEqualTo("recommender.factors");
        assertThat(w.reason()).contains("whole number");

        ScenarioException top = loadFails(good() + "tickz: 3\n");
        assertThat(top.reason()).contains("unknown field 'tickz'");

        ScenarioException frac = loadFails(good().replace("slateSize: 10", "slateSize: 2.5"));
        assertThat(frac.path()).isEqualTo("slateSize");
    }

    @Test
    void metricAndInterventionErrorsCarryTheirIndex() throws IOException {
        ScenarioException m = loadFails(good() + "metrics: [ctr, ginni]\n");
        assertThat(m.path()).isEqualTo("metrics[1].type");
        assertThat(m.reason()).contains("unknown metric type 'ginni'");

        ScenarioException iv = loadFails(good()
                + "interventions:\n  - {type: switch-recommender, at: 1, recommender: {type: als, factors: -2}}\n");
        assertThat(iv.path()).isEqualTo("interventions[0].recommender.factors");

        ScenarioException late = loadFails(good()
                + "interventions:\n  - {type: switch-recommender, at: 3, recommender: random}\n");
        assertThat(late.path()).isEqualTo("interventions[0].at");
        assertThat(late.reason()).contains("below ticks");
    }

    @Test
    void emptyAndMissingFiles() throws IOException {
        assertThat(loadFails("").reason()).isEqualTo("the file is empty");
        assertThatThrownBy(() -> new ScenarioLoader().load(dir.resolve("nope.yaml")))
                .isInstanceOf(ScenarioException.class).hasMessageContaining("nope.yaml: no such file");
    }

    @Test
    void everyShippedScenarioLoads() throws IOException {
        Path root = Path.of("").toAbsolutePath().getParent().resolve("scenarios");
        try (var files = Files.list(root)) {
            var yamls = files.filter(p -> p.toString().endsWith(".yaml")).toList();
            assertThat(yamls).extracting(p -> p.getFileName().toString())
                    .contains("quickstart.yaml", "quickstart-random.yaml");
            for (Path p : yamls) {
                assertThat(new ScenarioLoader().load(p).scenario().name()).isNotBlank();
            }
        }
    }
}
