package org.recloop.agents.llm;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.recloop.core.contract.LanguageModelContract;
import org.recloop.core.lm.ChatModelSpec;
import org.recloop.core.lm.LanguageModels;
import org.recloop.core.rng.RandomStreams;

/** The kernel's language-model contract, run against LangChain4j's OpenAI-compatible client and the local fake server. */
class LangChainLanguageModelContractTest extends LanguageModelContract {

    private final List<FakeLlmServer> servers = new ArrayList<>();
    /** One base URL for every server of a test (a replay must find what another server's answers recorded). */
    private String url;

    @AfterEach
    void stop() {
        servers.forEach(FakeLlmServer::close);
    }

    @Override
    protected LanguageModels languageModels(Server server) throws Exception {
        FakeLlmServer s = new FakeLlmServer(r -> switch (server) {
            case ANSWERS -> new FakeLlmServer.Reply(200, "echo: " + r.prompt(), 0, TOKENS_IN, TOKENS_OUT);
            case FAILS -> FakeLlmServer.Reply.status(500);
            case ECHOES_KEY -> FakeLlmServer.Reply.ok("your key is " + SECRET);
        });
        servers.add(s);
        url = s.openAiUrl();
        return new LangChainLanguageModels(Environment.of(Map.of(Environment.API_KEY, SECRET, Environment.BASE_URL,
                url)), new RandomStreams(1));
    }

    @Override
    protected ChatModelSpec spec(Optional<Path> cache, boolean replay, long tokenBudget) {
        // the base URL comes from the environment (RECLOOP_LLM_BASE_URL), as a user's override would
        return new ChatModelSpec("openai", "http://127.0.0.1:1/v1", "contract-model", 10_000, 1 << 20, 4, 1, 0, 0, 0,
                200, true, cache, replay, tokenBudget);
    }
}
