package org.recloop.core.lm;

import org.recloop.core.config.InvalidParameterException;

/**
 * The response cache of a chat model ({@code cache:} sections): the file and how it answers.
 *
 * @param path H2 database file of the response cache (relative to the scenario's folder); null =
 *     no cache
 * @param mode {@code readwrite}: answer from the cache, ask the model on a miss and store the
 *     answer; {@code replay}: answer only from the cache and fail on a miss (no LLM needed)
 */
public record ResponseCacheParams(String path, String mode) {
    public ResponseCacheParams {
        mode = mode == null ? "readwrite" : mode;
        if (!mode.equals("readwrite") && !mode.equals("replay")) {
            throw new InvalidParameterException("mode", "must be 'readwrite' or 'replay', was '" + mode + "'");
        }
        if (mode.equals("replay") && (path == null || path.isBlank())) {
            throw new InvalidParameterException("path", "is required with mode 'replay'");
        }
        if (path != null) {
            org.recloop.core.log.H2Url.problem(path).ifPresent(why -> {
                throw new InvalidParameterException("path", why);
            });
        }
    }

    /** True when a cache file is named. */
    public boolean named() {
        return path != null && !path.isBlank();
    }
}
