package org.recloop.scenarios.registry;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The data files a scenario names, in the order its components resolved them: every path that
 * goes through {@link Registry.Nested#file} is noted with the component that named it, so a run
 * can record their hashes without each component reporting its files. A component may resolve a
 * file only when it is created (the LLM response cache), so the list can grow until the run
 * starts; it is safe to use from several threads.
 */
public final class InputFiles {

    private final Map<Path, String> files = new LinkedHashMap<>();

    synchronized void add(String field, Path file) {
        files.putIfAbsent(file.toAbsolutePath().normalize(), field);
    }

    /** Each file with the component path that named it (e.g. {@code world.catalog}), in the order named. */
    public synchronized java.util.List<Map.Entry<Path, String>> inOrder() {
        return files.entrySet().stream().map(e -> Map.entry(e.getKey(), e.getValue())).toList();
    }
}
