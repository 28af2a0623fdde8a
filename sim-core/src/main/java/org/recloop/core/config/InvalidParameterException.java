package org.recloop.core.config;

/**
 * A component parameter is out of range. Names the field (relative to the component's
 * parameters) so the scenario loader can report the full path, e.g. {@code recommender.factors}.
 */
public class InvalidParameterException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;
    private final String field;
    private final String reason;

    public InvalidParameterException(String field, String reason) {
        super(field + ": " + reason);
        this.field = field;
        this.reason = reason;
    }

    public String field() {
        return field;
    }

    public String reason() {
        return reason;
    }
}
