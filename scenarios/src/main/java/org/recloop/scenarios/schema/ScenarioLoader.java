package org.recloop.scenarios.schema;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.List;
import java.util.Set;
import org.recloop.core.act.Intervention;
import org.recloop.core.config.InvalidParameterException;
import org.recloop.core.metric.Metric;
import org.recloop.core.react.UserModel;
import org.recloop.core.serve.Recommender;
import org.recloop.core.world.CatalogSource;
import org.recloop.core.world.GraphSource;
import org.recloop.core.world.PopulationSource;
import org.recloop.scenarios.registry.Component;
import org.recloop.scenarios.registry.InputFiles;
import org.recloop.scenarios.registry.Kind;
import org.recloop.scenarios.registry.Registry;
import org.recloop.scenarios.registry.StandardComponents;

/**
 * Reads a scenario file and resolves it completely (syntax, schema, every component's
 * parameters, cross-field rules) before anything runs. Any problem becomes one {@link
 * ScenarioException} listing every problem found, each with the file, line and column, field
 * path and reason: each top-level section and each component is checked on its own, so one
 * mistake does not hide the others (within one section or component, checking stops at its first
 * problem). A component whose type is unknown is not checked further.
 */
public final class ScenarioLoader {

    private final ObjectMapper yaml;
    private final Registry registry;

    public ScenarioLoader() {
        this(StandardComponents.registry(newMapper()));
    }

    public ScenarioLoader(Registry registry) {
        this.yaml = newMapper();
        this.registry = registry;
    }

