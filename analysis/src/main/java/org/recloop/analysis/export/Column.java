package org.recloop.analysis.export;

import java.util.Objects;

/**
 * One column of an exported table: its name in CSV and Parquet files, its name and type in
 * RecBole's atomic files, and what it means (for the dataset card).
 *
 * @param name the column name in CSV and Parquet files
 * @param recboleName the field name in RecBole atomic files ({@code user_id}, {@code item_id}, ...)
 * @param type the value type
 * @param meaning one sentence for the card
 */
public record Column(String name, String recboleName, Type type, String meaning) {

    /** Value types, with their RecBole atomic-file type and their DuckDB/Parquet type. */
    public enum Type {
        /** An identifier: RecBole {@code token}, Parquet INTEGER. */
        ID("token", "INTEGER"),
        /** A whole number that is a quantity or a time: RecBole {@code float}, Parquet INTEGER. */
        INT("float", "INTEGER"),
        /** A real number: RecBole {@code float}, Parquet FLOAT. */
        FLOAT("float", "FLOAT"),
        /** A label: RecBole {@code token}, Parquet VARCHAR. */
        TEXT("token", "VARCHAR"),
        /** A vector, space-separated in text files: RecBole {@code float_seq}, Parquet FLOAT[]. */
        FLOAT_SEQ("float_seq", "FLOAT[]"),
        /** A list of ids, space-separated in text files: RecBole {@code token_seq}, Parquet INTEGER[]. */
        ID_SEQ("token_seq", "INTEGER[]");

        private final String recbole;
        private final String sql;

        Type(String recbole, String sql) {
            this.recbole = recbole;
            this.sql = sql;
        }

        /** The type name of RecBole's atomic-file headers. */
        public String recbole() {
            return recbole;
        }

        /** The DuckDB type the Parquet column gets. */
        public String sql() {
            return sql;
        }

        /** True for the list types, written space-separated in one text field. */
        public boolean isSequence() {
            return this == FLOAT_SEQ || this == ID_SEQ;
        }
    }

    public Column {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(recboleName, "recboleName");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(meaning, "meaning");
    }

    /** A column with the same name everywhere. */
    public Column(String name, Type type, String meaning) {
        this(name, name, type, meaning);
    }

    /** The header field of a RecBole atomic file, e.g. {@code user_id:token}. */
    public String recboleHeader() {
        return recboleName + ":" + type.recbole();
    }
}
