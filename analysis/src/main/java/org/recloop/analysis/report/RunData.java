package org.recloop.analysis.report;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.recloop.core.world.io.DataFileException;

/**
 * One run folder, as read back for a report.
 *
 * <p>{@code values[row][column]} holds the value of metric {@code metrics.get(column)} at tick
 * {@code ticks[row]}; an empty cell of {@code metrics.csv} is {@link Double#NaN}. Rows are in
 * strictly increasing tick order. The count columns of {@code metrics.csv} (sessions, exposures,
 * events, clicks) are not metrics and are left out. Do not modify the arrays.
 *
 * @param folder the run folder
 * @param runId the folder name
 * @param scenarioName {@code name} of resolved.json
 * @param seed {@code seed} of resolved.json
 * @param recommenderType the recommender that served the most ticks, as the run's database records
 *     them (ties: the one that served last; see {@code ServedMost}), so a run that switched from a
 *     start-up recommender to the one under study is named by the latter; {@code recommender.type}
 *     of resolved.json when the database does not say (none, unreadable, or written before the
 *     recommender of each tick was recorded)
 * @param arm {@code arm} of resolved.json if present (a sweep's arm), else
 *     {@code "<scenario name> / <recommender type>"}
 * @param scenarioText scenario.yaml as written by the run, or resolved.json if scenario.yaml is absent
 * @param metrics metric columns of metrics.csv, in file order
 * @param ticks tick of each row
 * @param values metric values, {@code [row][metric]}, NaN for missing
 * @param outcome how the run ended, from its database (a run that did not finish has fewer ticks)
 */
