package org.recloop.scenarios.schema;

/** A field-level problem found while resolving a scenario; the loader adds the file name. */
public class FieldException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String path;
    private final String reason;

    public FieldException(String path, String reason) {
        super(path + ": " + reason);
        this.path = path;
        this.reason = reason;
    }

    public String path() {
        return path;
    }

    public String reason() {
        return reason;
    }
}
