package org.recloop.scenarios.runner;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.recloop.core.capability.Capabilities;
import org.recloop.core.lm.ChatAnswer;
import org.recloop.core.lm.ChatModelSpec;
import org.recloop.core.lm.ChatRequest;
import org.recloop.core.lm.LanguageModel;
import org.recloop.core.lm.LanguageModels;
import org.recloop.core.log.RunStatus;
import org.recloop.core.serve.Interactions;
import org.recloop.core.serve.Recommender;
import org.recloop.core.serve.ServeContext;
import org.recloop.core.serve.SlateBatch;
import org.recloop.core.serve.SlateSource;
import org.recloop.core.serve.TrainContext;
import org.recloop.scenarios.TestScenarios;
import org.recloop.scenarios.registry.Kind;
import org.recloop.scenarios.registry.Registry;
import org.recloop.scenarios.registry.StandardComponents;
import org.recloop.scenarios.ChatTestServer;
import org.recloop.scenarios.schema.ScenarioLoader;

/**
 * A component outside the agents module (a recommender that asks a chat model once per tick)
 * gets the run's language models from the composition root as a capability, here nested in an A/B
 * arm, and calls a real HTTP server through them, with no dependency on LangChain4j.
 */
class LanguageModelCapabilityIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path out;

    private ChatTestServer server;
    private final AtomicInteger received = new AtomicInteger();

    @BeforeEach
    void start() throws IOException {
        server = ChatTestServer.start("capability-it", 16, this::answer);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    /** An answer naming the prompt it answers. */
    private ChatTestServer.Reply answer(JsonNode req) {
        received.incrementAndGet();
        return ChatTestServer.Reply.ok("ranked for " + req.path("messages").path(1).path("content").asText());
    }

    /** Parameters of the probe: none. */
    public record ProbeParams() {}

    /** Asks the chat model once per tick (for the batch's first user), then serves the lowest unconsumed ids. */
    static final class LanguageModelProbe implements Recommender {
        static final ConcurrentLinkedQueue<String> ANSWERS = new ConcurrentLinkedQueue<>();
        private final Capabilities capabilities;
        private final String url;
        private int asked = -1;

        LanguageModelProbe(Capabilities capabilities, String url) {
            this.capabilities = capabilities;
            this.url = url;
        }

        @Override
        public void fit(Interactions all, TrainContext ctx) {}

        @Override
        public int modelVersion() {
            return 0;
        }

        @Override
        public synchronized void recommend(SlateBatch slates, int from, int to, ServeContext ctx) {
            if (asked < ctx.tick() && from < to) {
                asked = ctx.tick();
                LanguageModel lm = capabilities.capability(LanguageModels.class).orElseThrow()
                        .chat(new ChatModelSpec("openai", url, "probe-model", 10_000, 1 << 20, 2, 0, 0, 0, 0, 50, false,
                                Optional.empty(), false, 0));
                ChatAnswer a = lm.complete(new ChatRequest("Rank items.", "user " + slates.user(from), ctx.tick(),
                        slates.user(from)));
                ANSWERS.add(a.outcome() + ": " + a.text().orElse(""));
            }
            for (int s = from; s < to; s++) {
                int u = slates.user(s);
                for (int i = 0, r = 0; i < ctx.numItems() && r < slates.k(); i++) {
                    if (!ctx.consumed().contains(u, i)) {
                        slates.set(s, r++, i, 1f, 1f, SlateSource.RECOMMENDER);
                    }
                }
            }
        }
    }

    @Test
    void aRecommenderInAnArmAsksTheRunsLanguageModel() throws Exception {
        String url = server.baseUrl();
        Registry registry = StandardComponents.registry(ScenarioLoader.newMapper());
        registry.register(Kind.RECOMMENDER, "lm-probe", ProbeParams.class,
                (p, n) -> () -> new LanguageModelProbe(n.capabilities(), url), "test: asks a chat model");
        String yaml = TestScenarios.small("lm-probe", 50, 100, 3, "{type: ab-split, arms: [{name: a, share: 1,"
                + " recommender: lm-probe}, {name: b, share: 1, recommender: most-popular}]}", 1);
        LanguageModelProbe.ANSWERS.clear();
        RunResult r = new ScenarioRunner().run(new ScenarioLoader(registry).parse(yaml, "lm-probe.yaml"),
                new ScenarioRunner.Options(null, 1, out), List.of());
        assertThat(r.status()).isEqualTo(RunStatus.FINISHED);
        assertThat(LanguageModelProbe.ANSWERS).hasSize(3)
                .allSatisfy(a -> assertThat(a).startsWith("ok: ranked for user "));
        assertThat(received.get()).isEqualTo(3);
    }
}
