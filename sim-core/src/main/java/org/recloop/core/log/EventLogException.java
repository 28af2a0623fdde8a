package org.recloop.core.log;

/** The log could not be written or read; the run cannot go on safely. */
public class EventLogException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public EventLogException(String message, Throwable cause) {
        super(message, cause);
    }
}
