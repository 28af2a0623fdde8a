package org.recloop.core.world.io;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads RFC 4180 CSV (quoted fields with embedded commas, doubled quotes and line breaks) with a
 * header row, one record at a time, and reports errors as {@link DataFileException} with the
 * file and the line where the record starts. A UTF-8 byte-order mark before the header is skipped
 * (see {@link DataFiles}).
 */
public final class CsvReader implements AutoCloseable {

    private final String name;
    private final BufferedReader in;
    private final Map<String, Integer> columns = new HashMap<>();
    private long line;
    private long recordLine;

    /** Opens a file and reads its header. */
    public CsvReader(Path file) {
        this.name = file.toString();
        this.in = DataFiles.open(file);
        List<String> header = next();
        if (header == null) {
            throw new DataFileException(name, 1, "the file is empty; expected a header row");
        }
        for (int i = 0; i < header.size(); i++) {
            columns.put(header.get(i).strip(), i);
        }
    }

    /** Index of a required column, or an error naming the file and the column. */
    public int column(String header) {
        Integer i = columns.get(header);
        if (i == null) {
            throw new DataFileException(name, 1, "missing column '" + header + "' in the header");
        }
        return i;
    }

    /** The next record's fields, or null at the end of the file. */
    public List<String> next() {
        try {
            String l = in.readLine();
            if (l == null) {
                return null;
            }
            line++;
            recordLine = line;
            List<String> fields = new ArrayList<>();
            StringBuilder f = new StringBuilder();
            boolean quoted = false;
            int i = 0;
            while (true) {
                if (i == l.length()) {
                    if (!quoted) {
                        fields.add(f.toString());
                        return fields;
                    }
                    String more = in.readLine();
                    if (more == null) {
                        throw new DataFileException(name, recordLine, "unterminated quoted field");
                    }
                    line++;
                    f.append('\n');
                    l = more;
                    i = 0;
                    continue;
                }
                char c = l.charAt(i++);
                if (quoted) {
                    if (c == '"') {
                        if (i < l.length() && l.charAt(i) == '"') {
                            f.append('"');
                            i++;
                        } else {
                            quoted = false;
                        }
                    } else {
                        f.append(c);
                    }
                } else if (c == '"' && f.length() == 0) {
                    quoted = true;
                } else if (c == ',') {
                    fields.add(f.toString());
                    f.setLength(0);
                } else {
                    f.append(c);
                }
            }
        } catch (IOException e) {
            throw new DataFileException(name, line, TextFiles.reason(e));
        }
    }

    /** Line where the last record returned by {@link #next} starts. */
    public long line() {
        return recordLine;
    }

    public String name() {
        return name;
    }

    /** A field as a whole number, or an error naming file, line, column and value. */
    public long longField(List<String> rec, int col, String header) {
        String v = field(rec, col, header);
        try {
            return Long.parseLong(v.strip());
        } catch (NumberFormatException e) {
            throw new DataFileException(name, recordLine, "column '" + header + "': expected a whole number, found " + TextFiles.quote(v));
        }
    }

    /** A field as a number (empty allowed: returns {@code ifEmpty}). */
    public double doubleField(List<String> rec, int col, String header, double ifEmpty) {
        String v = field(rec, col, header).strip();
        if (v.isEmpty()) {
            return ifEmpty;
        }
        try {
            return Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw new DataFileException(name, recordLine, "column '" + header + "': expected a number, found " + TextFiles.quote(v));
        }
    }

    public String field(List<String> rec, int col, String header) {
        if (col >= rec.size()) {
            throw new DataFileException(name, recordLine, "expected at least " + (col + 1) + " fields, found "
                    + rec.size() + " (column '" + header + "' missing)");
        }
        return rec.get(col);
    }

    @Override
    public void close() {
        try {
            in.close();
        } catch (IOException e) {
            // reading is over; nothing to lose
        }
    }
}
