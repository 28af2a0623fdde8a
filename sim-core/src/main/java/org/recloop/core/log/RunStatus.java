package org.recloop.core.log;

/** Status of a run in the runs table. */
public enum RunStatus {
    RUNNING("running"),
    FINISHED("finished"),
    /**
     * Every tick ran, but the user model's calls to an outside model failed more often than the
     * scenario tolerates (e.g. a wrong key or a closed port: the LLM agents were the rule model all
     * along); the runs table's error says the share and the threshold.
     */
    DEGRADED("degraded"),
    FAILED("failed"),
    INTERRUPTED("interrupted");

    private final String label;

    RunStatus(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** The error text a failed run records: the exception, then each cause on a line of its own. */
    public static String describe(Throwable e) {
        StringBuilder why = new StringBuilder(e.toString());
        for (Throwable c = e.getCause(); c != null && c != e; c = c.getCause()) {
            why.append("\ncaused by: ").append(c);
        }
        return why.toString();
    }
}
