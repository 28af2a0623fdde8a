package org.recloop.core.checkpoint;

/** A checkpoint that cannot be read, written or used; the message names the file and the reason. */
public final class CheckpointException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public CheckpointException(String message) {
        super(message);
    }

    public CheckpointException(String message, Throwable cause) {
        super(message, cause);
    }
}
