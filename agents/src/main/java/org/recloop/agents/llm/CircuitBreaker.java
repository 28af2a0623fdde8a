package org.recloop.agents.llm;

/**
 * The health of one server of a chat model: closed (calls go to it) until {@link #FAILURES}
 * failures in a row that say the server is unwell (refused connections, timeouts, I/O errors,
 * HTTP 5xx), then open (no calls) for a cool-down that starts at {@link #FIRST_COOL_DOWN_MS} and
 * doubles with every opening that follows a failed trial, up to {@link #MAX_COOL_DOWN_MS}; then
 * half-open: one trial call, whose success closes it again and whose failure reopens it. A
 * server that fails some prompts (a 400, an answer too large, a 429 of a busy server) is not
 * taken out: other calls may well succeed there.
 *
 * <p>Not thread-safe: {@link ServerPool} calls it under its lock. Times come from the pool's
 * clock, so tests can move time without waiting.
 */
final class CircuitBreaker {

    static final int FAILURES = 3;
    static final long FIRST_COOL_DOWN_MS = 1_000;
    static final long MAX_COOL_DOWN_MS = 60_000;

    private int failuresInARow;
    private boolean open;
    private boolean trialInFlight;
    private long coolDownMs = FIRST_COOL_DOWN_MS;
    private long openUntilNanos;
    private int openings;

    /** Whether the outcome of a failed attempt says something about the server rather than the prompt. */
    static boolean counts(String outcome) {
        return outcome.equals("unreachable") || outcome.equals("timeout") || outcome.equals("io_error")
                || outcome.startsWith("http_5");
    }

    /** Whether a call may go to the server now (closed, or half-open with no trial in flight). */
    boolean allows(long nowNanos) {
        if (!open) {
            return true;
        }
        return !trialInFlight && nowNanos - openUntilNanos >= 0;
    }

    /** A call goes to the server ({@link #allows} said yes): when open, it is the half-open trial. */
    void sent() {
        if (open) {
            trialInFlight = true;
        }
    }

    /** The server answered: closed, cool-down back to its start. */
    void succeeded() {
        failuresInARow = 0;
        open = false;
        trialInFlight = false;
        coolDownMs = FIRST_COOL_DOWN_MS;
    }

    /**
     * An attempt on the server failed with an outcome that {@link #counts}.
     *
     * @return true when this failure opened the breaker
     */
    boolean failed(long nowNanos) {
        failuresInARow++;
        if (open && trialInFlight) { // the trial failed: out again, for longer
            trialInFlight = false;
            coolDownMs = Math.min(MAX_COOL_DOWN_MS, coolDownMs * 2);
            openUntilNanos = nowNanos + coolDownMs * 1_000_000;
            openings++;
            return true;
        }
        if (!open && failuresInARow >= FAILURES) {
            open = true;
            openUntilNanos = nowNanos + coolDownMs * 1_000_000;
            openings++;
            return true;
        }
        return false;
    }

    /** An attempt ended without saying anything about the server (a prompt's failure): a trial ends. */
    void ended() {
        trialInFlight = false;
    }

    /** Whether the call in flight is the half-open trial. */
    boolean inTrial() {
        return open && trialInFlight;
    }

    boolean isOpen() {
        return open;
    }

    long coolDownMs() {
        return coolDownMs;
    }

    /** How often it opened (a failed trial counts as another opening). */
    int openings() {
        return openings;
    }
}
