package org.recloop.scenarios.schema;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The problems found while resolving one scenario file. The loader checks each top-level section
 * and each component on its own and adds what it finds here instead of stopping at the first
 * problem, so a user fixes a file in one round. Each problem is located in the text and, where the
 * field has a plain value that the reason does not quote yet, the value is added.
 */
final class ScenarioProblems {

    private final String file;
    private final JsonNode root;
    private final YamlLocations locations;
    private final Set<String> seen = new LinkedHashSet<>();
    private final List<ScenarioException.Problem> problems = new ArrayList<>();

    ScenarioProblems(String file, JsonNode root, YamlLocations locations) {
        this.file = file;
        this.root = root;
        this.locations = locations;
    }

    void add(FieldException e) {
        add(e.path(), e.reason());
    }

    void add(String path, String reason) {
        if (!seen.add(path + "\u0000" + reason)) {
            return; // two checks can meet the same problem (a section and its component)
        }
        JsonNode value = nodeAt(root, path);
        String why = reason;
        if (value != null && value.isValueNode() && !value.isNull() && !reason.startsWith("unknown field")
                && !reason.contains(value.asText()) && !reason.contains(", was ")) {
            why = reason + ", was " + value.asText();
        }
        YamlLocations.Location at = locations.find(path);
        problems.add(new ScenarioException.Problem(file, at.line(), at.column(), path, why));
    }

    int count() {
        return problems.size();
    }

    /** Throws every problem at once, in the order they appear in the file; returns if there is none. */
    void throwIfAny() {
        if (problems.isEmpty()) {
            return;
        }
        List<ScenarioException.Problem> sorted = new ArrayList<>(problems);
        sorted.sort(Comparator.comparingInt(ScenarioException.Problem::line)
                .thenComparingInt(ScenarioException.Problem::column));
        throw new ScenarioException(file, sorted);
    }

    /** The node at a loader path ({@code a.b[2].c}), or null if there is none. */
    static JsonNode nodeAt(JsonNode root, String path) {
        if (path == null || path.isEmpty()) {
            return null;
        }
        JsonNode n = root;
        for (String part : path.split("\\.")) {
            int br = part.indexOf('[');
            String field = br < 0 ? part : part.substring(0, br);
            n = field.isEmpty() ? n : n.path(field);
            while (br >= 0) {
                int end = part.indexOf(']', br);
                if (end < 0) {
                    return null;
                }
                try {
                    n = n.path(Integer.parseInt(part.substring(br + 1, end)));
                } catch (NumberFormatException e) {
                    return null;
                }
                br = part.indexOf('[', end);
            }
        }
        return n.isMissingNode() ? null : n;
    }
}
