package org.recloop.agents.llm;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.recloop.core.lm.ChatModelSpec;
import org.recloop.core.lm.ChatRequest;
import org.recloop.core.log.ModelCall;
import org.recloop.core.rng.RandomStreams;

/**
 * One model answering both the users and the recommender is said once (self-preference bias);
 * different models per side are not; specs that differ only in call policy are the same model.
 * Through the real client against the local fake server.
 */
class SharedModelNoticeTest {

    private FakeLlmServer server;
    private ListAppender<ILoggingEvent> logs;

    @BeforeEach
    void start() throws Exception {
        server = new FakeLlmServer(r -> FakeLlmServer.Reply.ok("{\"ranking\": []}"));
        logs = LogCapture.attach();
    }

    @AfterEach
    void stop() {
        LogCapture.detach(logs);
        server.close();
    }

    private ChatModelSpec spec(String model, double temperature) {
        return new ChatModelSpec("openai", server.openAiUrl(), model, 10_000, 1 << 20, 4, 0, 0, 0, temperature, 50,
                false, Optional.empty(), false, 0);
    }

    private static ChatRequest request(ModelCall.Component component, int n) {
        return new ChatRequest("system", "question " + n, 0, n, ChatRequest.OK, component);
    }

    private long notices() {
        return logs.list.stream().filter(e -> e.getFormattedMessage().contains("self-preference")).count();
    }

    @Test
    void theSameModelOnBothSidesIsSaidOnceAndRowsCarryTheirComponent() {
        try (LangChainLanguageModels models = new LangChainLanguageModels(Environment.of(Map.of()),
                new RandomStreams(1))) {
            var users = models.chat(spec("same-model", 0.0));
            var platform = models.chat(spec("same-model", 0.7)); // another spec, the same model
            assertThat(users.complete(request(ModelCall.Component.USER_AGENT, 1)).calls())
                    .allSatisfy(m -> assertThat(m.component()).isEqualTo(ModelCall.Component.USER_AGENT));
            assertThat(models.sharedModels()).isEmpty();
            assertThat(platform.complete(request(ModelCall.Component.RECOMMENDER, 2)).calls())
                    .allSatisfy(m -> assertThat(m.component()).isEqualTo(ModelCall.Component.RECOMMENDER));
            platform.complete(request(ModelCall.Component.RECOMMENDER, 3));
            users.complete(request(ModelCall.Component.USER_AGENT, 4));
            assertThat(models.sharedModels()).singleElement().asString().startsWith("same-model at ");
            assertThat(notices()).isEqualTo(1);
        }
    }

    @Test
    void differentModelsPerSideAreNotShared() {
        try (LangChainLanguageModels models = new LangChainLanguageModels(Environment.of(Map.of()),
                new RandomStreams(1))) {
            models.chat(spec("user-model", 0.0)).complete(request(ModelCall.Component.USER_AGENT, 1));
            models.chat(spec("rec-model", 0.0)).complete(request(ModelCall.Component.RECOMMENDER, 2));
            assertThat(models.sharedModels()).isEmpty();
            assertThat(notices()).isZero();
        }
    }
}
