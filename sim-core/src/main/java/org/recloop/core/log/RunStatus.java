package org.recloop.core.log;

/** Status of a run in the runs table. */
public enum RunStatus {
    RUNNING("running"),
    FINISHED("finished"),
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
