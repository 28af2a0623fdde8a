package org.recloop.core.world;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * What a loader did with one data file: how many data rows it read, how many it kept, and, per
 * reason, how many it dropped (the row's data is discarded, e.g. a negative rating) or merged
 * (folded into another row with the same key, e.g. a user's second rating of an item). Blank
 * lines, comments and header rows are not data rows and are not counted.
 *
 * <p>Invariant: {@code rowsRead = rowsKept + sum(dropped) + sum(merged)}. A run prints the report
 * of every file that lost rows and records all reports in its folder ({@code data-report.json}).
 *
 * @param file the file as the scenario or command line named it
 * @param rowsRead data rows read
 * @param rowsKept data rows the world is built from
 * @param dropped rows dropped, by reason, in the order the reasons were first met
 * @param merged rows merged into another row, by reason, in the order the reasons were first met
 */
public record LoadReport(String file, long rowsRead, long rowsKept, Map<String, Long> dropped,
        Map<String, Long> merged) {

    public LoadReport {
        Objects.requireNonNull(file, "file");
        dropped = Collections.unmodifiableMap(new LinkedHashMap<>(dropped));
        merged = Collections.unmodifiableMap(new LinkedHashMap<>(merged));
        long lost = sum(dropped) + sum(merged);
        if (rowsKept < 0 || rowsRead != rowsKept + lost) {
            throw new IllegalArgumentException(file + ": rows read (" + rowsRead + ") must equal rows kept ("
                    + rowsKept + ") plus rows dropped and merged (" + lost + ")");
        }
    }

    private static long sum(Map<String, Long> m) {
        long s = 0;
        for (long v : m.values()) {
            if (v <= 0) {
                throw new IllegalArgumentException("a reason's count must be > 0, was " + v);
            }
            s += v;
        }
        return s;
    }

    /** True when every row read was kept as it was. */
    public boolean clean() {
        return dropped.isEmpty() && merged.isEmpty();
    }

    /**
     * One line for people, e.g. {@code data/ratings.csv: 100,000 rows, kept 99,812; dropped 12
     * negative rating; merged 176 duplicate rating}.
     */
    public String summary() {
        String s = String.format(Locale.ROOT, "%s: %,d rows, kept %,d", file, rowsRead, rowsKept);
        return clean() ? s : s + "; " + changes();
    }

    /** What was dropped and merged, e.g. {@code dropped 12 negative rating; merged 176 duplicate rating}; empty if clean. */
    public String changes() {
        StringBuilder sb = new StringBuilder();
        append(sb, "dropped", dropped);
        append(sb, "merged", merged);
        return sb.toString();
    }

    private static void append(StringBuilder sb, String what, Map<String, Long> counts) {
        if (counts.isEmpty()) {
            return;
        }
        sb.append(sb.length() == 0 ? "" : "; ").append(what).append(' ');
        String sep = "";
        for (Map.Entry<String, Long> e : counts.entrySet()) {
            sb.append(sep).append(String.format(Locale.ROOT, "%,d %s", e.getValue(), e.getKey()));
            sep = ", ";
        }
    }
}
