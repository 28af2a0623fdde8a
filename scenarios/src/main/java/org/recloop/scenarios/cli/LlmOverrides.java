package org.recloop.scenarios.cli;

import org.recloop.agents.llm.Environment;
import picocli.CommandLine.Option;

/**
 * {@code --llm-base-url} and {@code --llm-model}: point every LLM-driven population of the run at
 * another OpenAI-compatible or Ollama server without editing the scenario. They win over
 * RECLOOP_LLM_BASE_URL / RECLOOP_LLM_MODEL, which win over the scenario. They reach only the
 * command's own runs ({@link #environment}).
 */
final class LlmOverrides {

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

    /**
     * The environment the run's language models read: the process environment with these values
     * over it. Passed down to the run ({@link org.recloop.scenarios.runner.ScenarioRunner}), never
     * set process-wide, so runs in one JVM with different flags keep their own.
     */
    Environment environment() {
        return Environment.system().overriding(Environment.BASE_URL, baseUrl == null ? null : baseUrl.trim())
                .overriding(Environment.MODEL, model == null ? null : model.trim());
    }
}
