package org.recloop.analysis.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Synthetic run folders for the report tests. */
final class RunFolders {
    private RunFolders() {}

    static final String HEADER = "tick,sessions,exposures,events,clicks";

    /** resolved.json of a run; {@code arm} may be null. */
    static String resolved(String name, long seed, String recommender, String arm) {
        return "{\n  \"name\" : \"" + name + "\",\n  \"seed\" : " + seed + ",\n  \"ticks\" : 3,\n"
                + "  \"recommender\" : {\n    \"type\" : \"" + recommender + "\",\n    \"factors\" : 8\n  },\n"
                + (arm == null ? "" : "  \"arm\" : \"" + arm + "\",\n") + "  \"threads\" : 1\n}";
    }

    /**
     * Writes {@code parent/id/} with scenario.yaml, resolved.json and metrics.csv. {@code rows[t]}
     * are the metric cells of tick t (strings, so that a cell can be empty).
     */
    static Path write(Path parent, String id, String name, long seed, String recommender, String arm,
            List<String> metrics, String[][] rows) {
        try {
            Path dir = Files.createDirectories(parent.resolve(id));
            Files.writeString(dir.resolve("scenario.yaml"), "name: " + name + "\nseed: " + seed + "\nticks: "
                    + rows.length + "\nrecommender: " + recommender + "\n");
            Files.writeString(dir.resolve("resolved.json"), resolved(name, seed, recommender, arm));
            StringBuilder sb = new StringBuilder(HEADER);
            for (String m : metrics) {
                sb.append(',').append(m);
            }
            sb.append('\n');
            for (int t = 0; t < rows.length; t++) {
                sb.append(t).append(",10,100,5,5");
                for (String c : rows[t]) {
                    sb.append(',').append(c);
                }
                sb.append('\n');
            }
            Files.writeString(dir.resolve("metrics.csv"), sb.toString());
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A run with a single metric {@code m} whose values per tick are given (NaN = empty cell). */
    static RunData run(String arm, String metric, int[] ticks, double... values) {
        double[][] v = new double[values.length][1];
        for (int i = 0; i < values.length; i++) {
            v[i][0] = values[i];
        }
        return new RunData(Path.of("run-" + arm), "run-" + arm, "s", 1, "random", arm, "name: s\n", List.of(metric),
                ticks, v);
    }
}
