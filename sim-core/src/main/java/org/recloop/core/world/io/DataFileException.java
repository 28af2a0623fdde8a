package org.recloop.core.world.io;

/**
 * A data file is malformed. The message names the file, the line (1-based; 0 for the whole
 * file) and the reason: {@code data/follows.csv:17: expected 2 fields, found 1}.
 */
public class DataFileException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String file;
    private final long line;
    private final String reason;

    public DataFileException(String file, long line, String reason) {
        super(file + (line > 0 ? ":" + line : "") + ": " + reason);
        this.file = file;
        this.line = line;
        this.reason = reason;
    }

    public String file() {
        return file;
    }

    public long line() {
        return line;
    }

    public String reason() {
        return reason;
    }
}
