package org.recloop.analysis.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.recloop.core.world.io.DataFileException;

class RunDataTest {

    @TempDir
    Path dir;

    private Path good() {
        return RunFolders.write(dir, "quick-s42-20260101-000000", "quick", 42, "als", null, List.of("ctr", "gini"),
                new String[][] {{"0.5", "0.1"}, {"", "0.2"}, {"0.25", "3.0e-4"}});
    }

    @Test
    void readsARunFolder() throws Exception {
        Path run = good();
        RunData r = RunData.read(run);
        assertThat(r.folder()).isEqualTo(run);
        assertThat(r.runId()).isEqualTo("quick-s42-20260101-000000");
        assertThat(r.scenarioName()).isEqualTo("quick");
        assertThat(r.seed()).isEqualTo(42);
        assertThat(r.recommenderType()).isEqualTo("als");
        assertThat(r.arm()).isEqualTo("quick / als");
        assertThat(r.scenarioText()).isEqualTo(Files.readString(run.resolve("scenario.yaml")));
        assertThat(r.metrics()).containsExactly("ctr", "gini"); // the count columns are not metrics
        assertThat(r.ticks()).containsExactly(0, 1, 2);
        assertThat(r.values()[0]).containsExactly(0.5, 0.1);
        assertThat(r.values()[1][0]).isNaN(); // empty cell = missing
        assertThat(r.values()[2]).containsExactly(0.25, 3.0e-4);
        assertThat(r.value("gini", 1)).isEqualTo(0.2);
        assertThat(r.value("gini", 9)).isNaN();
        assertThat(r.value("nope", 0)).isNaN();
    }

    @Test
    void armFieldOverridesTheDefaultLabel() {
        Path run = RunFolders.write(dir, "r", "quick", 1, "als", "ALS, k=32", List.of("ctr"), new String[][] {{"1"}});
        assertThat(RunData.read(run).arm()).isEqualTo("ALS, k=32");
    }

    @Test
    void headerOnlyIsARunWithoutTicks() throws Exception {
        Path run = good();
        Files.writeString(run.resolve("metrics.csv"), RunFolders.HEADER + ",ctr\n");
        RunData r = RunData.read(run);
        assertThat(r.rows()).isZero();
        assertThat(r.metrics()).containsExactly("ctr");
    }

    @Test
    void withoutScenarioYamlTheResolvedJsonIsTheScenarioText() throws Exception {
        Path run = good();
        Files.delete(run.resolve("scenario.yaml"));
        assertThat(RunData.read(run).scenarioText()).isEqualTo(Files.readString(run.resolve("resolved.json")));
    }

    private void assertFails(Path run, String file, String messagePart, long line) {
        assertThatThrownBy(() -> RunData.read(run)).isInstanceOf(DataFileException.class)
                .hasMessageContaining(run.resolve(file).toString())
                .hasMessageContaining(messagePart)
                .satisfies(e -> assertThat(((DataFileException) e).line()).isEqualTo(line));
    }

    @Test
    void missingFiles() throws Exception {
        Path run = good();
        Files.delete(run.resolve("metrics.csv"));
        assertFails(run, "metrics.csv", "file not found", 0);
        Files.delete(run.resolve("resolved.json"));
        assertFails(run, "resolved.json", "file not found", 0);
        assertFails(dir.resolve("nowhere"), "resolved.json", "file not found", 0);
    }

    @Test
    void malformedJsonNamesTheLine() throws Exception {
        Path run = good();
        Files.writeString(run.resolve("resolved.json"), "{\n  \"name\" : \"x\",\n  \"seed\" : ,\n}");
        assertFails(run, "resolved.json", "malformed JSON", 3);
        Files.writeString(run.resolve("resolved.json"), "[1, 2]");
        assertFails(run, "resolved.json", "expected a JSON object", 0);
    }

    @Test
    void missingOrWrongJsonFields() throws Exception {
        Path run = good();
        Path json = run.resolve("resolved.json");
        Files.writeString(json, "{\"seed\": 1, \"recommender\": {\"type\": \"als\"}}");
        assertFails(run, "resolved.json", "field 'name' is missing", 0);
        Files.writeString(json, "{\"name\": \"x\", \"recommender\": {\"type\": \"als\"}}");
        assertFails(run, "resolved.json", "field 'seed' is missing", 0);
        Files.writeString(json, "{\"name\": \"x\", \"seed\": 1.5, \"recommender\": {\"type\": \"als\"}}");
        assertFails(run, "resolved.json", "field 'seed' must be an integer", 0);
        Files.writeString(json, "{\"name\": \"x\", \"seed\": 1}");
        assertFails(run, "resolved.json", "field 'recommender' is missing", 0);
        Files.writeString(json, "{\"name\": \"x\", \"seed\": 1, \"recommender\": {\"factors\": 3}}");
        assertFails(run, "resolved.json", "field 'recommender.type' is missing", 0);
        Files.writeString(json, "{\"name\": \"x\", \"seed\": 1, \"recommender\": \"random\", \"arm\": 3}");
        assertFails(run, "resolved.json", "field 'arm' must be a non-empty string", 0);
        // a recommender given by its type name alone is accepted
        Files.writeString(json, "{\"name\": \"x\", \"seed\": 1, \"recommender\": \"random\"}");
        assertThat(RunData.read(run).arm()).isEqualTo("x / random");
    }

    @Test
    void malformedCsvNamesTheLineAndReason() throws Exception {
        Path run = good();
        Path csv = run.resolve("metrics.csv");
        String header = RunFolders.HEADER + ",ctr\n";
        Files.writeString(csv, "");
        assertFails(run, "metrics.csv", "empty file", 1);
        Files.writeString(csv, "step,ctr\n0,1\n");
        assertFails(run, "metrics.csv", "the first column must be 'tick', was 'step'", 1);
        Files.writeString(csv, "tick,ctr,ctr\n");
        assertFails(run, "metrics.csv", "column 'ctr' appears twice", 1);
        Files.writeString(csv, header + "0,1,1,1,1,0.5\n1,1,1,1,1,abc\n");
        assertFails(run, "metrics.csv", "column 'ctr': not a number: 'abc'", 3);
        Files.writeString(csv, header + "0,1,1,1,1,0.5\n1,1,1,1\n");
        assertFails(run, "metrics.csv", "expected 6 cells, found 4", 3);
        Files.writeString(csv, header + "0,1,1,1,1,0.5\n0,1,1,1,1,0.5\n");
        assertFails(run, "metrics.csv", "tick 0 after tick 0: ticks must increase", 3);
        Files.writeString(csv, header + "x,1,1,1,1,0.5\n");
        assertFails(run, "metrics.csv", "tick must be an integer, was 'x'", 2);
        assertThatThrownBy(() -> RunData.read(run)).hasMessage(csv + ":2: tick must be an integer, was 'x'");
    }
}
