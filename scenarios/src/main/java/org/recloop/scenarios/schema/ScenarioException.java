package org.recloop.scenarios.schema;

/**
 * A scenario file is invalid. The message is one line naming the file, the field path (or line
 * and column for a syntax error) and the reason, e.g.
 * {@code scenarios/x.yaml: recommender.factors: must be > 0, was -3}.
 */
public class ScenarioException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String file;
    private final String path;
    private final String reason;

    public ScenarioException(String file, String path, String reason) {
        super(file + ": " + (path == null || path.isEmpty() ? "" : path + ": ") + reason);
        this.file = file;
        this.path = path;
        this.reason = reason;
    }

    public String file() {
        return file;
    }

    /** Dotted field path such as {@code interventions[0].recommender.type}, or a line/column. */
    public String path() {
        return path;
    }

    public String reason() {
        return reason;
    }
}
