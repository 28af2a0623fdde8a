package org.recloop.recommenders.llm;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What counts as a ranking of the candidates, and what the retry is told when it is not. */
class RankingAnswerTest {

    private static final int[] CANDIDATES = {40, 41, 42, 43, 44};

    private static RankingAnswer.Result parse(String text, int need) {
        return RankingAnswer.parse(text, CANDIDATES, CANDIDATES.length, need);
    }

    @Test
    void aRankingIsObeyedAndLeftOutCandidatesFollowInCandidateOrder() {
        assertThat(parse("{\"ranking\": [44, 42]}", 2).order()).containsExactly(44, 42, 40, 41, 43);
        assertThat(parse("[43, 40, 41, 42, 44]", 5).order()).containsExactly(43, 40, 41, 42, 44);
        assertThat(parse("```json\n{\"ranking\": [41, 40]}\n```", 2).order()).containsExactly(41, 40, 42, 43, 44);
    }

    @Test
    void inventedDuplicatedOrTooFewItemsAreInvalidWithAReason() {
        assertThat(parse("{\"ranking\": [44, 999, 42]}", 2).error()).isEqualTo("item 999 is not one of the candidates");
        assertThat(parse("{\"ranking\": [44, 42, 44]}", 2).error()).isEqualTo("item 44 is ranked twice");
        assertThat(parse("{\"ranking\": [44]}", 2).error()).isEqualTo("it ranks 1 candidates, at least 2 are needed");
        assertThat(parse("{\"ranking\": [44, \"x\"]}", 1).error()).startsWith("ranking[1] is not an item id");
        assertThat(parse("{\"ranking\": [44, 42.5]}", 1).error()).startsWith("ranking[1] is not an item id");
        assertThat(parse("I would pick 44.", 1).error()).isEqualTo("it is not JSON");
        assertThat(parse("{\"order\": [44]}", 1).error()).isEqualTo("it has no \"ranking\" array");
    }

    @Test
    void untitledItemsGetAStableLabel() {
        assertThat(RankingPrompt.label(null, 123)).isEqualTo("item 123");
    }
}
