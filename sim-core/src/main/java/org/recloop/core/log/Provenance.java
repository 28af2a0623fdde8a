package org.recloop.core.log;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What made a run, as recorded in the runs table: enough to tell two runs' code, runtime,
 * scenario and data apart without trusting file names.
 *
 * @param commit the source commit the code was built from, or empty when the build had no git
 *     checkout
 * @param modified whether the checkout held uncommitted changes when it was built (empty: unknown)
 * @param javaVersion the Java runtime that ran it (version and vendor)
 * @param scenarioSha256 SHA-256 of the scenario file's text as written, in hex
 * @param inputs every data file the scenario named, with its hash at the start of the run
 */
public record Provenance(Optional<String> commit, Optional<Boolean> modified, String javaVersion,
        String scenarioSha256, List<InputFile> inputs) {

    public Provenance {
        Objects.requireNonNull(commit, "commit");
        Objects.requireNonNull(modified, "modified");
        Objects.requireNonNull(javaVersion, "javaVersion");
        Objects.requireNonNull(scenarioSha256, "scenarioSha256");
        inputs = List.copyOf(inputs);
    }

    /** Nothing known beyond the running Java (runs made through the API without a scenario file). */
    public static Provenance unknown() {
        return new Provenance(Optional.empty(), Optional.empty(), runningJava(), "", List.of());
    }

    /** The running Java's version and vendor, e.g. "17.0.13 (Eclipse Adoptium)". */
    public static String runningJava() {
        return Runtime.version() + " (" + System.getProperty("java.vendor", "unknown vendor") + ")";
    }

    /** The commit, with "+modified" when the tree was not clean, or "unknown". */
    public String codeLabel() {
        return commit.map(c -> c + (modified.orElse(false) ? "+modified" : "")).orElse("unknown");
    }

    /**
     * A data file named by the scenario.
     *
     * @param field where the scenario names it (component path), e.g. {@code world.catalog}
     * @param path its canonical path
     * @param sha256 SHA-256 of its bytes in hex, or empty when it did not exist at the start
     * @param bytes its size, or -1 when it did not exist
     */
    public record InputFile(String field, String path, Optional<String> sha256, long bytes) {
        public InputFile {
            Objects.requireNonNull(field, "field");
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(sha256, "sha256");
        }
    }
}