    /** The YAML mapper with the strict settings scenarios are read with. */
    public static ObjectMapper newMapper() {
        YAMLMapper m = new YAMLMapper();
        m.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        m.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        m.enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
        m.disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);
        m.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        return m;
    }

    public Registry registry() {
        return registry;
    }

    public ResolvedScenario load(Path file) {
        String label = file.toString();
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new ScenarioException(label, "", "no such file");
        } catch (IOException e) {
            throw new ScenarioException(label, "", "cannot read: " + e.getMessage());
        }
        return parse(text, label);
    }

    /** Parses and resolves scenario text; {@code label} names it in errors. */
    public ResolvedScenario parse(String text, String label) {
        return parse(text, label, text);
    }

    /**
     * As {@link #parse(String, String)}, with problems located in {@code locateIn}: the text the
     * user wrote, when {@code text} was derived from it (a sweep arm).
     */
    public ResolvedScenario parse(String text, String label, String locateIn) {
        JsonNode root;
        try {
            root = yaml.readTree(text);
        } catch (JsonProcessingException e) {
            var loc = e.getLocation();
            throw new ScenarioException(label, List.of(new ScenarioException.Problem(label,
                    loc == null ? 0 : loc.getLineNr(), loc == null ? 0 : loc.getColumnNr(), "",
                    "invalid YAML: " + firstLine(e.getOriginalMessage()))));
        }
        if (root == null || root.isMissingNode() || root.isNull()) {
            throw new ScenarioException(label, "", "the file is empty");
        }
        if (!root.isObject()) {
            throw new ScenarioException(label, "", "expected a mapping of scenario fields at the top level");
        }
        Path base = Path.of(label).toAbsolutePath().getParent();
        ScenarioProblems problems = new ScenarioProblems(label, root, YamlLocations.of(locateIn));
        ResolvedScenario rs = resolve((ObjectNode) root, text, label, base == null ? Path.of("") : base, problems);
        problems.throwIfAny();
        return rs;
    }

    /**
     * The smallest valid top level. Each top-level field is checked on its own by putting it (or
     * taking it out, when the file lacks it) into a copy of this, so one section's mistake does
     * not hide another's.
     */
    private ObjectNode minimalTopLevel() {
        ObjectNode m = yaml.createObjectNode();
        m.put("name", "probe").put("ticks", 1).put("users", "probe").put("recommender", "probe");
        m.putObject("world").put("catalog", "probe").put("population", "probe");
        return m;
    }

    /** The top level, or null after adding its problems: every section's, not only the first. */
    private Scenario topLevel(ObjectNode root, ScenarioProblems problems) {
        Set<String> fields = new LinkedHashSet<>();
        for (var c : Scenario.class.getRecordComponents()) {
            fields.add(c.getName());
        }
        // a typo such as 'reccommender' is reported as the typo, not also as 'recommender' missing
        Set<String> suggested = new HashSet<>();
        root.fieldNames().forEachRemaining(f -> {
            if (!fields.contains(f)) {
                suggested.add(JacksonErrors.closest(f, fields));
            }
        });
        Set<String> keys = new LinkedHashSet<>(fields);
        root.fieldNames().forEachRemaining(keys::add);
        int before = problems.count();
        ObjectNode minimal = minimalTopLevel();
        for (String key : keys) {
            ObjectNode probe = minimal.deepCopy();
            if (root.has(key)) {
                probe.set(key, root.get(key));
            } else if (suggested.contains(key)) {
                continue;
            } else {
                probe.remove(key);
            }
            FieldException e = check(probe);
            if (e != null) {
                problems.add(e);
            }
        }
        if (problems.count() > before) {
            return null;
        }
        try {
            return yaml.treeToValue(root, Scenario.class);
        } catch (JsonProcessingException | RuntimeException e) {
            problems.add(fieldException(e));
            return null;
        }
    }

    private FieldException check(ObjectNode topLevel) {
        try {
            yaml.treeToValue(topLevel, Scenario.class);
            return null;
        } catch (JsonProcessingException | RuntimeException e) {
            return fieldException(e);
        }
    }

    private static FieldException fieldException(Exception e) {
        if (e instanceof JsonMappingException m) {
            return JacksonErrors.toFieldException(m, "");
        }
        if (e instanceof JsonProcessingException p) {
            return new FieldException("", p.getOriginalMessage());
        }
        if (e instanceof InvalidParameterException ipe) {
            return new FieldException(ipe.field(), ipe.reason());
        }
        if (e instanceof FieldException f) {
            return f;
        }
        throw (RuntimeException) e;
    }

    /** Resolves one component, adding its problem (if any) instead of throwing; null then. */
    private <T> Component<T> component(ScenarioProblems problems, Kind kind, JsonNode spec, String path, Path base,
            InputFiles inputs) {
        try {
            return registry.resolve(kind, spec, path, base, inputs);
        } catch (FieldException e) {
            problems.add(e);
            return null;
        }
    }

    private static boolean present(JsonNode n) {
        return n != null && !n.isMissingNode() && !n.isNull();
    }

    private ResolvedScenario resolve(ObjectNode root, String text, String label, Path base, ScenarioProblems problems) {
        Scenario s = topLevel(root, problems);
        InputFiles inputs = new InputFiles();
        // each component is checked even when another section has problems; absent ones were
        // reported by the top level's checks
        JsonNode w = root.path("world");
        Component<CatalogSource> catalog = present(w.path("catalog"))
                ? component(problems, Kind.CATALOG, w.path("catalog"), "world.catalog", base, inputs) : null;
        Component<PopulationSource> population = present(w.path("population"))
                ? component(problems, Kind.POPULATION, w.path("population"), "world.population", base, inputs) : null;
        Component<GraphSource> graph = component(problems, Kind.GRAPH,
                present(w.path("graph")) ? w.path("graph") : yaml.getNodeFactory().textNode("none"), "world.graph", base,
                inputs);
        Component<UserModel> users = present(root.path("users"))
                ? component(problems, Kind.USER_MODEL, root.path("users"), "users", base, inputs) : null;
        Component<Recommender> recommender = present(root.path("recommender"))
                ? component(problems, Kind.RECOMMENDER, root.path("recommender"), "recommender", base, inputs) : null;
        List<Component<Metric>> metrics = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        if (!present(root.path("metrics"))) {
            for (String m : StandardComponents.DEFAULT_METRICS) {
                metrics.add(registry.resolve(Kind.METRIC, yaml.getNodeFactory().textNode(m), "metrics", base, inputs));
            }
        } else if (root.path("metrics").isArray()) {
            for (int i = 0; i < root.path("metrics").size(); i++) {
                Component<Metric> m = component(problems, Kind.METRIC, root.path("metrics").get(i), "metrics[" + i + "]",
                        base, inputs);
                if (m != null && !seen.add(m.type())) {
                    problems.add("metrics[" + i + "]", "metric '" + m.type() + "' is listed twice");
                }
                metrics.add(m);
            }
        }
        // an A/B split reports per arm without the scenario repeating its arms
        if (recommender != null && recommender.type().equals("ab-split") && !seen.contains("ab-arms")) {
            ObjectNode spec = yaml.createObjectNode().put("type", "ab-arms");
            ArrayNode arms = spec.putArray("arms");
            for (JsonNode a : recommender.resolved().path("arms")) {
                arms.addObject().put("name", a.path("name").asText()).put("share", a.path("share").asDouble());
            }
            metrics.add(registry.resolve(Kind.METRIC, spec, "metrics", base, inputs));
        }
        // every run says whether its recommender learns: shares of the random-ideal gap
        if (!seen.contains("learnability")) {
            metrics.add(registry.resolve(Kind.METRIC, yaml.getNodeFactory().textNode("learnability"), "metrics", base,
                    inputs));
        }
        List<Component<Intervention>> interventions = new ArrayList<>();
        JsonNode ivNodes = root.path("interventions");
        for (int i = 0; ivNodes.isArray() && i < ivNodes.size(); i++) {
            String path = "interventions[" + i + "]";
            Component<Intervention> iv = component(problems, Kind.INTERVENTION, ivNodes.get(i), path, base, inputs);
            int at = iv == null ? -1 : iv.resolved().path("at").asInt(-1);
            if (s != null && at >= s.ticks()) {
                problems.add(path + ".at", "must be below ticks (" + s.ticks() + "), was " + at);
            }
            interventions.add(iv);
        }
        if (s != null) {
            Map<String, Component<?>> components = new LinkedHashMap<>();
            components.put("world.catalog", catalog);
            components.put("world.population", population);
            components.put("users", users);
            components.put("recommender", recommender);
            for (int i = 0; i < interventions.size(); i++) {
                components.put("interventions[" + i + "]", interventions.get(i));
            }
            SizeLimits.check(s, components, problems);
            AttackChecks.check(s, catalog, interventions, problems);
            ForgetChecks.check(population, interventions, problems);
            GroupChecks.check(users, interventions, problems);
            UnlearningChecks.check(recommender, interventions, problems);
        }
        if (problems.count() > 0) {
            return null;
        }
        ObjectNode resolved = yaml.createObjectNode();
        resolved.put("name", s.name());
        resolved.put("description", s.description());
        resolved.put("seed", s.seed());
        resolved.put("ticks", s.ticks());
        resolved.put("slateSize", s.slateSize());
        if (s.threads() != null) {
            resolved.put("threads", s.threads());
        }
        ObjectNode world = resolved.putObject("world");
        world.set("catalog", catalog.resolved());
        world.set("population", population.resolved());
        world.set("graph", graph.resolved());
        resolved.set("users", users.resolved());
        resolved.set("recommender", recommender.resolved());
        resolved.set("learn", yaml.valueToTree(s.learn()));
        resolved.set("feed", yaml.valueToTree(s.feed()));
        ArrayNode ms = resolved.putArray("metrics");
        metrics.forEach(m -> ms.add(m.resolved()));
        ArrayNode ivs = resolved.putArray("interventions");
        interventions.forEach(iv -> ivs.add(iv.resolved()));
        resolved.set("log", yaml.valueToTree(s.log()));
        return new ResolvedScenario(label, text, s, catalog, population, graph, users, recommender, List.copyOf(metrics),
                List.copyOf(interventions), resolved, inputs);
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return (nl < 0 ? s : s.substring(0, nl)).trim();
    }
}
