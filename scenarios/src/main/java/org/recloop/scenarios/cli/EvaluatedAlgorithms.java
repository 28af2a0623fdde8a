package org.recloop.scenarios.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.recloop.core.serve.Recommender;
import org.recloop.scenarios.registry.Component;
import org.recloop.scenarios.registry.Kind;
import org.recloop.scenarios.registry.Registry;
import org.recloop.scenarios.schema.FieldException;

/**
 * Reads {@code evaluate --algorithms} into resolved, labelled recommenders. A value is a list of
 * comma-separated entries, each one of: a registry name ({@code als}); {@code NAME:PARAMS} as in
 * {@link AlgorithmSpec} ({@code bpr:factors=64,epochs=30}); a spec in scenario syntax, a YAML flow
 * mapping with a {@code type} ({@code {type: bpr, factors: 64}}); or {@code @FILE}, a YAML file
 * holding a list of specs (names or mappings). Commas inside braces or brackets do not split, and
 * a {@code key=value} entry after a {@code NAME:key=value} one continues its parameters.
 *
 * <p>Every spec is resolved through the registry before any data is read, so a bad one fails
 * early with its field path: {@code --algorithms[1].factors: must be > 0} for the second entry,
 * {@code FILE[0].lambda: ...} for the first spec of a file.
 *
 * <p>Labels (the {@code algorithm} column of the results) are the type name, followed by
 * {@code :key=value,...} for every parameter that differs from the type's defaults, in the order
 * of the component's parameters: so a label can be pasted back as a spec.
 */
final class EvaluatedAlgorithms {

    /** A resolved spec and its label. */
    record Labelled(String label, Component<Recommender> component) {}

    private EvaluatedAlgorithms() {}

    /**
     * Every entry of {@code values}, resolved and labelled, in order.
     *
     * @throws FieldException for a bad spec (path and reason) or a file that cannot be read
     * @throws IllegalArgumentException for a label given twice
     */
    static List<Labelled> resolve(List<String> values, ObjectMapper mapper, Registry registry) {
        List<Labelled> out = new ArrayList<>();
        List<String> entries = new ArrayList<>();
        for (String v : values) {
            entries.addAll(entries(v));
        }
        for (int i = 0; i < entries.size(); i++) {
            String e = entries.get(i);
            String path = "--algorithms[" + i + "]";
            if (e.startsWith("@")) {
                Path file = Path.of(e.substring(1));
                JsonNode list = readFile(mapper, file);
                for (int j = 0; j < list.size(); j++) {
                    out.add(labelled(registry, list.get(j), file + "[" + j + "]"));
                }
            } else {
                out.add(labelled(registry, node(mapper, e, path), path));
            }
        }
        List<String> seen = new ArrayList<>();
        for (Labelled l : out) {
            if (seen.contains(l.label())) {
                throw new IllegalArgumentException("--algorithms lists '" + l.label() + "' twice");
            }
            seen.add(l.label());
        }
        return out;
    }

    /** The entries of one value: split at commas outside braces, brackets and quotes. */
    static List<String> entries(String value) {
        List<String> parts = new ArrayList<>();
        int depth = 0;
        char quote = 0;
        int start = 0;
        for (int i = 0; i <= value.length(); i++) {
            char c = i < value.length() ? value.charAt(i) : ',';
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
            } else if (c == '{' || c == '[') {
                depth++;
            } else if (c == '}' || c == ']') {
                depth--;
            } else if (c == ',' && depth <= 0) {
                String part = value.substring(start, i).strip();
                start = i + 1;
                if (part.isEmpty()) {
                    continue;
                }
                // "bpr:factors=64,epochs=30": the second pair continues the first entry's parameters
                boolean pair = part.indexOf('=') > 0 && part.indexOf(':') < 0 && !part.startsWith("{")
                        && !part.startsWith("@");
                int last = parts.size() - 1;
                if (pair && last >= 0 && parts.get(last).indexOf(':') > 0 && parts.get(last).indexOf('=') > 0
                        && !parts.get(last).startsWith("{")) {
                    parts.set(last, parts.get(last) + "," + part);
                } else {
                    parts.add(part);
                }
            }
        }
        return parts;
    }

    private static JsonNode node(ObjectMapper mapper, String entry, String path) {
        if (entry.startsWith("{")) {
            try {
                return mapper.readTree(entry);
            } catch (JsonProcessingException e) {
                throw new FieldException(path, "cannot read the spec '" + entry + "': " + e.getOriginalMessage());
            }
        }
        try {
            return AlgorithmSpec.parse(mapper, entry);
        } catch (IllegalArgumentException e) {
            throw new FieldException(path, e.getMessage());
        }
    }

    private static JsonNode readFile(ObjectMapper mapper, Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new FieldException(file.toString(), "cannot read the spec file: " + e.getMessage());
        }
        JsonNode list;
        try {
            list = mapper.readTree(text);
        } catch (JsonProcessingException e) {
            throw new FieldException(file.toString(), "not valid YAML: " + e.getOriginalMessage());
        }
        if (list == null || !list.isArray() || list.isEmpty()) {
            throw new FieldException(file.toString(), "must hold a non-empty YAML list of algorithm specs"
                    + " (names or mappings with a 'type')");
        }
        return list;
    }

    private static Labelled labelled(Registry registry, JsonNode spec, String path) {
        Component<Recommender> c = registry.resolve(Kind.RECOMMENDER, spec, path);
        return new Labelled(label(registry, c), c);
    }

    /** The type, plus {@code :key=value,...} for the parameters that differ from the defaults. */
    static String label(Registry registry, Component<Recommender> c) {
        ObjectNode defaults;
        try {
            defaults = registry.<Recommender>resolve(Kind.RECOMMENDER, c.resolved().get("type"), "defaults")
                    .resolved();
        } catch (FieldException e) {
            defaults = c.resolved().objectNode(); // a type without defaults for everything: list all its parameters
        }
        StringBuilder sb = new StringBuilder(c.type());
        char sep = ':';
        Iterator<Map.Entry<String, JsonNode>> fields = c.resolved().fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> f = fields.next();
            if (f.getKey().equals("type") || f.getValue().isNull() || f.getValue().equals(defaults.get(f.getKey()))) {
                continue;
            }
            JsonNode v = f.getValue();
            sb.append(sep).append(f.getKey()).append('=').append(v.isValueNode() ? v.asText() : v.toString());
            sep = ',';
        }
        return sb.toString();
    }
}
