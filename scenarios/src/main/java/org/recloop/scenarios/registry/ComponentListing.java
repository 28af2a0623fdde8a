package org.recloop.scenarios.registry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.recloop.core.config.InvalidParameterException;

/**
 * Every registered component with its one-line summary and its parameters with their defaults,
 * generated from the registry so that {@code recloop list} and the README's component table cannot
 * drift from the code. Defaults are what a component's {@code Params} record fills in when the
 * scenario gives nothing (Jackson reads an empty mapping into it); a parameter the record refuses
 * to leave out is listed as required.
 */
public final class ComponentListing {
    private ComponentListing() {}

    /**
     * One parameter of a component.
     *
     * @param name the scenario field
     * @param value its default as written in a scenario, {@code none} when unset, or {@code required}
     */
    public record Param(String name, String value) {}

    /** One component: its kind, {@code type:} name, summary and parameters in declaration order. */
    public record Line(Kind kind, String name, String summary, List<Param> params) {}

    /** The components of {@code kinds}, in kind order and by name. */
    public static List<Line> of(Registry registry, ObjectMapper mapper, Set<Kind> kinds) {
        List<Line> lines = new ArrayList<>();
        for (Kind k : Kind.values()) {
            if (kinds.contains(k)) {
                for (Registry.Entry<?, ?> e : registry.entries(k).values()) {
                    lines.add(new Line(k, e.name(), e.summary(), params(e.params(), mapper)));
                }
            }
        }
        return lines;
    }

    /** One block per kind, one line per component, its parameters indented below it. */
    public static String text(List<Line> lines) {
        StringBuilder sb = new StringBuilder();
        int width = lines.stream().mapToInt(l -> l.name().length()).max().orElse(0) + 2;
        Kind current = null;
        for (Line l : lines) {
            if (l.kind() != current) {
                sb.append(current == null ? "" : "\n").append(l.kind().label()).append("s\n");
                current = l.kind();
            }
            sb.append("  ").append(l.name()).append(" ".repeat(width - l.name().length())).append(l.summary())
                    .append('\n');
            StringBuilder line = new StringBuilder();
            for (Param p : l.params()) { // wrapped at about 110 columns
                String item = p.name() + "=" + p.value();
                if (line.length() > 0 && width + 2 + line.length() + 1 + item.length() > 110) {
                    sb.append("  ").append(" ".repeat(width)).append(line).append('\n');
                    line.setLength(0);
                }
                line.append(line.length() == 0 ? "" : " ").append(item);
            }
            if (line.length() > 0) {
                sb.append("  ").append(" ".repeat(width)).append(line).append('\n');
            }
        }
        return sb.toString();
    }

    /** The README's component table: a header and one row per component. */
    public static String markdown(List<Line> lines) {
        StringBuilder sb = new StringBuilder("| kind | type | parameters (default) | what it is |\n|---|---|---|---|\n");
        for (Line l : lines) {
            List<String> ps = new ArrayList<>();
            l.params().forEach(p -> ps.add("`" + p.name() + "` (" + p.value() + ")"));
            sb.append("| ").append(l.kind().label()).append(" | `").append(l.name()).append("` | ")
                    .append(ps.isEmpty() ? "none" : String.join(", ", ps)).append(" | ")
                    .append(l.summary().replace("|", "\\|")).append(" |\n");
        }
        return sb.toString();
    }

    /**
     * The parameters of a {@code Params} record with their defaults. Reads an empty mapping; when
     * the record refuses a missing field, that field is required: it gets a placeholder and the
     * read is tried again, so the other fields still show their defaults.
     */
    static List<Param> params(Class<?> type, ObjectMapper mapper) {
        if (!type.isRecord()) {
            return List.of();
        }
        RecordComponent[] components = type.getRecordComponents();
        ObjectNode probe = mapper.createObjectNode();
        Set<String> required = new LinkedHashSet<>();
        JsonNode defaults = null;
        for (int attempt = 0; attempt <= components.length && defaults == null; attempt++) {
            try {
                defaults = mapper.valueToTree(mapper.treeToValue(probe, type));
            } catch (ValueInstantiationException e) {
                if (!(e.getCause() instanceof InvalidParameterException ipe)) {
                    break;
                }
                String field = ipe.field().split("[.\\[]")[0];
                RecordComponent c = component(components, field);
                if (c == null) {
                    break;
                }
                if (!required.add(field)) {
                    if (c.getType() != String.class || probe.path(field).asText().startsWith("http")) {
                        break;
                    }
                    probe.put(field, "http://localhost:1/"); // a text field that wants an address
                } else {
                    probe.set(field, placeholder(c.getType(), mapper));
                }
            } catch (JsonProcessingException | IllegalArgumentException e) {
                break;
            }
        }
        List<Param> out = new ArrayList<>();
        for (RecordComponent c : components) {
            String name = c.getName();
            if (required.contains(name)) {
                out.add(new Param(name, "required"));
            } else if (defaults == null) {
                out.add(new Param(name, "?")); // the record refused every placeholder: no defaults to show
            } else {
                flatten(name, defaults.get(name), out);
            }
        }
        return out;
    }

    /** Nested parameter records as dotted names, as a sweep's {@code --param} names them. */
    private static void flatten(String name, JsonNode value, List<Param> out) {
        if (value != null && value.isObject() && value.size() > 0) {
            for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> f = it.next();
                flatten(name + "." + f.getKey(), f.getValue(), out);
            }
        } else {
            out.add(new Param(name, render(value)));
        }
    }

    private static RecordComponent component(RecordComponent[] components, String name) {
        for (RecordComponent c : components) {
            if (c.getName().equals(name)) {
                return c;
            }
        }
        return null;
    }

    private static JsonNode placeholder(Class<?> t, ObjectMapper mapper) {
        if (t == Integer.class || t == int.class || t == Long.class || t == long.class) {
            return mapper.getNodeFactory().numberNode(1);
        }
        if (t == Double.class || t == double.class) {
            return mapper.getNodeFactory().numberNode(0.5);
        }
        if (t == Boolean.class || t == boolean.class) {
            return mapper.getNodeFactory().booleanNode(true);
        }
        if (t.isRecord() || Map.class.isAssignableFrom(t)) {
            return mapper.createObjectNode();
        }
        if (List.class.isAssignableFrom(t)) {
            return mapper.createArrayNode().add(1); // ids (an attack's targets); lists of records stay refused
        }
        return mapper.getNodeFactory().textNode("random"); // names, paths and component specs
    }

    /** A default as it would be written in a scenario; {@code none} when the record leaves it unset. */
    static String render(JsonNode n) {
        if (n == null || n.isNull() || n.isMissingNode()) {
            return "none";
        }
        if (n.isObject()) {
            List<String> fs = new ArrayList<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> f = it.next();
                fs.add(f.getKey() + ": " + render(f.getValue()));
            }
            return "{" + String.join(", ", fs) + "}";
        }
        if (n.isArray()) {
            List<String> xs = new ArrayList<>();
            n.forEach(x -> xs.add(render(x)));
            return "[" + String.join(", ", xs) + "]";
        }
        return n.asText();
    }
}
