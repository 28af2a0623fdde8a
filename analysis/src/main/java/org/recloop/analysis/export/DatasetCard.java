package org.recloop.analysis.export;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import org.recloop.core.log.RunRecord;
import org.recloop.core.react.EventType;

/**
 * The card beside every export, {@code card.json} for programs and {@code CARD.md} for people:
 * where the data came from (scenario, its hash, seed, code commit), whether the run finished
 * (a killed or interrupted run exports its committed ticks and the card says so), what was
 * exported, counts and statistics, the generating parameters and the meaning of every column.
 */
final class DatasetCard {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private DatasetCard() {}

    static void write(Path dir, DatasetExporter.Result r, ExportOptions o, List<Table> tables, int lastTick) {
        Map<String, Object> card = content(r, o, tables, lastTick);
        try {
            JSON.writeValue(dir.resolve("card.json").toFile(), card);
            Files.writeString(dir.resolve("CARD.md"), markdown(card, r, tables), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the dataset card in " + dir + ": " + e.getMessage(), e);
        }
    }

    static Map<String, Object> content(DatasetExporter.Result r, ExportOptions o, List<Table> tables, int lastTick) {
        RunRecord run = r.run();
        Map<String, Object> card = new LinkedHashMap<>();
        card.put("dataset", "RecLoop synthetic interaction log");
        Map<String, Object> source = new LinkedHashMap<>();
        source.put("scenario", run.name());
        source.put("scenario_sha256", run.scenarioSha256());
        source.put("seed", run.seed());
        source.put("code_version", run.codeVersion());
        source.put("code_commit", run.commit().orElse("unknown"));
        source.put("code_modified", run.modified().orElse(null));
        source.put("java", run.javaVersion());
        source.put("run_status", run.status());
        source.put("complete", run.finished());
        source.put("last_committed_tick", lastTick);
        source.put("note", completeness(run, lastTick));
        card.put("source", source);
        Map<String, Object> export = new LinkedHashMap<>();
        export.put("format", o.format().label());
        TreeSet<String> events = new TreeSet<>();
        for (EventType t : o.events()) {
            events.add(t.name().toLowerCase(Locale.ROOT));
        }
        export.put("events", new ArrayList<>(events));
        export.put("exposures", o.exposures());
        export.put("ground_truth", o.groundTruth());
        export.put("split", o.split().map(m -> m.label()).orElse("none"));
        if (o.split().isPresent()) {
            export.put("test_fraction", o.split().get().label().equals("loo") ? null : o.testFraction());
            export.put("split_seed", o.seed());
        }
        export.put("forgotten_data", "left out: rows covered by the run's forget requests never appear");
        export.put("files", r.files());
        card.put("export", export);
        card.put("statistics", r.statistics());
        card.put("exposure_rows", r.exposures());
        card.put("parameters", parameters(run.resolvedConfig()));
        List<Map<String, Object>> cols = new ArrayList<>();
        for (Table t : tables) {
            Map<String, Object> tm = new LinkedHashMap<>();
            tm.put("table", t.name());
            tm.put("row", t.row());
            List<Map<String, String>> cs = new ArrayList<>();
            for (Column c : t.columns()) {
                Map<String, String> cm = new LinkedHashMap<>();
                cm.put("name", o.format() == ExportFormat.RECBOLE ? c.recboleHeader() : c.name());
                cm.put("type", o.format() == ExportFormat.PARQUET ? c.type().sql() : c.type().recbole());
                cm.put("meaning", c.meaning());
                cs.add(cm);
            }
            tm.put("columns", cs);
            cols.add(tm);
        }
        card.put("tables", cols);
        return card;
    }

    private static String completeness(RunRecord run, int lastTick) {
        if (run.finished()) {
            return "the run finished; every tick is exported";
        }
        String why = switch (run.status()) {
            case "running" -> "the run was killed or is still running";
            case "interrupted" -> "the run was interrupted";
            case "failed" -> "the run failed" + (run.error().isBlank() ? "" : " (" + firstLine(run.error()) + ")");
            default -> "the run ended as '" + run.status() + "'";
        };
        return "incomplete: " + why + "; only the committed ticks 0.." + lastTick + " are exported";
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    /** The run's resolved scenario as a JSON tree, or its text when it is not JSON. */
    private static Object parameters(String resolved) {
        if (resolved.isBlank()) {
            return null;
        }
        try {
            JsonNode n = JSON.readTree(resolved);
            return n;
        } catch (IOException e) {
            return resolved;
        }
    }

    @SuppressWarnings("unchecked")
    private static String markdown(Map<String, Object> card, DatasetExporter.Result r, List<Table> tables) {
        Map<String, Object> src = (Map<String, Object>) card.get("source");
        Map<String, Object> exp = (Map<String, Object>) card.get("export");
        Map<String, Object> st = r.statistics();
        Map<String, Object> act = (Map<String, Object>) st.get("activity");
        Map<String, Object> pop = (Map<String, Object>) st.get("popularity");
        StringBuilder md = new StringBuilder();
        md.append("# Dataset card: ").append(src.get("scenario")).append("\n\n");
        md.append("Synthetic interaction log made by RecLoop. ").append(src.get("note")).append(".\n\n");
        md.append("## Source\n\n| | |\n|---|---|\n");
        for (String k : List.of("scenario", "scenario_sha256", "seed", "code_version", "code_commit", "code_modified",
                "java", "run_status", "last_committed_tick")) {
            md.append("| ").append(k).append(" | ").append(src.get(k)).append(" |\n");
        }
        md.append("\n## Export\n\n| | |\n|---|---|\n");
        for (String k : List.of("format", "events", "exposures", "ground_truth", "split", "forgotten_data")) {
            md.append("| ").append(k).append(" | ").append(exp.get(k)).append(" |\n");
        }
        md.append("\nFiles (rows):\n\n");
        for (Map.Entry<String, Long> f : r.files().entrySet()) {
            md.append(String.format(Locale.ROOT, "- `%s`: %,d%n", f.getKey(), f.getValue()));
        }
        md.append("\n## Statistics\n\n| statistic | value |\n|---|---|\n");
        for (String k : List.of("interactions", "users", "items", "users_with_interactions",
                "items_with_interactions", "density", "density_of_active")) {
            md.append("| ").append(k).append(" | ").append(number(st.get(k))).append(" |\n");
        }
        md.append(String.format(Locale.ROOT, "| exposures | %s |%n", number(card.get("exposure_rows"))));
        for (String k : List.of("mean", "median", "max", "gini")) {
            md.append("| activity ").append(k).append(" (interactions per user) | ").append(number(act.get(k)))
                    .append(" |\n");
        }
        for (String k : List.of("mean", "median", "max", "gini", "head_share", "tail_share")) {
            md.append("| popularity ").append(k).append(" (interactions per item) | ").append(number(pop.get(k)))
                    .append(" |\n");
        }
        md.append(String.format(Locale.ROOT, "%nhead_share: share of interactions on the %.0f%% most popular items;"
                + " tail_share: on the %.0f%% least popular.%n", 100 * DatasetStats.HEAD_ITEMS,
                100 * DatasetStats.TAIL_ITEMS));
        md.append("\n## Columns\n");
        for (Table t : tables) {
            md.append("\n### ").append(t.name()).append("\n\nOne row: ").append(t.row()).append(".\n\n");
            md.append("| column | type | meaning |\n|---|---|---|\n");
            for (Column c : t.columns()) {
                md.append("| `").append(c.name()).append("` | ").append(c.type().recbole()).append(" | ")
                        .append(c.meaning()).append(" |\n");
            }
        }
        md.append("\n## Generating parameters\n\nThe resolved scenario is in `card.json` under `parameters`.\n");
        return md.toString();
    }

    private static String number(Object v) {
        if (v instanceof Double d) {
            return String.format(Locale.ROOT, "%.6g", d);
        }
        return v instanceof Number n ? String.format(Locale.ROOT, "%,d", n.longValue()) : String.valueOf(v);
    }
}
