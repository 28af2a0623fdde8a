package org.recloop.core.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.recloop.core.lm.ChatAnswer;
import org.recloop.core.lm.ChatModelSpec;
import org.recloop.core.lm.ChatRequest;
import org.recloop.core.lm.LanguageModel;
import org.recloop.core.lm.LanguageModels;
import org.recloop.core.log.ModelCall;

/**
 * The {@link LanguageModel} contract, run by every implementation of {@link LanguageModels} against
 * a local server of its own (as LangChain4j's integrations run its shared tests):
 * <ul>
 *   <li>an answer has the text, the request's answered outcome, the reported token counts and one
 *       row per attempt, numbered from 1, naming the request's tick, caller and the model;</li>
 *   <li>a failed call is an answer without text after the retries, never an exception;</li>
 *   <li>the response cache answers a repeated request ({@code cached}), a replay answers from it
 *       with no server and refuses a miss;</li>
 *   <li>the budget is settled at a tick's end, once per tick, and then refuses requests
 *       ({@code budget});</li>
 *   <li>the API key never comes back in an answer; the asynchronous variant answers alike.</li>
 * </ul>
 */
public abstract class LanguageModelContract {

    /** The API key the fixture's environment holds. */
    protected static final String SECRET = "sk-contract-SECRET-0042";
    /** Tokens the fixture's server reports for every answer. */
    protected static final int TOKENS_IN = 100;
    protected static final int TOKENS_OUT = 20;

    /** How the fixture's server answers every chat request. */
    protected enum Server {
        /** HTTP 200, the content {@code "echo: " + the user message}, {@link #TOKENS_IN}/{@link #TOKENS_OUT} tokens. */
        ANSWERS,
        /** HTTP 500 to every request. */
        FAILS,
        /** HTTP 200 whose content holds {@link #SECRET}. */
        ECHOES_KEY
    }

    /** The implementation's language models over a local server behaving as given, with {@link #SECRET} as key. */
    protected abstract LanguageModels languageModels(Server server) throws Exception;

    /**
     * A spec of a model on the fixture's server (the same for every {@link Server}, so that a cache
     * recorded with one serves the other), with one retry and no back-off.
     */
    protected abstract ChatModelSpec spec(Optional<Path> cache, boolean replay, long tokenBudget);

    @TempDir
    Path tmp;

    private static final String SYSTEM = "You answer questions of the contract test.";

    private static ChatRequest question(int n) {
        return new ChatRequest(SYSTEM, "question " + n, 3, 7);
    }

    @Test
    void anAnswerHasTheTextTheOutcomeTheTokensAndOneRowPerAttempt() throws Exception {
        try (LanguageModels models = languageModels(Server.ANSWERS)) {
            LanguageModel m = models.chat(spec(Optional.empty(), false, 0));
            ChatAnswer a = m.complete(question(1));
            assertThat(a.answered()).isTrue();
            assertThat(a.text()).hasValueSatisfying(t -> assertThat(t).contains("question 1"));
            assertThat(a.outcome()).isEqualTo(ChatRequest.OK);
            assertThat(a.cached()).isFalse();
            assertThat(a.tokensIn()).hasValue(TOKENS_IN);
            assertThat(a.tokensOut()).hasValue(TOKENS_OUT);
            assertRows(a.calls(), m, ChatRequest.OK);
            ChatAnswer r = m.complete(new ChatRequest(SYSTEM, "question 2", 3, 7, "reflection"));
            assertThat(r.outcome()).isEqualTo("reflection");
            assertRows(r.calls(), m, "reflection");
            assertThat(models.chat(spec(Optional.empty(), false, 0))).as("equal specs, one model").isSameAs(m);
        }
    }

    private static void assertRows(List<ModelCall> rows, LanguageModel m, String last) {
        assertThat(rows).isNotEmpty();
        for (int i = 0; i < rows.size(); i++) {
            ModelCall c = rows.get(i);
            assertThat(c.attempt()).isEqualTo(i + 1);
            assertThat(c.tick()).isEqualTo(3);
            assertThat(c.user()).isEqualTo(7);
            assertThat(c.model()).isEqualTo(m.modelName());
            assertThat(c.promptHash()).isEqualTo(rows.get(0).promptHash()).isNotBlank();
        }
        assertThat(rows.get(rows.size() - 1).outcome()).isEqualTo(last);
    }

