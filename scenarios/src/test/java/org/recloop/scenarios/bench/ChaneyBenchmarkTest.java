package org.recloop.scenarios.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.recloop.scenarios.schema.ResolvedScenario;
import org.recloop.scenarios.schema.ScenarioLoader;

/** The bench's Chaney study is the shipped replication scenario, resized, slates of 10, every slate logged. */
class ChaneyBenchmarkTest {

    private static JsonNode resolved(ChaneyBenchmark.Size size, String storage, boolean sampled) throws Exception {
        Path file = Path.of("chaney-replication.yaml"); // tests run in the scenarios module
        String text = ChaneyBenchmark.scenario(Files.readString(file), size, storage, sampled);
        ResolvedScenario rs = new ScenarioLoader().parse(text, file.toString());
        return rs.resolved();
    }

    @Test
    void bothSizesAreTheContentFilteringStudyWithEverySlateLogged() throws Exception {
        JsonNode small = resolved(ChaneyBenchmark.Size.SMALL, "slates", false);
        assertThat(small.path("world").path("population").path("users").asInt()).isEqualTo(10_000);
        assertThat(small.path("world").path("catalog").path("items").asInt()).isEqualTo(5_000);
        assertThat(small.path("ticks").asInt()).isEqualTo(20);
        assertThat(small.path("slateSize").asInt()).isEqualTo(10);
        assertThat(small.path("world").path("catalog").path("type").asText()).isEqualTo("chaney");
        assertThat(small.path("log").path("exposureStorage").asText()).isEqualTo("slates");
        assertThat(small.path("log").path("exposureSampling").asDouble()).isEqualTo(1.0);
        JsonNode study = small.path("interventions").get(0).path("recommender");
        assertThat(study.path("type").asText()).isEqualTo("content-nnls");
        assertThat(study.path("target").asText()).isEqualTo("counts");
        assertThat(small.path("learn").path("retrainEvery").asInt()).isEqualTo(1);

        JsonNode large = resolved(ChaneyBenchmark.Size.LARGE, "rows", true);
        assertThat(large.path("world").path("population").path("users").asInt()).isEqualTo(100_000);
        assertThat(large.path("world").path("catalog").path("items").asInt()).isEqualTo(10_000);
        assertThat(large.path("ticks").asInt()).isEqualTo(50);
        assertThat(large.path("log").path("exposureStorage").asText()).isEqualTo("rows");
        assertThat(large.path("log").path("exposureSampling").asDouble()).isEqualTo(0.1);
    }

    @Test
    void theStoreOptionGoesToTheScenariosLogStore() throws Exception {
        String text = ChaneyBenchmark.scenario(Files.readString(Path.of("chaney-replication.yaml")),
                ChaneyBenchmark.Size.SMALL, "slates", false, "parquet");
        var rs = new ScenarioLoader().parse(text, "chaney-bench.yaml");
        assertThat(rs.resolved().path("log").path("store").asText()).isEqualTo("parquet");
    }

    @Test
    void anUnknownSizeNamesTheChoices() {
        assertThat(ChaneyBenchmark.Size.of("large")).isEqualTo(ChaneyBenchmark.Size.LARGE);
        assertThatThrownBy(() -> ChaneyBenchmark.Size.of("huge")).hasMessageContaining("huge")
                .hasMessageContaining("small, large");
    }
}
