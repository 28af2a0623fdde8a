package org.recloop.core.log;

/**
 * A continued run ({@link ReplayingLog}) whose replay does not reproduce what its log or its
 * checkpoints recorded: resuming it would not log what an uninterrupted run logs, so it stops.
 */
public final class LogReplayException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public LogReplayException(String message) {
        super(message);
    }
}
