package org.recloop.agents.llm;

import java.util.Map;
import java.util.Optional;

/**
 * Where the LLM user model reads its environment variables: the process environment in runs, a
 * map in tests. Only three names are read: {@link #API_KEY}, {@link #BASE_URL} and {@link #MODEL}.
 * Blank values count as unset.
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

    /** A fixed map (tests). */
    static Environment of(Map<String, String> values) {
        Map<String, String> copy = Map.copyOf(values);
        return copy::get;
    }
}
