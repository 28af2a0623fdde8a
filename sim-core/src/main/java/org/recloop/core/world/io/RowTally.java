package org.recloop.core.world.io;

import java.util.LinkedHashMap;
import java.util.Map;
import org.recloop.core.world.LoadPolicy;
import org.recloop.core.world.LoadReport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts one file's data rows and the rows a loader drops or merges, and under a strict {@link
 * LoadPolicy} turns the first such row into a {@link DataFileException} naming the file, the
 * line, the column and the reason.
 */
final class RowTally {

    private static final Logger LOG = LoggerFactory.getLogger(RowTally.class);

    private final String file;
    private final LoadPolicy policy;
    private final Map<String, Long> dropped = new LinkedHashMap<>();
    private final Map<String, Long> merged = new LinkedHashMap<>();
    private long read;

    RowTally(String file, LoadPolicy policy) {
        this.file = file;
        this.policy = policy;
    }

    /** A data row was read (whatever then happens to it). */
    void row() {
        read++;
    }

    /**
     * The row on {@code line} is dropped.
     *
     * @param column the column at fault
     * @param reason the count's label in the report, e.g. "negative rating"
     * @param detail what is wrong with this row, for the strict error
     */
    void drop(long line, String column, String reason, String detail) {
        refuseIfStrict(line, column, detail, "dropped");
        dropped.merge(reason, 1L, Long::sum);
    }

    /** The row on {@code line} is merged into another; {@code detail} says which and by what rule. */
    void merge(long line, String column, String reason, String detail) {
        refuseIfStrict(line, column, detail, "merged");
        merged.merge(reason, 1L, Long::sum);
    }

    private void refuseIfStrict(long line, String column, String detail, String fate) {
        if (policy.strict()) {
            throw new DataFileException(file, line, "column '" + column + "': " + detail + " (--strict refuses rows"
                    + " that would be " + fate + ")");
        }
    }

    /** The report; logged when rows were dropped or merged. */
    LoadReport report() {
        long lost = 0;
        for (long v : dropped.values()) {
            lost += v;
        }
        for (long v : merged.values()) {
            lost += v;
        }
        LoadReport r = new LoadReport(file, read, read - lost, dropped, merged);
        if (!r.clean()) {
            LOG.info("data {}", r.summary());
        }
        return r;
    }
}
