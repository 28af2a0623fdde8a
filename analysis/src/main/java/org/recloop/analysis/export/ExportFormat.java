package org.recloop.analysis.export;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The file formats of an export, with their command-line names. Each maps a {@link Table} (and
 * a split part) to a file name and a header line.
 */
public enum ExportFormat {
    /** MovieLens-style CSV: {@code ratings.csv} with {@code user,item,rating,timestamp}; other tables as CSV. */
    MOVIELENS("movielens"),
    /**
     * RecBole atomic files: tab-separated, typed headers ({@code user_id:token}), named after the
     * dataset ({@code <name>.inter}, {@code .user}, {@code .item}; splits as RecBole's benchmark
     * files {@code <name>.train.inter}, {@code .valid.inter}, {@code .test.inter}).
     */
    RECBOLE("recbole"),
    /** One line per user, {@code user item item ...} in time order ({@code sequences.txt}); other tables as CSV. */
    SEQUENTIAL("sequential"),
    /** Apache Parquet, one file per table, typed columns (vectors as FLOAT[]). */
    PARQUET("parquet");

    private final String label;

    ExportFormat(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** The format called {@code name} (case-insensitive). */
    public static ExportFormat parse(String name) {
        for (ExportFormat f : values()) {
            if (f.label.equals(name.strip().toLowerCase(Locale.ROOT))) {
                return f;
            }
        }
        throw new IllegalArgumentException("unknown format '" + name + "'; available: " + available());
    }

    /** The names, comma-separated. */
    public static String available() {
        return Arrays.stream(values()).map(ExportFormat::label).collect(Collectors.joining(", "));
    }

    /** The column separator of a text table in this format. */
    char separator(Table t) {
        if (this == SEQUENTIAL && t.name().equals(Tables.SEQUENCES)) {
            return ' ';
        }
        return this == RECBOLE ? '\t' : ',';
    }

    /** The header line of a text table, or null for none. */
    String header(Table t) {
        if (this == SEQUENTIAL && t.name().equals(Tables.SEQUENCES)) {
            return null;
        }
        StringBuilder sb = new StringBuilder();
        for (Column c : t.columns()) {
            if (sb.length() > 0) {
                sb.append(separator(t));
            }
            sb.append(this == RECBOLE ? c.recboleHeader() : c.name());
        }
        return sb.toString();
    }

    /**
     * The file of a table (or of one part of a split table: {@code part} is train, valid or
     * test, or null for the whole) in this format; Parquet's text stage is named as CSV.
     */
    String fileName(Table t, String part, String dataset) {
        String p = part == null ? "" : "." + part;
        return switch (this) {
            case RECBOLE -> dataset + p + "." + switch (t.name()) {
                case Tables.INTERACTIONS -> "inter";
                case Tables.USERS -> "user";
                case Tables.ITEMS -> "item";
                default -> t.name();
            };
            case MOVIELENS -> (t.name().equals(Tables.INTERACTIONS) ? "ratings" : t.name()) + p + ".csv";
            case SEQUENTIAL -> t.name().equals(Tables.SEQUENCES) ? "sequences" + p + ".txt" : t.name() + p + ".csv";
            case PARQUET -> t.name() + p + ".csv";
        };
    }
}
