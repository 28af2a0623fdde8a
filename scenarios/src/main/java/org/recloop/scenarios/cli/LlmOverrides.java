package org.recloop.scenarios.cli;

import org.recloop.agents.llm.Environment;
import picocli.CommandLine.Option;

/**
 * {@code --llm-base-url} and {@code --llm-model}: point every LLM-driven population of the run at
 * another OpenAI-compatible or Ollama server without editing the scenario. They win over
 * RECLOOP_LLM_BASE_URL / RECLOOP_LLM_MODEL, which win over the scenario. Set for the command's
 * duration only ({@link #close}).
 */
final class LlmOverrides implements AutoCloseable {

    @Option(names = "--llm-base-url", paramLabel = "URL",
            description = "base URL of the LLM server for llm users, e.g. http://localhost:8000/v1 (vLLM)")
    String baseUrl;

    @Option(names = "--llm-model", paramLabel = "NAME", description = "model name for llm users")
    String model;

    /** Checks the values; null when fine, else the reason. */
    String problem() {
        if (baseUrl != null) {
            try {
                java.net.URI u = new java.net.URI(baseUrl.trim());
                if (u.getScheme() == null || !(u.getScheme().equalsIgnoreCase("http") || u.getScheme().equalsIgnoreCase("https"))
                        || u.getHost() == null) {
                    return "--llm-base-url must be an http(s) URL with a host, was '" + baseUrl + "'";
                }
            } catch (java.net.URISyntaxException e) {
                return "--llm-base-url is not a URL: " + e.getMessage();
            }
        }
        if (model != null && model.isBlank()) {
            return "--llm-model must not be blank";
        }
        return null;
    }

    /** Makes the values visible to the LLM user model for this process until {@link #close}. */
    LlmOverrides apply() {
        Environment.overrideForProcess(Environment.BASE_URL, baseUrl == null ? null : baseUrl.trim());
        Environment.overrideForProcess(Environment.MODEL, model == null ? null : model.trim());
        return this;
    }

    @Override
    public void close() {
        Environment.overrideForProcess(Environment.BASE_URL, null);
        Environment.overrideForProcess(Environment.MODEL, null);
    }
}
