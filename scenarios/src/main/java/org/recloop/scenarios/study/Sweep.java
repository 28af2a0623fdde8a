package org.recloop.scenarios.study;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import org.apache.commons.math3.distribution.TDistribution;
import org.recloop.agents.llm.Environment;
import org.recloop.core.world.LoadPolicy;
import org.recloop.core.log.RunStatus;
import org.recloop.scenarios.runner.RunResult;
import org.recloop.scenarios.runner.ScenarioRunner;
import org.recloop.scenarios.runner.StopSignal;
import org.recloop.scenarios.schema.ResolvedScenario;
import org.recloop.scenarios.schema.ScenarioException;
import org.recloop.scenarios.schema.ScenarioLoader;

/**
 * A grid of scenario parameter values × seeds. Every grid point is resolved (validated) before
 * any run starts. The seeds are the same for every arm: seed i of arm A and seed i of arm B share
 * the world (items, users), the arrival draws and every reaction draw keyed by (user, tick), so
 * arms are compared with common random numbers and their per-seed differences are paired.
 */
public final class Sweep {

    /**
     * A parameter axis: a dotted field path of the scenario (list items as {@code name[i]}) and
     * the values it takes, each a YAML value ({@code 0.5}, {@code als}, {@code {type: random}}).
     */
    public record Axis(String path, List<String> values) {
        public Axis {
            values = List.copyOf(values);
            if (path.isBlank() || values.isEmpty()) {
                throw new IllegalArgumentException("a parameter needs a path and at least one value");
            }
        }

        /** Parses {@code path=v1,v2,...}; values containing commas must be in braces or brackets. */
        public static Axis parse(String spec) {
            int eq = spec.indexOf('=');
            if (eq <= 0 || eq == spec.length() - 1) {
                throw new IllegalArgumentException("--param must look like path=v1,v2,... ; was '" + spec + "'");
            }
            List<String> vals = new ArrayList<>();
            int depth = 0;
            StringBuilder cur = new StringBuilder();
            for (char c : spec.substring(eq + 1).toCharArray()) {
                if (c == '{' || c == '[') {
                    depth++;
                } else if (c == '}' || c == ']') {
                    depth--;
                }
                if (c == ',' && depth == 0) {
                    vals.add(cur.toString().strip());
                    cur.setLength(0);
                } else {
                    cur.append(c);
                }
            }
            vals.add(cur.toString().strip());
            return new Axis(spec.substring(0, eq).strip(), vals);
        }
    }

    /** One run of the sweep. */
    public record Point(String arm, long seed, ResolvedScenario scenario) {}

    /** A finished run. */
    public record Outcome(String arm, long seed, RunResult result) {}

    /** Mean and 95% confidence interval of one metric of one arm over its seeds. */
    public record Stat(String arm, String metric, int n, double mean, double low, double high) {}

    private final ObjectMapper yaml = ScenarioLoader.newMapper();
    private final ScenarioLoader loader = new ScenarioLoader();
    /** What the runs' language models read (see {@link ScenarioRunner#ScenarioRunner(Environment)}). */
    private final Environment environment;

    /** A sweep whose runs' language models read the process environment. */
    public Sweep() {
        this(Environment.system());
    }

    /** A sweep whose runs' language models read {@code environment} (the CLI's LLM overrides). */
    public Sweep(Environment environment) {
        this.environment = java.util.Objects.requireNonNull(environment, "environment");
    }

