package org.recloop.recommenders.remote;

/** The remote recommender misbehaved; the message names its URL, the call and what was wrong. */
public class RemoteRecommenderException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public RemoteRecommenderException(String message) {
        super(message);
    }

    public RemoteRecommenderException(String message, Throwable cause) {
        super(message, cause);
    }
}
