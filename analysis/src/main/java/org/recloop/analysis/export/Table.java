package org.recloop.analysis.export;

import java.util.List;
import java.util.Objects;

/**
 * An exported table: a name, what one row is, and its columns.
 *
 * @param name the table's name (file names derive from it per format)
 * @param row what one row is, for the card
 */
public record Table(String name, String row, List<Column> columns) {

    public Table {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(row, "row");
        columns = List.copyOf(columns);
    }
}
