package org.recloop.core.lm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.recloop.core.config.InvalidParameterException;

/** The one place where every chat model section of a scenario gets its defaults and checks. */
class ChatProviderTest {

    private static ChatProvider with(String type, String model, Integer maxConcurrent, String baseUrlsFile) {
        return new ChatProvider(type, null, null, baseUrlsFile, model, null, maxConcurrent, null, null, null, null, null,
                null, null);
    }

    @Test
    void defaultsDependOnTheServerType() {
        ChatProvider d = ChatProvider.defaults();
        assertThat(d.type()).isEqualTo("openai");
        assertThat(d.baseUrl()).isEqualTo("http://localhost:8000/v1");
        assertThat(d.model()).isEqualTo("Qwen/Qwen2.5-1.5B-Instruct");
        assertThat(List.of(d.timeoutMs(), d.maxConcurrent(), d.maxRetries(), d.backoffMs(), d.maxTokens()))
                .containsExactly(30_000, 64, 2, 500, 200);
        assertThat(d.jsonMode()).isTrue();
        assertThat(d.maxResponseBytes()).isEqualTo(1L << 20);
        ChatProvider ollama = with("ollama", null, null, null);
        assertThat(ollama.baseUrl()).isEqualTo("http://localhost:11434");
        assertThat(ollama.model()).isEqualTo("qwen2.5:1.5b");
    }

    @Test
    void badValuesNameTheirField() {
        assertThatThrownBy(() -> with("gemini", null, null, null)).isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("type").hasMessageContaining("must be 'openai' or 'ollama', was 'gemini'");
        assertThatThrownBy(() -> with(null, " ", null, null)).hasMessageContaining("model")
                .hasMessageContaining("must not be blank");
        assertThatThrownBy(() -> with(null, null, 4097, null)).hasMessageContaining("maxConcurrent")
                .hasMessageContaining("must be at most 4,096");
    }

    @Test
    void aServersFileThatCannotBeReadIsNamedUnderItsSection() {
        ChatProvider p = with(null, null, null, "servers.txt");
        Path missing = Path.of("no-such-folder", "servers.txt");
        assertThatThrownBy(() -> p.servers(f -> missing)).isInstanceOf(InvalidParameterException.class)
                .satisfies(e -> assertThat(((InvalidParameterException) e).field()).isEqualTo("provider.baseUrlsFile"));
        assertThatThrownBy(() -> p.spec(f -> missing, "model", Optional.empty(), false, 0))
                .satisfies(e -> assertThat(((InvalidParameterException) e).field()).isEqualTo("model.baseUrlsFile"));
    }
}
