package org.recloop.core.react;

/**
 * What a user did. Stored as {@link #code()} in the events table; codes are stable forever
 * (a new type gets a new code, an old code is never reused) so logs stay readable.
 */
public enum EventType {
    /** Opened an item from the slate; value = the realised true utility. */
    CLICK(1);

    private final byte code;

    EventType(int code) {
        this.code = (byte) code;
    }

    public byte code() {
        return code;
    }

    public static EventType ofCode(int code) {
        for (EventType t : values()) {
            if (t.code == code) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown event code " + code);
    }
}
