package org.recloop.scenarios.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.recloop.scenarios.TestScenarios;

/**
 * A chat model's servers file that cannot be read is named under the section that gives it: the
 * LLM users' {@code provider}, the feed-command parser's and the conversational agent's {@code
 * model}, the simulated user's {@code userModel}, the LLM recommender's {@code model}.
 */
class ChatSectionsTest {

    @TempDir
    Path dir;

    private List<String> problems(String users, String recommender) throws Exception {
        Path f = dir.resolve("chat.yaml");
        Files.writeString(f, TestScenarios.small("chat", 100, 50, 5, recommender, 2).replace("users: {type: mnl}",
                "users: " + users));
        try {
            new ScenarioLoader().load(f);
        } catch (ScenarioException e) {
            return e.problems().stream().map(ScenarioException.Problem::path).toList();
        }
        throw new AssertionError("accepted");
    }

    @Test
    void eachSectionIsNamed() throws Exception {
        String missing = "{baseUrlsFile: no-such-servers.txt}";
        assertThat(problems("{type: llm, provider: " + missing + "}", "random"))
                .containsExactly("users.provider.baseUrlsFile");
        assertThat(problems("{type: feed-commands, users: {type: mnl}, parser: llm, model: " + missing + "}", "random"))
                .containsExactly("users.model.baseUrlsFile");
        assertThat(problems("{type: conversational, users: {type: mnl}, search: titles, model: " + missing + "}", "random"))
                .containsExactly("users.model.baseUrlsFile");
        assertThat(problems("{type: conversational, users: {type: mnl}, search: titles, userAgent: llm, userModel: "
                + missing + "}", "random")).containsExactly("users.userModel.baseUrlsFile");
        assertThat(problems("{type: mnl}", "{type: llm-rerank, candidates: {type: most-popular}, model: " + missing + "}"))
                .containsExactly("recommender.model.baseUrlsFile");
    }

    /** A reason that already says what the value was is not given a second ", was ...". */
    @Test
    void aLimitSaysTheValueOnce() throws Exception {
        Path f = dir.resolve("limit.yaml");
        Files.writeString(f, TestScenarios.small("chat", 100, 50, 5, "random", 2).replace("users: {type: mnl}",
                "users: {type: llm, provider: {maxConcurrent: 5000}}"));
        try {
            new ScenarioLoader().load(f);
            throw new AssertionError("accepted");
        } catch (ScenarioException e) {
            assertThat(e.problems()).singleElement().satisfies(p -> assertThat(p.reason())
                    .isEqualTo("must be at most 4,096 (RecLoop's limit), was 5,000"));
        }
    }
}
