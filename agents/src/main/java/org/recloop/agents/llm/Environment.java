package org.recloop.agents.llm;

import java.util.Map;
import java.util.Optional;

/**
 * Where the LLM user model reads its environment variables: the process environment in runs, a
 * map in tests. Only three names are read: {@link #API_KEY}, {@link #BASE_URL} and {@link #MODEL}.
 * Blank values count as unset. Precedence for the base URL and model: command-line flag, then
 * environment variable, then the scenario.
 */
@FunctionalInterface
public interface Environment {

    /** The provider's API key; the only place a key may come from (never from a scenario). */
    String API_KEY = "RECLOOP_LLM_API_KEY";
    /** Overrides {@code provider.baseUrl}. */
    String BASE_URL = "RECLOOP_LLM_BASE_URL";
    /** Overrides {@code provider.model}. */
    String MODEL = "RECLOOP_LLM_MODEL";

    /** The raw value, or null when unset. */
    String raw(String name);

    /** The value, empty when unset or blank. */
    default Optional<String> get(String name) {
        String v = raw(name);
        return v == null || v.isBlank() ? Optional.empty() : Optional.of(v.trim());
    }

    /** The process environment. */
    static Environment system() {
        return System::getenv;
    }

    /**
     * This environment with {@code name} set to {@code value} (unchanged when the value is null):
     * how {@code recloop run --llm-base-url/--llm-model} reach the language models of their run,
     * and only theirs, so two runs in one JVM with different flags do not interfere. Only {@link
     * #BASE_URL} and {@link #MODEL}: an API key comes from the process environment only.
     */
    default Environment overriding(String name, String value) {
        if (!name.equals(BASE_URL) && !name.equals(MODEL)) {
            throw new IllegalArgumentException("only " + BASE_URL + " and " + MODEL + " can be overridden, not " + name);
        }
        if (value == null) {
            return this;
        }
        return n -> n.equals(name) ? value : raw(n);
    }

    /** A fixed map (tests). */
    static Environment of(Map<String, String> values) {
        Map<String, String> copy = Map.copyOf(values);
        return copy::get;
    }
}
