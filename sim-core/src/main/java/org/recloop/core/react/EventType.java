package org.recloop.core.react;

/**
 * What a user did. Stored as {@link #code()} in the events table; codes are stable forever
 * (a new type gets a new code, an old code is never reused) so logs stay readable.
 *
 * <p>Columns per type: {@code item} is the item acted on (-1 if none), {@code val} is the value
 * below, {@code target_user} is the other user for social actions (-1 otherwise).
 */
public enum EventType {
    /** Opened an item from the slate (or from search); val = realised true utility. */
    CLICK(1),
    /** Consumed the opened item; val = completion fraction in [0, 1] (watch time / length). */
    CONSUME(2),
    /** Rated the item; val = stars 1..5. */
    RATE(3),
    /** Liked the item; val = 1. */
    LIKE(4),
    /** Looked at the slate and opened nothing; item = -1. */
    SKIP(5),
    /** Shared (reposted) the item to followers; val = 1. */
    SHARE(6),
    /** Commented on the item; val = the comment's sentiment in [-1, 1]. */
    COMMENT(7),
    /** Started following target_user (e.g. the item's creator); item = the item that prompted it. */
    FOLLOW(8),
    /** Stopped following target_user; item = the item that prompted it. */
    UNFOLLOW(9),
    /** Created a new item (a post), which joins the catalog; item = the new item. */
    POST(10),
    /** Searched by topic; val = the topic id; item = -1 (what was opened follows as CLICK). */
    SEARCH(11),
    /** Left the platform (churn); val = the recent satisfaction that made them leave. */
    LEAVE(12),
    /** Came back after leaving. */
    RETURN(13),
    /**
     * Sent a direct message (chat) to target_user, whom the sender follows; val = the message's
     * sentiment in [-1, 1]; item = the item it is about (-1 if none). The text is in the texts table.
     */
    MESSAGE(14);

    private static final EventType[] BY_CODE = new EventType[32];

    static {
        for (EventType t : values()) {
            BY_CODE[t.code] = t;
        }
    }

    private final byte code;

    EventType(int code) {
        this.code = (byte) code;
    }

    public byte code() {
        return code;
    }

    public static EventType ofCode(int code) {
        EventType t = code >= 0 && code < BY_CODE.length ? BY_CODE[code] : null;
        if (t == null) {
            throw new IllegalArgumentException("unknown event code " + code);
        }
        return t;
    }
}