    @Test
    void aFailedCallIsAnAnswerWithoutTextAfterTheRetries() throws Exception {
        try (LanguageModels models = languageModels(Server.FAILS)) {
            LanguageModel m = models.chat(spec(Optional.empty(), false, 0));
            ChatAnswer a = m.complete(question(1));
            assertThat(a.answered()).isFalse();
            assertThat(a.tokensIn()).isEmpty();
            assertThat(a.tokensOut()).isEmpty();
            assertThat(a.outcome()).isNotEqualTo(ChatRequest.OK);
            assertThat(a.calls()).hasSize(2); // the attempt and one retry
            assertThat(a.calls()).allSatisfy(c -> assertThat(c.outcome()).isEqualTo(a.outcome()));
        }
    }

    @Test
    void theCacheAnswersARepeatedRequestAndAReplayNeedsNoServer() throws Exception {
        Path cache = tmp.resolve("cache");
        String live;
        try (LanguageModels models = languageModels(Server.ANSWERS)) {
            LanguageModel m = models.chat(spec(Optional.of(cache), false, 0));
            assertThat(m.answersAtOnce(question(1))).isFalse();
            live = m.complete(question(1)).text().orElseThrow();
            ChatAnswer again = m.complete(question(1));
            assertThat(again.cached()).isTrue();
            assertThat(again.outcome()).isEqualTo("cached");
            assertThat(again.text()).hasValue(live);
            assertThat(again.calls()).singleElement().satisfies(c -> assertThat(c.latencyMs()).isZero());
            assertThat(m.answersAtOnce(question(1))).isTrue();
            m.tickEnded(3);
        }
        try (LanguageModels models = languageModels(Server.FAILS)) {
            LanguageModel m = models.chat(spec(Optional.of(cache), true, 0));
            assertThat(m.complete(question(1)).text()).hasValue(live);
            assertThatThrownBy(() -> m.complete(question(2))).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("replay");
        }
    }

    @Test
    void theBudgetIsSettledOncePerTickAndThenRefusesRequests() throws Exception {
        int perAnswer = TOKENS_IN + TOKENS_OUT;
        try (LanguageModels models = languageModels(Server.ANSWERS)) {
            LanguageModel m = models.chat(spec(Optional.empty(), false, perAnswer + 1));
            m.complete(question(1));
            m.tickEnded(0);
            m.tickEnded(0); // a second component driving the same model
            assertThat(m.tokensUsed()).isEqualTo(perAnswer);
            assertThat(m.budgetExhausted()).isFalse();
            m.complete(question(2));
            assertThat(m.budgetExhausted()).as("settled at the tick's end only").isFalse();
            models.tickEnded(1);
            assertThat(m.tokensUsed()).isEqualTo(2L * perAnswer);
            assertThat(m.budgetExhausted()).isTrue();
            assertThat(m.answersAtOnce(question(3))).isTrue();
            ChatAnswer refused = m.complete(question(3));
            assertThat(refused.answered()).isFalse();
            assertThat(refused.outcome()).isEqualTo(ChatAnswer.BUDGET);
            assertThat(refused.calls()).singleElement().satisfies(c -> assertThat(c.outcome()).isEqualTo("budget"));
        }
    }

    @Test
    void theKeyNeverComesBackAndTheAsynchronousVariantAnswersAlike() throws Exception {
        try (LanguageModels models = languageModels(Server.ECHOES_KEY)) {
            ChatAnswer a = models.chat(spec(Optional.empty(), false, 0)).complete(question(1));
            assertThat(a.text()).hasValueSatisfying(t -> assertThat(t).doesNotContain(SECRET));
        }
        try (LanguageModels models = languageModels(Server.ANSWERS)) {
            LanguageModel m = models.chat(spec(Optional.empty(), false, 0));
            ChatAnswer sync = m.complete(question(5));
            ChatAnswer async = m.completeAsync(question(5)).get(60, TimeUnit.SECONDS);
            assertThat(async.text()).isEqualTo(sync.text());
            assertThat(async.outcome()).isEqualTo(sync.outcome());
        }
    }
}
