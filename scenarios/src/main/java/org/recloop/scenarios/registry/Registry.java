package org.recloop.scenarios.registry;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.recloop.scenarios.schema.FieldException;
import org.recloop.scenarios.schema.JacksonErrors;

/**
 * Maps a scenario's {@code type:} names to components. A component is one class with a nested
 * {@code Params} record (defaults and validation in its compact constructor) plus one line in
 * {@link StandardComponents}; nothing else changes when one is added.
 *
 * <p>Resolution checks everything a scenario says about a component before any run starts: the
 * type exists, every field is known and of the right type, every value is in range. Errors carry
 * the full field path.
 */
public final class Registry {

    /**
     * Binds validated parameters to a factory of fresh instances. May resolve nested components
     * (e.g. the recommender an intervention switches to) through {@code nested}.
     */
    @FunctionalInterface
    public interface Factory<P, T> {
        Supplier<T> bind(P params, Nested nested);
    }

    /** Resolves nested components and data-file paths of the component being resolved. */
    public interface Nested {
        /** Resolves a nested component spec relative to the current component's path. */
        <T> Component<T> resolve(Kind kind, JsonNode spec, String field);

        /** A data file named in the scenario: relative paths are relative to the scenario file's folder. */
        java.nio.file.Path file(String path);

        /**
         * The capabilities of the run that is creating the component (ground truth, language
         * models): call it inside the returned supplier, when an instance is made, not while
         * binding. Components look capabilities up when they need them, since the run may grant
         * some after creating them. Outside a run: none.
         */
        default org.recloop.core.capability.Capabilities capabilities() {
            return CreationScope.current();
        }
    }

    /**
     * @param kind what it is
     * @param name its {@code type:} name
     * @param params its parameter record
     * @param factory binds parameters to instances
     * @param summary one line for the README and the CLI's listing
     */
    public record Entry<P, T>(Kind kind, String name, Class<P> params, Factory<P, T> factory, String summary) {}

    private final Map<Kind, Map<String, Entry<?, ?>>> entries = new EnumMap<>(Kind.class);
    private final ObjectMapper mapper;

    public Registry(ObjectMapper mapper) {
        this.mapper = Objects.requireNonNull(mapper);
        for (Kind k : Kind.values()) {
            entries.put(k, new TreeMap<>());
        }
    }

    /** Adds a component. */
    public <P, T> Registry register(Kind kind, String name, Class<P> params, Factory<P, T> factory, String summary) {
        if (entries.get(kind).putIfAbsent(name, new Entry<>(kind, name, params, factory, summary)) != null) {
            throw new IllegalArgumentException("duplicate " + kind.label() + " type '" + name + "'");
        }
        return this;
    }

    /** The registered names of a kind, sorted. */
    public Set<String> names(Kind kind) {
        return Collections.unmodifiableSet(entries.get(kind).keySet());
    }

    public Map<String, Entry<?, ?>> entries(Kind kind) {
        return Collections.unmodifiableMap(entries.get(kind));
    }

    /**
     * Resolves a component spec: a mapping with a {@code type} and the component's parameters, or
     * just a type name as a string.
     *
     * @param path the spec's field path in the scenario, for errors (e.g. {@code recommender})
     */
    public <T> Component<T> resolve(Kind kind, JsonNode spec, String path) {
        return resolve(kind, spec, path, java.nio.file.Path.of(""));
    }

    /**
     * As {@link #resolve(Kind, JsonNode, String)}, with data-file paths resolved against
     * {@code baseDir} (the scenario file's folder).
     */
    public <T> Component<T> resolve(Kind kind, JsonNode spec, String path, java.nio.file.Path baseDir) {
        return resolve(kind, spec, path, baseDir, new InputFiles());
    }

    /**
     * As {@link #resolve(Kind, JsonNode, String, java.nio.file.Path)}, noting every data file the
     * component (or a nested one) names in {@code inputs}.
     */
    @SuppressWarnings("unchecked")
    public <T> Component<T> resolve(Kind kind, JsonNode spec, String path, java.nio.file.Path baseDir,
            InputFiles inputs) {
        if (spec == null || spec.isNull() || spec.isMissingNode()) {
            throw new FieldException(path, "is required");
        }
        ObjectNode params;
        String type;
        if (spec.isTextual()) {
            type = spec.asText();
            params = mapper.createObjectNode();
        } else if (spec.isObject()) {
            JsonNode t = spec.get("type");
            if (t == null || t.isNull()) {
                throw new FieldException(join(path, "type"), "is required; available " + kind.label() + " types: "
                        + String.join(", ", names(kind)));
            }
            if (!t.isTextual()) {
                throw new FieldException(join(path, "type"), "must be a name, was " + t);
            }
            type = t.asText();
            params = ((ObjectNode) spec).deepCopy();
            params.remove("type");
        } else {
            throw new FieldException(path, "expected a mapping with a 'type' field or a type name, was " + spec);
        }
        Entry<Object, T> entry = (Entry<Object, T>) entries.get(kind).get(type);
        if (entry == null) {
            throw new FieldException(join(path, "type"), "unknown " + kind.label() + " type '" + type
                    + "'; available: " + String.join(", ", names(kind)));
        }
        Object p;
        try {
            p = mapper.treeToValue(params, entry.params());
        } catch (JsonMappingException e) {
            throw JacksonErrors.toFieldException(e, path);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new FieldException(path, e.getOriginalMessage());
        } catch (IllegalArgumentException e) {
            throw new FieldException(path, e.getMessage());
        }
        Supplier<T> factory;
        try {
            factory = entry.factory().bind(p, new Nested() {
                @Override
                public <N> Component<N> resolve(Kind k, JsonNode s, String field) {
                    return Registry.this.resolve(k, s, join(path, field), baseDir, inputs);
                }

                @Override
                public java.nio.file.Path file(String f) {
                    java.nio.file.Path pth = java.nio.file.Path.of(f);
                    java.nio.file.Path resolvedFile = pth.isAbsolute() ? pth : baseDir.resolve(pth).normalize();
                    inputs.add(path, resolvedFile);
                    return resolvedFile;
                }
            });
        } catch (org.recloop.core.config.InvalidParameterException e) {
            throw new FieldException(join(path, e.field()), e.reason());
        }
        ObjectNode resolved = mapper.createObjectNode();
        resolved.put("type", type);
        JsonNode tree = mapper.valueToTree(p);
        if (tree.isObject()) {
            resolved.setAll((ObjectNode) tree);
        }
        return new Component<>(type, resolved, factory);
    }

    static String join(String path, String field) {
        return path == null || path.isEmpty() ? field : path + "." + field;
    }
}
