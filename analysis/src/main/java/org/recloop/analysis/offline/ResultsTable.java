package org.recloop.analysis.offline;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Writes evaluation rows as CSV ({@code algorithm,metric,k,value,phase}, one row per result,
 * values with 6 decimals, {@code NaN} when undefined) or as a text table with one line per
 * metric@k and one column per algorithm. The phase says which data a row was measured on:
 * {@code test} (the held-out test set) or {@code validation} (a grid search's validation split,
 * cut from the training data); the phase is the last column so that readers of the first four
 * keep working.
 */
public final class ResultsTable {

    /** The CSV header. */
    public static final String HEADER = "algorithm,metric,k,value,phase";

    private final List<Evaluator.Row> rows;
    private final List<Evaluator.Row> validation;

    /** Test rows only. */
    public ResultsTable(List<Evaluator.Row> rows) {
        this(rows, List.of());
    }

    /** Test rows, and validation rows written after them with {@code phase=validation}. */
    public ResultsTable(List<Evaluator.Row> rows, List<Evaluator.Row> validation) {
        this.rows = List.copyOf(Objects.requireNonNull(rows, "rows"));
        this.validation = List.copyOf(Objects.requireNonNull(validation, "validation"));
    }

    public List<Evaluator.Row> rows() {
        return rows;
    }

    /** The CSV text, header first, test rows then validation rows in the given order, {@code \n} line ends. */
    public String csv() {
        StringBuilder sb = new StringBuilder(HEADER).append('\n');
        append(sb, rows, "test");
        append(sb, validation, "validation");
        return sb.toString();
    }

    private static void append(StringBuilder sb, List<Evaluator.Row> rows, String phase) {
        for (Evaluator.Row r : rows) {
            sb.append(field(r.algorithm())).append(',').append(field(r.metric())).append(',').append(r.k()).append(',')
                    .append(value(r.value())).append(',').append(phase).append('\n');
        }
    }

    /** Writes {@link #csv()} to a file (creating its parent folders). */
    public void writeCsv(Path file) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(file, csv(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * A text table of the test rows: a {@code metric@k} column, then one column per algorithm
     * (first-seen order), values with 4 decimals ({@code -} where an algorithm has no value).
     */
    public String pretty() {
        return pretty(rows);
    }

    /** {@link #pretty()} of any rows (e.g. a grid's validation rows). */
    public static String pretty(List<Evaluator.Row> rows) {
        Set<String> algorithms = new LinkedHashSet<>();
        Map<String, Map<String, Double>> byKey = new LinkedHashMap<>();
        for (Evaluator.Row r : rows) {
            algorithms.add(r.algorithm());
            byKey.computeIfAbsent(r.metric() + "@" + r.k(), x -> new LinkedHashMap<>()).put(r.algorithm(), r.value());
        }
        // lines in first-seen order: for Evaluator rows, metric order, then k ascending
        List<String> keys = new ArrayList<>(byKey.keySet());
        int keyWidth = "metric".length();
        for (String k : keys) {
            keyWidth = Math.max(keyWidth, k.length());
        }
        List<String> algs = new ArrayList<>(algorithms);
        int[] widths = new int[algs.size()];
        for (int a = 0; a < algs.size(); a++) {
            widths[a] = Math.max(10, algs.get(a).length());
        }
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "  %-" + keyWidth + "s", "metric"));
        for (int a = 0; a < algs.size(); a++) {
            sb.append(String.format(Locale.ROOT, "  %" + widths[a] + "s", algs.get(a)));
        }
        sb.append('\n');
        for (String k : keys) {
            sb.append(String.format(Locale.ROOT, "  %-" + keyWidth + "s", k));
            Map<String, Double> v = byKey.get(k);
            for (int a = 0; a < algs.size(); a++) {
                Double x = v.get(algs.get(a));
                String cell = x == null ? "-" : x.isNaN() ? "NaN" : String.format(Locale.ROOT, "%.4f", x);
                sb.append(String.format(Locale.ROOT, "  %" + widths[a] + "s", cell));
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    static String value(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "Infinity" : "-Infinity";
        }
        return String.format(Locale.ROOT, "%.6f", v);
    }

    /** RFC 4180 quoting when a name holds a comma, a quote or a line break. */
    static String field(String s) {
        if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) {
            return s;
        }
        return '"' + s.replace("\"", "\"\"") + '"';
    }
}
