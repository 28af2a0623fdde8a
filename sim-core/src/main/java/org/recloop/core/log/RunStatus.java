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
}
