package org.recloop.analysis.export;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes one delimited text table row by row (CSV, or RecBole's tab-separated atomic files),
 * through a large buffer, so a table of any length costs constant memory. Values never need
 * quoting: ids and numbers, labels without separators, and vectors written space-separated
 * (RecBole's {@code float_seq} convention) in one field.
 *
 * <p>Not thread-safe. I/O errors surface as {@link UncheckedIOException} naming the file.
 */
final class TextTableWriter implements AutoCloseable {

    private final Path file;
    private final BufferedWriter w;
    private final char sep;
    private boolean first = true;
    private long rows;

    /** Opens {@code file} and writes {@code header} (a line, or null for none). */
    TextTableWriter(Path file, char sep, String header) {
        this.file = file;
        this.sep = sep;
        try {
            this.w = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
            if (header != null) {
                w.write(header);
                w.write('\n');
            }
        } catch (IOException e) {
            throw failed(e);
        }
    }

    private UncheckedIOException failed(IOException e) {
        return new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
    }

    private void next() throws IOException {
        if (!first) {
            w.write(sep);
        }
        first = false;
    }

    TextTableWriter id(long v) {
        return text(Long.toString(v));
    }

    TextTableWriter integer(long v) {
        return text(Long.toString(v));
    }

    TextTableWriter real(float v) {
        return text(Float.isNaN(v) ? "" : Float.toString(v));
    }

    TextTableWriter text(String s) {
        try {
            next();
            w.write(s);
        } catch (IOException e) {
            throw failed(e);
        }
        return this;
    }

    /** A vector, space-separated; empty for null. */
    TextTableWriter floats(float[] v) {
        try {
            next();
            if (v != null) {
                for (int i = 0; i < v.length; i++) {
                    if (i > 0) {
                        w.write(' ');
                    }
                    w.write(Float.toString(v[i]));
                }
            }
        } catch (IOException e) {
            throw failed(e);
        }
        return this;
    }

    /** Ids {@code a[from..to)}, space-separated. */
    TextTableWriter ids(int[] a, int from, int to) {
        try {
            next();
            for (int i = from; i < to; i++) {
                if (i > from) {
                    w.write(' ');
                }
                w.write(Integer.toString(a[i]));
            }
        } catch (IOException e) {
            throw failed(e);
        }
        return this;
    }

    /** Ends the row. */
    void end() {
        try {
            w.write('\n');
        } catch (IOException e) {
            throw failed(e);
        }
        first = true;
        rows++;
    }

    long rows() {
        return rows;
    }

    Path file() {
        return file;
    }

    @Override
    public void close() {
        try {
            w.close();
        } catch (IOException e) {
            throw failed(e);
        }
    }
}
