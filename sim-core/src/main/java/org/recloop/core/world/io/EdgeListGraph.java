package org.recloop.core.world.io;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.regex.Pattern;
import org.recloop.core.config.InvalidParameterException;
import org.recloop.core.rng.RandomStreams;
import org.recloop.core.world.Catalog;
import org.recloop.core.world.GraphSource;
import org.recloop.core.world.Population;
import org.recloop.core.world.SocialGraph;

/**
 * Loads follow edges from a text file: one edge per line, {@code follower,followee} (comma, tab
 * or spaces), user ids 0-based and below the population size. Blank lines and lines starting
 * with {@code #} are skipped; a first line none of whose fields is a number is taken as a header
 * (a UTF-8 byte-order mark is ignored).
 * Duplicates and self-loops are dropped. A malformed line stops loading with the file, the line
 * number and the reason.
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
        int n = population.size();
        String name = file.toString();
        int[] from = new int[1024];
        int[] to = new int[1024];
        int e = 0;
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            long no = 0;
            boolean first = true; // the first non-comment line may be a header
            while ((line = r.readLine()) != null) {
                no++;
                String t = (no == 1 && line.startsWith("\uFEFF") ? line.substring(1) : line).strip();
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
                    throw new DataFileException(name, no, "user ids must be whole numbers, found '" + t + "'");
                }
                first = false;
                if (a < 0 || a >= n || b < 0 || b >= n) {
                    throw new DataFileException(name, no, "user id out of range [0, " + n + "): '" + t + "'");
                }
                if (e == from.length) {
                    from = Arrays.copyOf(from, e * 2);
                    to = Arrays.copyOf(to, e * 2);
                }
                from[e] = a;
                to[e++] = b;
            }
        } catch (NoSuchFileException ex) {
            throw new DataFileException(name, 0, "no such file");
        } catch (IOException ex) {
            throw new DataFileException(name, 0, "cannot read: " + ex.getMessage());
        }
        return SocialGraph.fromEdges(n, Arrays.copyOf(from, e), Arrays.copyOf(to, e));
    }
}
