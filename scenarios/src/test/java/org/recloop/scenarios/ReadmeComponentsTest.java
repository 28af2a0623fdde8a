package org.recloop.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.recloop.scenarios.registry.ComponentListing;
import org.recloop.scenarios.registry.Kind;
import org.recloop.scenarios.schema.ScenarioLoader;

/**
 * The README's component table is the registry's: regenerate it with
 * {@code bin/recloop list --markdown} and paste it under "### Components".
 */
class ReadmeComponentsTest {

    @Test

    void readmeComponentTableIsGeneratedFromTheRegistry() throws Exception {
        List<String> readme = Files.readAllLines(Path.of("").toAbsolutePath().getParent().resolve("README.md"));
        int start = readme.indexOf("### Components");
        assertThat(start).as("README has a '### Components' section").isNotNegative();
        int header = start;
        while (header < readme.size() && !readme.get(header).startsWith("| kind |")) {
            header++;
        }
        int end = header;
        while (end < readme.size() && readme.get(end).startsWith("|")) {
            end++;
        }
        String table = String.join("\n", readme.subList(header, end)) + "\n";
        String generated = ComponentListing.markdown(ComponentListing.of(new ScenarioLoader().registry(),
                ScenarioLoader.newMapper(), EnumSet.allOf(Kind.class)));
        assertThat(table).isEqualTo(generated);
    }
}
