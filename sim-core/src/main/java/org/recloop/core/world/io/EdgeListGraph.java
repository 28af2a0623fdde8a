package org.recloop.core.world.io;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.recloop.core.config.InvalidParameterException;
import org.recloop.core.rng.RandomStreams;
import org.recloop.core.world.Catalog;
import org.recloop.core.world.GraphSource;
import org.recloop.core.world.LoadPolicy;
import org.recloop.core.world.LoadReport;
import org.recloop.core.world.Population;
import org.recloop.core.world.SocialGraph;

/**
 * Loads follow edges from a text file: one edge per line, {@code follower,followee} (comma, tab
 * or spaces), user ids 0-based and below the population size. Blank lines and lines starting
 * with {@code #} are skipped; a first line none of whose fields is a number is taken as a header
 * (a UTF-8 byte-order mark is ignored). A malformed line or an id outside the population stops
 * loading with the file, the line number and the reason.
 *
 * <p>Rows that are well-formed but cannot be taken as they are, counted in the {@link LoadReport}
 * (or refused, with the line, under {@link LoadPolicy#STRICT}):
 *
 * <ul>
 *   <li><b>self-follow</b> ({@code 3,3}): dropped, because a follow graph has no loops: a user's
 *       feed shows what the users they follow shared, and following oneself would echo one's own
 *       posts back;
 *   <li><b>duplicate edge</b> (the same follower,followee again): merged into the first, because
 *       following is a yes/no relation and a repeated line adds nothing.
 * </ul>
 */
public final class EdgeListGraph implements GraphSource {

    /** @param path the edge-list file (relative paths are resolved against the working directory) */
    public record Params(String path) {
        public Params {
            if (path == null || path.isBlank()) {
                throw new InvalidParameterException("path", "is required");
            }
        }
    }

    private static final Pattern SEP = Pattern.compile("[,\\t ]+");
    private final Path file;

    public EdgeListGraph(Params p) {
        this.file = Path.of(p.path());
    }

    public EdgeListGraph(Path file) {
        this.file = file;
    }

    private static boolean isNumber(String s) {
        try {
            Long.parseLong(s);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    @Override
    public SocialGraph build(Population population, Catalog catalog, RandomStreams streams) {
        return build(population, catalog, streams, LoadPolicy.LENIENT, report -> { });
    }

    @Override
    public SocialGraph build(Population population, Catalog catalog, RandomStreams streams, LoadPolicy policy,
            Consumer<LoadReport> reports) {
        int n = population.size();
        String name = file.toString();
        RowTally tally = new RowTally(name, policy);
        int[] from = new int[1024];
        int[] to = new int[1024];
        long[] lines = new long[1024];
        int e = 0;
        try (BufferedReader r = DataFiles.open(file)) {
            String line;
            long no = 0;
            boolean first = true; // the first non-comment line may be a header
            while ((line = r.readLine()) != null) {
                no++;
                String t = line.strip();
                if (t.isEmpty() || t.startsWith("#")) {
                    continue;
                }
                String[] f = SEP.split(t);
                if (f.length != 2) {
                    throw new DataFileException(name, no, "expected 2 fields (follower,followee), found " + f.length);
                }
                int a;
                int b;
                try {
                    a = Integer.parseInt(f[0]);
                    b = Integer.parseInt(f[1]);
                } catch (NumberFormatException ex) {
                    if (first && !isNumber(f[0]) && !isNumber(f[1])) {
                        first = false;
                        continue; // header: no field is a number
                    }
                    throw new DataFileException(name, no, "user ids must be whole numbers, found " + TextFiles.quote(t));
                }
                first = false;
                tally.row();
                if (a < 0 || a >= n || b < 0 || b >= n) {
                    throw new DataFileException(name, no, "user id out of range [0, " + n + "): " + TextFiles.quote(t));
                }
                if (a == b) {
                    tally.drop(no, "followee", "self-follow", "user " + a + " follows itself");
                    continue;
                }
                if (e == from.length) {
                    from = Arrays.copyOf(from, e * 2);
                    to = Arrays.copyOf(to, e * 2);
                    lines = Arrays.copyOf(lines, e * 2);
                }
                from[e] = a;
                to[e] = b;
                lines[e++] = no;
            }
        } catch (IOException ex) {
            throw new DataFileException(name, 0, TextFiles.reason(ex));
        }
        from = Arrays.copyOf(from, e);
        to = Arrays.copyOf(to, e);
        countDuplicates(from, to, lines, n, tally);
        reports.accept(tally.report());
        return SocialGraph.fromEdges(n, from, to); // keeps one copy of each edge
    }

    /**
     * Counts (or, strict, refuses) repeated edges in file order. One primitive sort finds whether
     * there are any, so only the repeated edges go through a map.
     */
    private static void countDuplicates(int[] from, int[] to, long[] lines, int n, RowTally tally) {
        long[] key = new long[from.length];
        for (int e = 0; e < from.length; e++) {
            key[e] = (long) from[e] * n + to[e];
        }
        long[] sorted = key.clone();
        Arrays.sort(sorted);
        Set<Long> repeated = new HashSet<>();
        for (int e = 1; e < sorted.length; e++) {
            if (sorted[e] == sorted[e - 1]) {
                repeated.add(sorted[e]);
            }
        }
        Map<Long, Long> firstLine = new HashMap<>();
        for (int e = 0; e < key.length; e++) {
            if (repeated.contains(key[e])) {
                Long l = firstLine.putIfAbsent(key[e], lines[e]);
                if (l != null) {
                    tally.merge(lines[e], "followee", "duplicate edge", "user " + from[e] + " follows user " + to[e]
                            + " again (first on line " + l + ")");
                }
            }
        }
    }
}
