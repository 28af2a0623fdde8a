package org.recloop.recommenders.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.recloop.core.lm.ChatProvider;

/** An LLM recommender's model section takes the LLM users' server fields, defaults and checks. */
class ChatModelParamsTest {

    @Test
    void serverFieldsAreTheProvidersWithTheirDefaults() {
        ChatModelParams d = ChatModelParams.defaults();
        assertThat(d.server()).isEqualTo(ChatProvider.defaults());
        assertThat(d.cache().named()).isFalse();
        assertThat(d.tokenBudget()).isZero();
        ChatModelParams ollama = new ChatModelParams("ollama", null, null, null, null, null, null, null, null, null, null,
                null, null, null, null, 100L);
        assertThat(ollama.baseUrl()).isEqualTo("http://localhost:11434");
        assertThat(ollama.server().model()).isEqualTo("qwen2.5:1.5b");
    }

    @Test
    void serverFieldsAreCheckedAsTheProviderChecksThem() {
        assertThatThrownBy(() -> new ChatModelParams(null, null, null, null, null, null, 5000, null, null, null, null, null,
                null, null, null, null)).hasMessageContaining("maxConcurrent").hasMessageContaining("must be at most 4,096");
        assertThatThrownBy(() -> new ChatModelParams(null, null, null, null, null, null, null, null, null, null, null, null,
                null, null, null, -1L)).hasMessageContaining("tokenBudget");
    }
}
