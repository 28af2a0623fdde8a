package org.recloop.agents.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.recloop.core.world.Catalog;
import org.recloop.core.world.Population;
import org.recloop.core.world.World;

/**
 * The JSON tool protocol of the conversational recommender and the LLM user's answers: what is
 * valid, and the error the model is told otherwise (which it gets with its one retry).
 */
class ConversationProtocolTest {

    /** Six items of topics 0,1,0,1,0,1; user 0 prefers feature 0 (items 0, 2, 4) and consumed item 4. */
    private static World world() {
        Catalog c = new Catalog(2, 6);
        for (int i = 0; i < 6; i++) {
            c.add(new float[] {i % 2 == 0 ? 1f : 0f, i % 2 == 0 ? 0f : 1f}, i % 2, i, 0.5f, 0f, 0);
        }
        Population pop = new Population(1, 2);
        pop.preferences()[0] = 1f;
        World w = World.of(c, pop);
        w.history().add(0, 4);
        return w;
    }

    private final World world = world();
    private final Set<Integer> offered = new LinkedHashSet<>(List.of(0));
    private final ConversationTools tools = new ConversationTools(world, 0, new int[] {0, 2, 1, 3}, 2, offered, null);
    private final RecommenderAgent agent = new RecommenderAgent(null, 2, 2);

    private RecommenderAgent.Step step(String answer, int toolCalls) {
        return agent.step(answer, toolCalls, tools, offered);
    }

    @Test
    void toolsRunAndAnswersOfferFreshItems() {
        RecommenderAgent.Step r = step("Sure: {\"tool\": \"recommend\", \"args\": {}}", 0);
        assertThat(r.error()).isNull();
        assertThat(r.items()).containsExactly(2, 1); // the served order, skipping offered item 0
        assertThat(step("{\"tool\": \"search\", \"args\": {\"query\": \"topic 0\"}}", 1).items())
                .containsExactly(0, 2); // consumed item 4 is never found
        assertThat(step("{\"tool\": \"details\", \"args\": {\"item\": 3}}", 0).text())
                .isEqualTo("item 3: untitled, topic 1, creator 3, quality 0.50");
        RecommenderAgent.Step a = step("{\"tool\": \"answer\", \"args\": {\"text\": \"Try these\", \"items\": [2, 3]}}", 2);
        assertThat(a.error()).isNull();
        assertThat(a.tool()).isNull();
        assertThat(a.items()).containsExactly(2, 3);
    }

    @Test
    void badCallsAreRejectedWithTheReason() {
        assertThat(step("I think item 2", 0).error()).isEqualTo("not a JSON object");
        assertThat(step("{\"tool\": \"fly\"}", 0).error()).startsWith("unknown tool \"fly\"");
        assertThat(step("{\"tool\": \"recommend\", \"args\": {\"k\": 9}}", 0).error())
                .isEqualTo("recommend: k must be an integer from 1 to 4, was 9");
        assertThat(step("{\"tool\": \"search\", \"args\": {}}", 0).error()).startsWith("search: query must be");
        assertThat(step("{\"tool\": \"details\", \"args\": {\"item\": 99}}", 0).error())
                .isEqualTo("details: item 99 does not exist");
        assertThat(step("{\"tool\": \"recommend\"}", 2).error())
                .isEqualTo("at most 2 tool calls per turn: answer the user now");
        String answer = "{\"tool\": \"answer\", \"args\": {\"text\": \"x\", \"items\": %s}}";
        assertThat(step(answer.formatted("[0]"), 0).error()).isEqualTo("answer: item 0 was offered before");
        assertThat(step(answer.formatted("[4]"), 0).error()).isEqualTo("answer: item 4 was consumed by the user already");
        assertThat(step(answer.formatted("[1, 2, 3]"), 0).error()).startsWith("answer: items must be an array of 1 to 2");
        assertThat(step(answer.formatted("[]"), 0).error()).startsWith("answer: items must be an array");
    }

    @Test
    void theLlmUsersAnswerIsValidated() {
        List<Integer> now = List.of(2, 3);
        assertThat(LlmConversationUser.read("{\"decision\": \"accept\", \"item\": 3, \"rating\": 4}", now))
                .isEqualTo(new ConversationUser.Reply("accept", 3, "I'll take item 3.", 4));
        assertThat(LlmConversationUser.read("{\"decision\": \"accept\", \"item\": 1, \"rating\": 4}", now))
                .isEqualTo("item must be one of the offered items [2, 3], was 1");
        assertThat(LlmConversationUser.read("{\"decision\": \"leave\", \"rating\": 0}", now))
                .isEqualTo("rating must be a number from 1 to 5, was 0");
        assertThat(LlmConversationUser.read("{\"decision\": \"maybe\"}", now))
                .isEqualTo("decision must be \"accept\", \"reject\" or \"leave\", was \"maybe\"");
    }

    @Test
    void theRuleUserAsksForItsBestTopicAndAcceptsATopItem() {
        Truth truth = Truth.of(world, 0);
        RuleConversationUser user = new RuleConversationUser(world, 2);
        assertThat(user.open(null, truth)).isEqualTo("I'd like something about topic 0.");
        assertThat(user.reply(null, 1, List.of(1, 3), truth).decision()).isEqualTo("reject");
        ConversationUser.Reply yes = user.reply(null, 1, List.of(1, 2), truth);
        assertThat(yes.decision()).isEqualTo("accept");
        assertThat(yes.item()).isEqualTo(2);
        assertThat(yes.rating()).isBetween(1.0, 5.0);
    }
}
