package org.recloop.scenarios.schema;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/**
 * Where each field path of a YAML text starts (line and column, 1-based), so a problem found in
 * the parsed tree can point at the text. Jackson's tree keeps no locations, so the text is walked
 * once more with the streaming parser. Paths use the loader's syntax: {@code world.catalog.items},
 * {@code metrics[1]}, {@code interventions[0].recommender.factors}. A field is located at its key, a
 * list item at its first token.
 */
final class YamlLocations {

    /** A position in the text; line 0 means unknown. */
    record Location(int line, int column) {
        static final Location START = new Location(1, 1);
        static final Location UNKNOWN = new Location(0, 0);
    }

    private final Map<String, Location> byPath;

    private YamlLocations(Map<String, Location> byPath) {
        this.byPath = byPath;
    }

    /** The locations of every field and list item of {@code text}; none if the text does not parse. */
    static YamlLocations of(String text) {
        Map<String, Location> map = new HashMap<>();
        try (JsonParser p = new YAMLFactory().createParser(text)) {
            // one frame per open container: its path, and for lists the index of the next item
            Deque<String> paths = new ArrayDeque<>();
            Deque<int[]> indices = new ArrayDeque<>();
            String field = null;
            for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
                if (t == JsonToken.FIELD_NAME) {
                    field = join(paths.isEmpty() ? "" : paths.peek(), p.currentName());
                    map.putIfAbsent(field, at(p.currentTokenLocation()));
                    continue;
                }
                if (t == JsonToken.END_OBJECT || t == JsonToken.END_ARRAY) {
                    paths.pop();
                    indices.pop();
                    field = null;
                    continue;
                }
                String path;
                if (!indices.isEmpty() && indices.peek()[0] >= 0) { // an item of a list
                    path = paths.peek() + "[" + indices.peek()[0]++ + "]";
                    map.putIfAbsent(path, at(p.currentTokenLocation()));
                } else {
                    path = field == null ? "" : field;
                }
                if (t == JsonToken.START_OBJECT) {
                    paths.push(path);
                    indices.push(new int[] {-1});
                } else if (t == JsonToken.START_ARRAY) {
                    paths.push(path);
                    indices.push(new int[] {0});
                }
                field = null;
            }
        } catch (IOException | RuntimeException e) {
            // a syntax error is reported by the tree parse; locate what was read so far
        }
        return new YamlLocations(map);
    }

    /**
     * The location of {@code path}, or of its nearest enclosing field or item that is in the text
     * (a missing field is located at its parent), or the start of the file.
     */
    Location find(String path) {
        String p = path == null ? "" : path;
        while (!p.isEmpty()) {
            Location l = byPath.get(p);
            if (l != null) {
                return l;
            }
            p = parent(p);
        }
        return Location.START;
    }

    /** {@code a.b[2].c} -> {@code a.b[2]} -> {@code a.b} -> {@code a} -> {@code ""}. */
    static String parent(String path) {
        int cut = Math.max(path.lastIndexOf('.'), path.lastIndexOf('['));
        return cut <= 0 ? "" : path.substring(0, cut);
    }

    private static Location at(JsonLocation l) {
        return l == null || l.getLineNr() <= 0 ? Location.UNKNOWN : new Location(l.getLineNr(), l.getColumnNr());
    }

    private static String join(String path, String field) {
        return path.isEmpty() ? field : path + "." + field;
    }
}
