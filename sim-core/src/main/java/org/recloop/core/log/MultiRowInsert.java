package org.recloop.core.log;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * Writes rows with INSERT statements of {@value #ROWS_PER_STATEMENT} rows, in JDBC batches of
 * {@value #STATEMENTS_PER_BATCH} statements: the fastest H2 path measured for the per-tick tables
 * (exposures, slates, events). Rows are bound in place from the caller's arrays, so writing
 * allocates nothing per row.
 */
final class MultiRowInsert {

    static final int ROWS_PER_STATEMENT = 100;
    private static final int STATEMENTS_PER_BATCH = 20;

    /** Binds one row to the parameters of a multi-row statement. */
    @FunctionalInterface
    interface RowBinder {
        /** Binds row {@code row} to parameters starting at 1-based index {@code p}. */
        void bind(PreparedStatement ps, int p, int row) throws SQLException;
    }

    private final Connection c;
    private final String table;
    private final int cols;

    MultiRowInsert(Connection c, String table, int cols) {
        this.c = c;
        this.table = table;
        this.cols = cols;
    }

    private String sql(int rows) {
        StringBuilder sb = new StringBuilder("INSERT INTO ").append(table).append(" VALUES ");
        StringBuilder one = new StringBuilder("(");
        for (int i = 0; i < cols; i++) {
            one.append(i == 0 ? "?" : ",?");
        }
        one.append(')');
        for (int r = 0; r < rows; r++) {
            if (r > 0) {
                sb.append(',');
            }
            sb.append(one);
        }
        return sb.toString();
    }

    void write(int rows, RowBinder binder) throws SQLException {
        int full = rows / ROWS_PER_STATEMENT;
        int row = 0;
        if (full > 0) {
            try (PreparedStatement ps = c.prepareStatement(sql(ROWS_PER_STATEMENT))) {
                for (int b = 0; b < full; b++) {
                    for (int r = 0; r < ROWS_PER_STATEMENT; r++) {
                        binder.bind(ps, r * cols + 1, row++);
                    }
                    ps.addBatch();
                    if ((b + 1) % STATEMENTS_PER_BATCH == 0) {
                        ps.executeBatch();
                    }
                }
                ps.executeBatch();
            }
        }
        int rest = rows - row;
        if (rest > 0) {
            try (PreparedStatement ps = c.prepareStatement(sql(rest))) {
                for (int r = 0; r < rest; r++) {
                    binder.bind(ps, r * cols + 1, row++);
                }
                ps.executeUpdate();
            }
        }
    }
}
