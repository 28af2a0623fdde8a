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
 * ScenarioException} naming the file, the field path (or line and column) and the reason.
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
        JsonNode root;
        try {
            root = yaml.readTree(text);
        } catch (JsonProcessingException e) {
            var loc = e.getLocation();
            String where = loc == null ? "" : "line " + loc.getLineNr() + ", column " + loc.getColumnNr();
            throw new ScenarioException(label, where, "invalid YAML: " + firstLine(e.getOriginalMessage()));
        }
        if (root == null || root.isMissingNode() || root.isNull()) {
            throw new ScenarioException(label, "", "the file is empty");
        }
        if (!root.isObject()) {
            throw new ScenarioException(label, "", "expected a mapping of scenario fields at the top level");
        }
        Path base = Path.of(label).toAbsolutePath().getParent();
        try {
            return resolve((ObjectNode) root, text, label, base == null ? Path.of("") : base);
        } catch (FieldException e) {
            throw new ScenarioException(label, e.path(), e.reason());
        }
    }

    private ResolvedScenario resolve(ObjectNode root, String text, String label, Path base) {
        Scenario s;
        try {
            s = yaml.treeToValue(root, Scenario.class);
        } catch (JsonMappingException e) {
            throw JacksonErrors.toFieldException(e, "");
        } catch (JsonProcessingException e) {
            throw new FieldException("", e.getOriginalMessage());
        } catch (InvalidParameterException e) {
            throw new FieldException(e.field(), e.reason());
        }
        InputFiles inputs = new InputFiles();
        Component<CatalogSource> catalog = registry.resolve(Kind.CATALOG, s.world().catalog(), "world.catalog", base, inputs);
        Component<PopulationSource> population = registry.resolve(Kind.POPULATION, s.world().population(),
                "world.population", base, inputs);
        Component<GraphSource> graph = s.world().graph() == null
                ? registry.resolve(Kind.GRAPH, yaml.getNodeFactory().textNode("none"), "world.graph", base, inputs)
                : registry.resolve(Kind.GRAPH, s.world().graph(), "world.graph", base, inputs);
        Component<UserModel> users = registry.resolve(Kind.USER_MODEL, s.users(), "users", base, inputs);
        Component<Recommender> recommender = registry.resolve(Kind.RECOMMENDER, s.recommender(), "recommender", base, inputs);
        List<Component<Metric>> metrics = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        if (s.metrics() == null) {
            for (String m : StandardComponents.DEFAULT_METRICS) {
                metrics.add(registry.resolve(Kind.METRIC, yaml.getNodeFactory().textNode(m), "metrics", base, inputs));
            }
        } else {
            for (int i = 0; i < s.metrics().size(); i++) {
                Component<Metric> m = registry.resolve(Kind.METRIC, s.metrics().get(i), "metrics[" + i + "]", base, inputs);
                if (!seen.add(m.type())) {
                    throw new FieldException("metrics[" + i + "]", "metric '" + m.type() + "' is listed twice");
                }
                metrics.add(m);
            }
        }
        // an A/B split reports per arm without the scenario repeating its arms
        if (recommender.type().equals("ab-split") && !seen.contains("ab-arms")) {
            ObjectNode spec = yaml.createObjectNode().put("type", "ab-arms");
            ArrayNode arms = spec.putArray("arms");
            for (JsonNode a : recommender.resolved().path("arms")) {
                arms.addObject().put("name", a.path("name").asText()).put("share", a.path("share").asDouble());
            }
            metrics.add(registry.resolve(Kind.METRIC, spec, "metrics", base, inputs));
        }
        List<Component<Intervention>> interventions = new ArrayList<>();
        for (int i = 0; i < s.interventions().size(); i++) {
            String path = "interventions[" + i + "]";
            Component<Intervention> iv = registry.resolve(Kind.INTERVENTION, s.interventions().get(i), path, base, inputs);
            int at = iv.resolved().path("at").asInt(-1);
            if (at >= s.ticks()) {
                throw new FieldException(path + ".at", "must be below ticks (" + s.ticks() + "), was " + at);
            }
            interventions.add(iv);
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
