package org.recloop.analysis.export.parquet;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.StringJoiner;
import org.recloop.analysis.export.Column;

/**
 * Turns an exported CSV table into a typed Parquet file with DuckDB.
 *
 * <p>Why DuckDB: its JDBC driver is one self-contained artifact (the engine is embedded) that
 * writes Parquet natively, streaming a CSV of any size through its own out-of-core engine without
 * the Java heap; the Java Parquet writers need Hadoop's {@code Configuration} and file system
 * classes (dozens of jars) or hand-written encoders. The same library reads the file back, which
 * is how the tests check it, and DuckDB, pandas, Spark and polars all read its output.
 *
 * <p>Each call opens a private in-memory DuckDB; nothing is shared. Paths are passed as SQL string
 * literals with quotes doubled, so a file name cannot change the statement.
 */
public final class ParquetTables {

    private ParquetTables() {}

    /** Writes {@code parquet} from {@code csv} (header line, comma-separated, vectors space-separated). */
    public static void convert(Path csv, Path parquet, List<Column> columns) {
        StringJoiner types = new StringJoiner(", ", "{", "}");
        StringJoiner select = new StringJoiner(", ");
        for (Column c : columns) {
            String name = quoteIdent(c.name());
            String textType = c.type().isSequence() || c.type() == Column.Type.TEXT ? "VARCHAR" : c.type().sql();
            types.add(literal(c.name()) + ": " + literal(textType));
            if (c.type().isSequence()) {
                String element = c.type() == Column.Type.FLOAT_SEQ ? "FLOAT" : "INTEGER";
                select.add("CASE WHEN " + name + " IS NULL OR " + name + " = '' THEN CAST([] AS " + element
                        + "[]) ELSE CAST(string_split(" + name + ", ' ') AS " + element + "[]) END AS " + name);
            } else {
                select.add(name);
            }
        }
        String sql = "COPY (SELECT " + select + " FROM read_csv(" + literal(csv.toAbsolutePath().toString())
                + ", header = true, delim = ',', quote = '', escape = '', columns = " + types + ")) TO "
                + literal(parquet.toAbsolutePath().toString()) + " (FORMAT parquet, COMPRESSION zstd)";
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement st = c.createStatement()) {
            st.execute("SET preserve_insertion_order = true");
            st.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot write " + parquet + ": " + e.getMessage(), e);
        }
    }

    private static String literal(String s) {
        return "'" + s.replace("'", "''") + "'";
    }

    private static String quoteIdent(String s) {
        return "\"" + s.replace("\"", "\"\"") + "\"";
    }
}
