package org.recloop.agents.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The action schema: what is accepted, what is rejected and with which message. */
class LlmActionTest {

    @Test
    void validAnswersParse() throws Exception {
        LlmAction a = LlmAction.parse("{\"choice\": 2, \"reason\": \"r\", \"rating\": 4, \"like\": true,"
                + " \"share\": false, \"comment\": \"nice\", \"follow\": true, \"leave\": false, \"extra\": 1}", 5);
        assertThat(a).isEqualTo(new LlmAction(2, "r", 4, true, false, "nice", true, false));
        // wrapped in prose or a code fence; optional fields default to false / null
        assertThat(LlmAction.parse("Here you go:\n```json\n{\"choice\": 0}\n```", 3))
                .isEqualTo(new LlmAction(0, null, null, false, false, null, false, false));
        // -1 ignores item reactions but keeps leave
        assertThat(LlmAction.parse("{\"choice\": -1, \"rating\": 5, \"like\": true, \"leave\": true}", 3))
                .isEqualTo(new LlmAction(-1, null, null, false, false, null, false, true));
        assertThat(LlmAction.parse("{\"choice\": -1, \"rating\": null}", 0).choice()).isEqualTo(-1);
    }

    @Test
    void invalidAnswersAreRejectedWithAReason() {
        String[][] cases = {
            {"", "empty"},
            {"I pick the first", "no JSON object"},
            {"{\"choice\": 1,}", "not valid JSON"},
            {"{\"reason\": \"x\"}", "'choice' is required"},
            {"{\"choice\": \"1\"}", "'choice' must be an integer"},
            {"{\"choice\": 1.5}", "'choice' must be an integer"},
            {"{\"choice\": 5}", "out of range: must be -1 or 0..4, was 5"},
            {"{\"choice\": -2}", "out of range"},
            {"{\"choice\": 1, \"rating\": 6}", "'rating' must be an integer 1..5"},
            {"{\"choice\": 1, \"rating\": \"4\"}", "'rating'"},
            {"{\"choice\": 1, \"like\": \"yes\"}", "'like' must be true or false"},
            {"{\"choice\": 1, \"reason\": 3}", "'reason' must be a string"},
            {"[1, 2]", "no JSON object"},
        };
        for (String[] c : cases) {
            assertThatThrownBy(() -> LlmAction.parse(c[0], 5)).as(c[0]).isInstanceOf(LlmAction.InvalidAnswer.class)
                    .hasMessageContaining(c[1]);
        }
        assertThatThrownBy(() -> LlmAction.parse("{\"choice\": 0}", 0)).hasMessageContaining("feed is empty");
    }

    @Test
    void postMessageAndSearchParseIndependentlyOfTheChoice() throws Exception {
        int[] followees = {3, 7};
        LlmAction a = LlmAction.parse("{\"choice\": -1, \"post\": \"my post\", \"message\": {\"to\": 7, \"text\": \"hi\"},"
                + " \"search\": \"space\"}", 5, followees);
        assertThat(a).isEqualTo(new LlmAction(-1, null, null, false, false, null, false, false, "my post",
                new LlmAction.Message(7, "hi"), "space"));
        // blank texts and null count as absent
        assertThat(LlmAction.parse("{\"choice\": 0, \"post\": \" \", \"message\": null, \"search\": \"\"}", 5,
                followees)).isEqualTo(new LlmAction(0, null, null, false, false, null, false, false));
    }

    @Test
    void invalidPostMessageAndSearchAreRejectedWithTheFieldAndTheReason() {
        int[] followees = {3, 7};
        String[][] cases = {
            {"{\"choice\": 1, \"post\": 5}", "field 'post' must be a string or null, was 5"},
            {"{\"choice\": 1, \"search\": [\"a\"]}", "field 'search' must be a string or null"},
            {"{\"choice\": 1, \"message\": \"hi\"}", "field 'message' must be an object"},
            {"{\"choice\": 1, \"message\": {\"text\": \"hi\"}}",
                "field 'message.to' is required: must be one of the users you follow (3, 7)"},
            {"{\"choice\": 1, \"message\": {\"to\": \"7\", \"text\": \"hi\"}}",
                "field 'message.to' must be an integer user id"},
            {"{\"choice\": 1, \"message\": {\"to\": 9, \"text\": \"hi\"}}",
                "field 'message.to' must be one of the users you follow (3, 7), was 9"},
            {"{\"choice\": 1, \"message\": {\"to\": 7}}", "field 'message.text' must be a non-empty string, was missing"},
            {"{\"choice\": 1, \"message\": {\"to\": 7, \"text\": \" \"}}", "field 'message.text' must be a non-empty"},
        };
        for (String[] c : cases) {
            assertThatThrownBy(() -> LlmAction.parse(c[0], 5, followees)).as(c[0])
                    .isInstanceOf(LlmAction.InvalidAnswer.class).hasMessageContaining(c[1]);
        }
        assertThatThrownBy(() -> LlmAction.parse("{\"choice\": 1, \"message\": {\"to\": 3, \"text\": \"hi\"}}", 5))
                .hasMessageContaining("field 'message.to' is invalid: you follow nobody, so 'message' must be null, was 3");
    }

    @Test
    void insightsComeFromJsonOrPlainText() {
        assertThat(LlmAction.insight("{\"insight\": \" I like sci-fi. \"}")).isEqualTo("I like sci-fi.");
        assertThat(LlmAction.insight("{\"summary\": \"a\", \"more\": \"b\"}")).isEqualTo("a b");
        assertThat(LlmAction.insight("  plain words ")).isEqualTo("plain words");
    }
}