    /** Every grid point × seed, resolved. Errors name the file, the field and the arm. */
    public List<Point> plan(Path file, String text, List<Axis> axes, List<Long> seeds) {
        JsonNode base;
        try {
            base = yaml.readTree(text);
        } catch (JsonProcessingException e) {
            // let the loader produce its precise message
            loader.parse(text, file.toString());
            throw new IllegalStateException(e);
        }
        List<Map<String, String>> grid = new ArrayList<>();
        grid.add(new LinkedHashMap<>());
        for (Axis a : axes) {
            List<Map<String, String>> next = new ArrayList<>();
            for (Map<String, String> g : grid) {
                for (String v : a.values()) {
                    Map<String, String> m = new LinkedHashMap<>(g);
                    m.put(a.path(), v);
                    next.add(m);
                }
            }
            grid = next;
        }
        List<Point> points = new ArrayList<>();
        for (Map<String, String> g : grid) {
            ObjectNode root = (ObjectNode) base.deepCopy();
            StringBuilder arm = new StringBuilder();
            for (Map.Entry<String, String> e : g.entrySet()) {
                set(root, e.getKey(), e.getValue(), file);
                arm.append(arm.length() == 0 ? "" : ", ").append(e.getKey()).append('=').append(e.getValue());
            }
            String label = arm.length() == 0 ? root.path("name").asText() : arm.toString();
            String armText;
            try {
                armText = yaml.writeValueAsString(root);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
            ResolvedScenario rs;
            try {
                rs = loader.parse(armText, file.toString(), text);
            } catch (ScenarioException e) {
                String inArm = " (in sweep arm " + label + ")";
                throw new ScenarioException(e.file(), e.problems().stream().map(p -> new ScenarioException.Problem(
                        p.file(), p.line(), p.column(), p.path(), p.reason() + inArm)).toList());
            }
            for (long seed : seeds) {
                points.add(new Point(label, seed, rs));
            }
        }
        return points;
    }

    private void set(ObjectNode root, String path, String value, Path file) {
        JsonNode v;
        try {
            v = yaml.readTree(value);
        } catch (JsonProcessingException e) {
            throw new ScenarioException(file.toString(), path, "sweep value '" + value + "' is not valid YAML");
        }
        String[] parts = path.split("\\.");
        JsonNode node = root;
        for (int i = 0; i < parts.length; i++) {
            String part = parts[i];
            int idx = -1;
            int br = part.indexOf('[');
            if (br > 0 && part.endsWith("]")) {
                try {
                    idx = Integer.parseInt(part.substring(br + 1, part.length() - 1));
                } catch (NumberFormatException e) {
                    throw new ScenarioException(file.toString(), path, "bad list index in sweep path");
                }
                part = part.substring(0, br);
            }
            boolean last = i == parts.length - 1;
            if (!(node instanceof ObjectNode obj)) {
                throw new ScenarioException(file.toString(), path, "sweep path goes through a value that is not a mapping");
            }
            if (idx >= 0) {
                JsonNode list = obj.get(part);
                if (!(list instanceof ArrayNode arr) || idx >= arr.size()) {
                    throw new ScenarioException(file.toString(), path, "sweep path names list item " + idx
                            + " of '" + part + "', which does not exist");
                }
                if (last) {
                    arr.set(idx, v);
                    return;
                }
                node = arr.get(idx);
            } else if (last) {
                obj.set(part, v);
                return;
            } else {
                if (!obj.has(part) || obj.get(part).isNull()) {
                    obj.putObject(part);
                } else if (obj.get(part).isTextual()) {
                    // a component given by name only: expand to a mapping so a parameter can be set
                    obj.putObject(part).put("type", obj.get(part).asText());
                }
                node = obj.get(part);
            }
        }
    }

    /**
     * Runs all points, {@code parallel} at a time, with lenient data loading; results in plan
     * order. After a stop request (SIGTERM, Ctrl-C; see {@link StopSignal}) the runs in progress
     * end after their tick as 'interrupted' and the runs not yet started are skipped, so the
     * result then lacks them.
     */
    public List<Outcome> run(List<Point> points, Path outDir, int parallel, int threadsPerRun, Consumer<Outcome> done)
            throws Exception {
        return run(points, outDir, parallel, threadsPerRun, LoadPolicy.LENIENT, done);
    }

    /** Runs all points, {@code parallel} at a time, loading data files under {@code data}; results in plan order. */
    public List<Outcome> run(List<Point> points, Path outDir, int parallel, int threadsPerRun, LoadPolicy data,
            Consumer<Outcome> done) throws Exception {
        ExecutorService ex = Executors.newFixedThreadPool(Math.max(1, parallel));
        try {
            List<Future<Outcome>> fs = new ArrayList<>();
            for (Point p : points) {
                fs.add(ex.submit(() -> {
                    if (StopSignal.stopRequested()) {
                        return null; // not started
                    }
                    RunResult r = new ScenarioRunner(environment).run(p.scenario(),
                            new ScenarioRunner.Options(p.seed(), threadsPerRun, outDir, p.arm(), data), List.of());
                    Outcome o = new Outcome(p.arm(), p.seed(), r);
                    synchronized (done) {
                        done.accept(o);
                    }
                    return o;
                }));
            }
            List<Outcome> out = new ArrayList<>();
            for (Future<Outcome> f : fs) {
                Outcome o = f.get();
                if (o != null) {
                    out.add(o);
                }
            }
            return out;
        } finally {
            ex.shutdownNow();
        }
    }

    /**
     * Mean and 95% t-interval over seeds of each arm's final-tick metrics. Interrupted runs did
     * not reach the final tick and are left out (see {@link #incomplete}).
     */
    public static List<Stat> aggregate(List<Outcome> outcomes) {
        Map<String, Map<String, List<Double>>> byArm = new LinkedHashMap<>();
        for (Outcome o : outcomes) {
            if (o.result().status() == RunStatus.INTERRUPTED) {
                continue;
            }
            Map<String, List<Double>> m = byArm.computeIfAbsent(o.arm(), a -> new LinkedHashMap<>());
            for (Map.Entry<String, Double> e : o.result().lastMetrics().entrySet()) {
                m.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue());
            }
        }
        List<Stat> stats = new ArrayList<>();
        for (var arm : byArm.entrySet()) {
            for (var metric : arm.getValue().entrySet()) {
                stats.add(stat(arm.getKey(), metric.getKey(), metric.getValue()));
            }
        }
        return stats;
    }

    /**
     * The runs of each arm that are not in its means, as {@code seed:interrupted} or
     * {@code seed:not-run}, in plan order; arms with every run finished are absent.
     */
    public static Map<String, List<String>> incomplete(List<Point> points, List<Outcome> outcomes) {
        Map<String, RunStatus> done = new LinkedHashMap<>();
        for (Outcome o : outcomes) {
            done.put(o.arm() + "\u0000" + o.seed(), o.result().status());
        }
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (Point p : points) {
            RunStatus st = done.get(p.arm() + "\u0000" + p.seed());
            if (st == null || st == RunStatus.INTERRUPTED) {
                out.computeIfAbsent(p.arm(), a -> new ArrayList<>())
                        .add(p.seed() + ":" + (st == null ? "not-run" : st.label()));
            }
        }
        return out;
    }

    /** Mean and 95% Student-t confidence interval (n = 1: the interval is the mean). */
    public static Stat stat(String arm, String metric, List<Double> values) {
        int n = values.size();
        double mean = values.stream().mapToDouble(Double::doubleValue).sum() / n;
        if (n < 2) {
            return new Stat(arm, metric, n, mean, mean, mean);
        }
        double ss = 0;
        for (double v : values) {
            ss += (v - mean) * (v - mean);
        }
        double sd = Math.sqrt(ss / (n - 1));
        double half = new TDistribution(n - 1).inverseCumulativeProbability(0.975) * sd / Math.sqrt(n);
        return new Stat(arm, metric, n, mean, mean - half, mean + half);
    }
}
