package org.recloop.scenarios.schema;

import java.util.List;

/**
 * A scenario file is invalid. It carries every problem found, each naming the file, the line and
 * column, the field path and the reason (with the value given, where there is one). With one
 * problem the message is that problem's line, e.g.
 * {@code scenarios/x.yaml:7:3 recommender.factors: must be > 0, was -3}; with several, a first
 * line counting them and then one indented line per problem:
 *
 * <pre>
 * scenarios/x.yaml: 2 problems
 *   scenarios/x.yaml:2:1 reccommender: unknown field; did you mean 'recommender'? ...
 *   scenarios/x.yaml:7:3 world.population.users: must be > 0, was -5
 * </pre>
 */
public class ScenarioException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String file;
    private final List<Problem> problems;

    /**
     * One problem of a scenario file.
     *
     * @param file the file, as given
     * @param line 1-based line, or 0 when the problem has no place in the text (a missing file)
     * @param column 1-based column, or 0
     * @param path dotted field path such as {@code interventions[0].recommender.type}; empty for the
     *     whole file
     * @param reason what is wrong and what is expected
     */
    public record Problem(String file, int line, int column, String path, String reason) {
        public Problem {
            path = path == null ? "" : path;
        }

        /** {@code file:line:column path: reason}. */
        @Override
        public String toString() {
            String where = line > 0 ? file + ":" + line + ":" + column : file + ":";
            return where + " " + (path.isEmpty() ? "" : path + ": ") + reason;
        }
    }

    /** A single problem without a place in the text. */
    public ScenarioException(String file, String path, String reason) {
        this(file, List.of(new Problem(file, 0, 0, path, reason)));
    }

    /** Every problem found in {@code file}; at least one. */
    public ScenarioException(String file, List<Problem> problems) {
        super(message(file, problems));
        this.file = file;
        this.problems = List.copyOf(problems);
    }

    private static String message(String file, List<Problem> problems) {
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("a scenario exception needs a problem");
        }
        if (problems.size() == 1) {
            return problems.get(0).toString();
        }
        StringBuilder sb = new StringBuilder(file).append(": ").append(problems.size()).append(" problems");
        problems.forEach(p -> sb.append("\n  ").append(p));
        return sb.toString();
    }

    public String file() {
        return file;
    }

    /** Every problem, in the order of the file's sections. */
    public List<Problem> problems() {
        return problems;
    }

    /** The first problem's field path, such as {@code interventions[0].recommender.type}. */
    public String path() {
        return problems.get(0).path();
    }

    /** The first problem's reason. */
    public String reason() {
        return problems.get(0).reason();
    }
}
