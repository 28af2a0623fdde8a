package org.recloop.scenarios.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A scenario with several mistakes gets all of them in one message, each located in the file. */
class ScenarioProblemsTest {

    @TempDir
    Path dir;

    private ScenarioException fails(String yaml) throws Exception {
        Path f = dir.resolve("x.yaml");
        Files.writeString(f, yaml);
        try {
            new ScenarioLoader().load(f);
        } catch (ScenarioException e) {
            return e;
        }
        throw new AssertionError("scenario was accepted:\n" + yaml);
    }

    @Test
    void fiveMistakesOfDifferentKindsAreAllReportedWithTheirLines() throws Exception {
        ScenarioException e = fails("""
                name: five
                seed: 7
                slateSize: many
                world:
                  catalog: {type: synthetic, items: 50, dimensions: 8, topics: 8}
                  population: {type: synthetic, users: -5, meanActivity: 0.5}
                users: {type: mnll}
                reccommender: {type: als}
                learn: {retrainEvery: 2}
                """);
        String f = dir.resolve("x.yaml").toString();
        assertThat(e.getMessage().lines().toList()).containsExactly(
                f + ": 5 problems",
                "  " + f + ":1:1 ticks: is required",
                "  " + f + ":3:1 slateSize: expected a whole number, was 'many'",
                "  " + f + ":6:33 world.population.users: must be > 0, was -5",
                "  " + f + ":7:9 users.type: unknown user model type 'mnll'; available: attack, conversational, feed-commands, llm, mnl, rank-discounted, rule",
                "  " + f + ":8:1 reccommender: unknown field 'reccommender'; did you mean 'recommender'?"
                        + " (known fields: description, feed, interventions, learn, log, metrics, name, recommender,"
                        + " seed, slateSize, threads, ticks, users, world)");
        assertThat(e.problems()).hasSize(5).allSatisfy(p -> assertThat(p.line()).isPositive());
        assertThat(e.path()).isEqualTo("ticks"); // the first, for callers that show one
    }

    @Test
    void aComponentTypoSuggestsTheClosestParameterAndMistakesInListsAreLocated() throws Exception {
        ScenarioException e = fails("""
                name: typo
                ticks: 3
                world:
                  catalog: {type: synthetic, items: 50}
                  population: {type: synthetic, users: 20}
                users: mnl
                recommender:
                  type: als
                  factros: 4
                metrics:
                  - ctr
                  - ginni
                interventions:
                  - type: switch-recommender
                    at: 1
                    recommender: {type: bpr, factors: 0}
                """);
        String f = dir.resolve("x.yaml").toString();
        assertThat(e.getMessage().lines().toList()).hasSize(4);
        assertThat(e.problems()).extracting(p -> p.line() + ":" + p.column() + " " + p.path()).containsExactly(
                "9:3 recommender.factros", "12:5 metrics[1].type", "16:30 interventions[0].recommender.factors");
        assertThat(e.problems().get(0).reason()).startsWith("unknown field 'factros'; did you mean 'factors'?");
        assertThat(e.problems().get(2).reason()).isEqualTo("must be > 0, was 0");
        assertThat(e.getMessage()).contains(f + ":16:30 interventions[0].recommender.factors: must be > 0, was 0");
    }

    @Test
    void closestNameIsAPlausibleTypoOrNone() {
        var known = java.util.List.of("recommender", "users", "world", "ticks");
        assertThat(JacksonErrors.closest("reccommender", known)).isEqualTo("recommender");
        assertThat(JacksonErrors.closest("Tick", known)).isEqualTo("ticks");
        assertThat(JacksonErrors.closest("population", known)).isNull();
    }
}
