package org.recloop.core.serve;

/** Where a slate position came from; stored as its {@link #code()} in the exposures table. */
public enum SlateSource {
    RECOMMENDER(0),
    SOCIAL(1),
    SEARCH(2),
    /** Items a conversational recommender offered in a conversation (the conversation's slate). */
    CONVERSATION(3);

    private final byte code;

    SlateSource(int code) {
        this.code = (byte) code;
    }

    public byte code() {
        return code;
    }

    /** The source stored as {@code code}. */
    public static SlateSource ofCode(int code) {
        for (SlateSource s : values()) {
            if (s.code == code) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown slate source code " + code);
    }
}
