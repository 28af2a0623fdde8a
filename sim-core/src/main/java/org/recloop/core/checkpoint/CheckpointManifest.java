package org.recloop.core.checkpoint;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;

/**
 * What a checkpoint says about itself ({@code manifest.properties}): which run, scenario, seed
 * and code wrote it, at which tick, and the {@link StateDigest} of the state at that tick's end.
 *
 * @param runId the run that wrote it
 * @param scenarioSha256 SHA-256 of the run's scenario text
 * @param seed the run seed
 * @param codeVersion the RecLoop version
 * @param codeCommit the source commit the code was built from ("" when unknown)
 * @param tick the tick whose end it records
 * @param parts digest per part of the state, in a fixed order
 */
public record CheckpointManifest(String runId, String scenarioSha256, long seed, String codeVersion,
        String codeCommit, int tick, Map<String, String> parts) {

    /** The manifest format; a manifest of another format is refused. */
    public static final int FORMAT = 1;

    public CheckpointManifest {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(scenarioSha256, "scenarioSha256");
        Objects.requireNonNull(codeVersion, "codeVersion");
        Objects.requireNonNull(codeCommit, "codeCommit");
        parts = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(parts));
    }

    /**
     * Why this checkpoint cannot serve the run {@code expected} describes (its tick and parts
     * aside), naming the first field that differs; empty if it can.
     */
    public Optional<String> mismatch(CheckpointManifest expected) {
        // what the checkpoint would be replayed with first, the run it belongs to last
        String[][] fields = {{"scenarioSha256", scenarioSha256, expected.scenarioSha256},
            {"seed", Long.toString(seed), Long.toString(expected.seed)},
            {"codeVersion", codeVersion, expected.codeVersion},
            {"codeCommit", codeCommit, expected.codeCommit},
            {"runId", runId, expected.runId}};
        for (String[] f : fields) {
            if (!f[1].equals(f[2])) {
                String why = switch (f[0]) {
                    case "runId" -> "a checkpoint of another run";
                    case "scenarioSha256" -> "a checkpoint of another scenario";
                    case "seed" -> "a checkpoint of another seed";
                    default -> "written by other code; a replay with this code would not log the same";
                };
                return Optional.of(f[0] + " is '" + f[1] + "', expected '" + f[2] + "': " + why);
            }
        }
        return Optional.empty();
    }

    /** The parts whose digests differ from {@code other}'s, in order. */
    public java.util.List<String> differingParts(Map<String, String> other) {
        java.util.List<String> out = new java.util.ArrayList<>();
        for (Map.Entry<String, String> e : parts.entrySet()) {
            if (!e.getValue().equals(other.get(e.getKey()))) {
                out.add(e.getKey());
            }
        }
        for (String k : other.keySet()) {
            if (!parts.containsKey(k)) {
                out.add(k);
            }
        }
        return out;
    }

    /** The same identity at another tick with other digests. */
    public CheckpointManifest at(int atTick, Map<String, String> digests) {
        return new CheckpointManifest(runId, scenarioSha256, seed, codeVersion, codeCommit, atTick, digests);
    }

    Properties toProperties() {
        Properties p = new Properties();
        p.setProperty("format", Integer.toString(FORMAT));
        p.setProperty("runId", runId);
        p.setProperty("scenarioSha256", scenarioSha256);
        p.setProperty("seed", Long.toString(seed));
        p.setProperty("codeVersion", codeVersion);
        p.setProperty("codeCommit", codeCommit);
        p.setProperty("tick", Integer.toString(tick));
        p.setProperty("parts", String.join(",", parts.keySet()));
        parts.forEach((k, v) -> p.setProperty("part." + k, v));
        return p;
    }

    /** Reads a manifest; {@code file} names it in errors. */
    static CheckpointManifest fromProperties(Properties p, String file) {
        String format = field(p, file, "format");
        if (!Integer.toString(FORMAT).equals(format)) {
            throw new CheckpointException(file + ": format is '" + format + "', this RecLoop reads format " + FORMAT);
        }
        Map<String, String> parts = new LinkedHashMap<>();
        String names = field(p, file, "parts");
        if (!names.isEmpty()) {
            for (String name : names.split(",")) {
                parts.put(name, field(p, file, "part." + name));
            }
        }
        try {
            return new CheckpointManifest(field(p, file, "runId"), field(p, file, "scenarioSha256"),
                    Long.parseLong(field(p, file, "seed")), field(p, file, "codeVersion"), field(p, file, "codeCommit"),
                    Integer.parseInt(field(p, file, "tick")), parts);
        } catch (NumberFormatException e) {
            throw new CheckpointException(file + ": seed and tick must be integers (" + e.getMessage() + ")");
        }
    }

    private static String field(Properties p, String file, String name) {
        String v = p.getProperty(name);
        if (v == null) {
            throw new CheckpointException(file + ": field '" + name + "' is missing");
        }
        return v;
    }
}