public record RunData(Path folder, String runId, String scenarioName, long seed, String recommenderType, String arm,
        String scenarioText, List<String> metrics, int[] ticks, double[][] values, RunOutcome outcome) {

    /** Columns of metrics.csv that are counts, not metrics. */
    public static final Set<String> COUNT_COLUMNS = Set.of("sessions", "exposures", "events", "clicks");

    public RunData {
        Objects.requireNonNull(folder, "folder");
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(scenarioName, "scenarioName");
        Objects.requireNonNull(recommenderType, "recommenderType");
        Objects.requireNonNull(arm, "arm");
        Objects.requireNonNull(scenarioText, "scenarioText");
        Objects.requireNonNull(outcome, "outcome");
        metrics = List.copyOf(metrics);
        if (ticks.length != values.length) {
            throw new IllegalArgumentException("ticks and values differ in length: " + ticks.length + " vs "
                    + values.length);
        }
        for (int i = 1; i < ticks.length; i++) {
            if (ticks[i] <= ticks[i - 1]) {
                throw new IllegalArgumentException("ticks must increase: " + ticks[i] + " after " + ticks[i - 1]);
            }
        }
        for (double[] row : values) {
            if (row.length != metrics.size()) {
                throw new IllegalArgumentException("a row has " + row.length + " values for " + metrics.size()
                        + " metrics");
            }
        }
    }

    /** A run that finished (for tests and callers that build runs in memory). */
    public RunData(Path folder, String runId, String scenarioName, long seed, String recommenderType, String arm,
            String scenarioText, List<String> metrics, int[] ticks, double[][] values) {
        this(folder, runId, scenarioName, seed, recommenderType, arm, scenarioText, metrics, ticks, values,
                RunOutcome.FINISHED);
    }

    /** Number of ticks (rows) the run has. */
    public int rows() {
        return ticks.length;
    }

    /** Column index of a metric, or -1 if the run has no such column. */
    public int column(String metric) {
        return metrics.indexOf(metric);
    }

    /** Row index of a tick, or -1 if the run has no row for it. */
    public int row(int tick) {
        int i = Arrays.binarySearch(ticks, tick);
        return i >= 0 ? i : -1;
    }

    /** The value of a metric at a tick, NaN if the run has no such metric, tick or value. */
    public double value(String metric, int tick) {
        int c = column(metric);
        int r = row(tick);
        return c < 0 || r < 0 ? Double.NaN : values[r][c];
    }

    /**
     * Reads a run folder: resolved.json, metrics.csv and the run's status from its database.
     *
     * @throws DataFileException if resolved.json or metrics.csv is missing or malformed; the message
     *     names the file, the line (when there is one) and the reason
     */
    public static RunData read(Path folder) {
        Path json = folder.resolve("resolved.json");
        Path yaml = folder.resolve("scenario.yaml");
        String jsonText = readText(json);
        JsonNode root = parseObject(json, jsonText);
        String name = text(root, "name", "name", json);
        long seed = seed(root, json);
        String stated = recommenderType(root, json);
        RunLogSummary log = RunLogSummary.read(folder);
        String recType = log.servedMost().orElse(stated);
        String arm = arm(root, name + " / " + recType, json);
        String scenarioText = Files.isRegularFile(yaml) ? readText(yaml) : jsonText;
        RunOutcome outcome = log.outcome();
        // committed ticks only: a killed run's csv may hold a tick its database lost
        MetricsTable table = MetricsTable.read(folder.resolve("metrics.csv")).upTo(outcome.lastCommittedTick());
        Path fileName = folder.toAbsolutePath().normalize().getFileName();
        String runId = fileName == null ? folder.toString() : fileName.toString();
        return new RunData(folder, runId, name, seed, recType, arm, scenarioText, table.metrics(), table.ticks(),
                table.values(), outcome);
    }

    private static JsonNode parseObject(Path json, String jsonText) {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(jsonText);
        } catch (JsonProcessingException e) {
            JsonLocation loc = e.getLocation();
            long line = loc == null ? 0 : Math.max(0, loc.getLineNr());
            throw new DataFileException(json.toString(), line, "malformed JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw new DataFileException(json.toString(), 0, "expected a JSON object");
        }
        return root;
    }

    private static long seed(JsonNode root, Path json) {
        JsonNode seedNode = root.get("seed");
        if (seedNode == null || seedNode.isNull()) {
            throw new DataFileException(json.toString(), 0, "field 'seed' is missing");
        }
        if (!seedNode.isIntegralNumber() || !seedNode.canConvertToLong()) {
            throw new DataFileException(json.toString(), 0, "field 'seed' must be an integer, was " + seedNode);
        }
        return seedNode.asLong();
    }

    /** {@code recommender} of resolved.json: a type name, or an object with a {@code type}. */
    private static String recommenderType(JsonNode root, Path json) {
        JsonNode rec = root.get("recommender");
        if (rec != null && rec.isTextual()) {
            return rec.asText();
        } else if (rec != null && rec.isObject()) {
            return text(rec, "type", "recommender.type", json);
        }
        throw new DataFileException(json.toString(), 0, rec == null || rec.isNull()
                ? "field 'recommender' is missing" : "field 'recommender' must be an object with a 'type'");
    }

    private static String arm(JsonNode root, String otherwise, Path json) {
        JsonNode armNode = root.get("arm");
        if (armNode == null || armNode.isNull()) {
            return otherwise;
        }
        if (!armNode.isTextual() || armNode.asText().isBlank()) {
            throw new DataFileException(json.toString(), 0, "field 'arm' must be a non-empty string, was " + armNode);
        }
        return armNode.asText();
    }

    /** The metric columns of metrics.csv (counts left out), one row per tick. */
    private record MetricsTable(List<String> metrics, int[] ticks, double[][] values) {

        /** The rows of ticks up to {@code last} (ticks are increasing). */
        MetricsTable upTo(int last) {
            int n = 0;
            while (n < ticks.length && ticks[n] <= last) {
                n++;
            }
            return n == ticks.length ? this : new MetricsTable(metrics, Arrays.copyOf(ticks, n), Arrays.copyOf(values, n));
        }

        static MetricsTable read(Path csv) {
            if (!Files.isRegularFile(csv)) {
                throw new DataFileException(csv.toString(), 0, "file not found (not a run folder?)");
            }
            List<String> metrics = new ArrayList<>();
            List<Integer> metricCells = new ArrayList<>();
            int[] ticks = new int[64];
            List<double[]> rows = new ArrayList<>();
            try (BufferedReader in = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
                String[] names = header(csv, in.readLine(), metrics, metricCells);
                String line;
                long lineNo = 1;
                int lastTick = Integer.MIN_VALUE;
                while ((line = in.readLine()) != null) {
                    lineNo++;
                    if (line.isBlank()) {
                        continue;
                    }
                    String[] cells = split(line);
                    if (cells.length != names.length) {
                        throw new DataFileException(csv.toString(), lineNo,
                                "expected " + names.length + " cells, found " + cells.length);
                    }
                    int tick = tick(csv, lineNo, cells[0], lastTick);
                    lastTick = tick;
                    double[] row = values(csv, lineNo, names, cells, metricCells);
                    if (rows.size() == ticks.length) {
                        ticks = Arrays.copyOf(ticks, ticks.length * 2);
                    }
                    ticks[rows.size()] = tick;
                    rows.add(row);
                }
            } catch (IOException e) {
                throw new DataFileException(csv.toString(), 0, "cannot read: " + e);
            }
            return new MetricsTable(metrics, Arrays.copyOf(ticks, rows.size()), rows.toArray(new double[0][]));
        }

        /** Checks the header and adds the metric columns' names and cell indices; returns all names. */
        private static String[] header(Path csv, String header, List<String> metrics, List<Integer> metricCells) {
            if (header == null || header.isBlank()) {
                throw new DataFileException(csv.toString(), 1, "empty file, expected the header 'tick,...'");
            }
            String[] names = split(header);
            if (!names[0].equals("tick")) {
                throw new DataFileException(csv.toString(), 1, "the first column must be 'tick', was '" + names[0] + "'");
            }
            Set<String> seen = new HashSet<>();
            for (int i = 0; i < names.length; i++) {
                if (names[i].isEmpty()) {
                    throw new DataFileException(csv.toString(), 1, "column " + (i + 1) + " has no name");
                }
                if (!seen.add(names[i])) {
                    throw new DataFileException(csv.toString(), 1, "column '" + names[i] + "' appears twice");
                }
                if (i > 0 && !COUNT_COLUMNS.contains(names[i])) {
                    metrics.add(names[i]);
                    metricCells.add(i);
                }
            }
            return names;
        }

        private static int tick(Path csv, long lineNo, String cell, int lastTick) {
            int tick;
            try {
                tick = Integer.parseInt(cell);
            } catch (NumberFormatException e) {
                throw new DataFileException(csv.toString(), lineNo, "tick must be an integer, was '" + cell + "'");
            }
            if (tick < 0) {
                throw new DataFileException(csv.toString(), lineNo, "tick must be >= 0, was " + tick);
            }
            if (tick <= lastTick) {
                throw new DataFileException(csv.toString(), lineNo,
                        "tick " + tick + " after tick " + lastTick + ": ticks must increase");
            }
            return tick;
        }

        /** The metric cells of one row; an empty cell is NaN. */
        private static double[] values(Path csv, long lineNo, String[] names, String[] cells,
                List<Integer> metricCells) {
            double[] row = new double[metricCells.size()];
            for (int m = 0; m < row.length; m++) {
                int cell = metricCells.get(m);
                String s = cells[cell];
                if (s.isEmpty()) {
                    row[m] = Double.NaN;
                    continue;
                }
                try {
                    row[m] = Double.parseDouble(s);
                } catch (NumberFormatException e) {
                    throw new DataFileException(csv.toString(), lineNo,
                            "column '" + names[cell] + "': not a number: '" + s + "'");
                }
            }
            return row;
        }
    }

    private static String[] split(String line) {
        String[] cells = line.split(",", -1);
        for (int i = 0; i < cells.length; i++) {
            cells[i] = cells[i].strip();
        }
        return cells;
    }

    private static String readText(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new DataFileException(file.toString(), 0, "file not found (not a run folder?)");
        }
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new DataFileException(file.toString(), 0, "cannot read: " + e);
        }
    }

    private static String text(JsonNode node, String field, String path, Path file) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            throw new DataFileException(file.toString(), 0, "field '" + path + "' is missing");
        }
        if (!v.isTextual() || v.asText().isBlank()) {
            throw new DataFileException(file.toString(), 0, "field '" + path + "' must be a non-empty string, was " + v);
        }
        return v.asText();
    }
}
