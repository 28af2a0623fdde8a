package org.recloop.core.world.io;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.recloop.core.world.LoadPolicy;
import org.recloop.core.world.LoadReport;

/**
 * An interaction file in the common formats: MovieLens-style CSV {@code user,item,rating,timestamp}
 * (a header line is allowed) or MovieLens-100k's tab-separated {@code u.data} ({@code user item
 * rating timestamp}). The timestamp column may be missing. Raw ids are mapped to dense ids
 * 0..n-1 in ascending raw-id order ({@link #rawUserIds()} / {@link #rawItemIds()} give the
 * mapping back). A malformed line stops reading with the file, the line number and the reason.
 * A UTF-8 byte-order mark is skipped; blank lines and lines starting with {@code #} carry no data
 * and are skipped.
 *
 * <p>Rows that are well-formed but cannot be taken as they are, counted in {@link #report()} (or
 * refused, with the line, under {@link LoadPolicy#STRICT}):
 *
 * <ul>
 *   <li><b>negative rating</b>: dropped. Every format read here rates on a non-negative scale
 *       (stars, counts; 0 is kept, as some files use it for "seen, not rated"); a negative value
 *       is an export's sentinel ("-1 = no rating") or corruption, and would turn a dislike into a
 *       strong signal for anything that sums ratings.
 *   <li><b>duplicate rating</b> (a user rates the same item again): merged, the row with the latest
 *       timestamp wins, on a tie (or without timestamps) the later line. A re-rating supersedes
 *       the earlier opinion, as in MovieLens, and keeping both would count one interaction twice
 *       in every model and metric. The winner stays at its own place in file order.
 * </ul>
 */
public final class RatingsFile {

    private static final Pattern SEP = Pattern.compile("[,\\t]|\\s+");

    private final int[] users;
    private final int[] items;
    private final float[] ratings;
    private final long[] timestamps;
    private final long[] rawUsers;
    private final long[] rawItems;
    private final LoadReport report;

    private RatingsFile(int[] users, int[] items, float[] ratings, long[] timestamps, long[] rawUsers, long[] rawItems,
            LoadReport report) {
        this.users = users;
        this.items = items;
        this.ratings = ratings;
        this.timestamps = timestamps;
        this.rawUsers = rawUsers;
        this.rawItems = rawItems;
        this.report = report;
    }

    /** Reads a file under the {@link LoadPolicy#LENIENT lenient} policy. */
    public static RatingsFile read(Path file) {
        return read(file, LoadPolicy.LENIENT);
    }

    /** Reads a file; rows that would be dropped or merged are refused when {@code policy} is strict. */
    public static RatingsFile read(Path file, LoadPolicy policy) {
        String name = file.toString();
        RowTally tally = new RowTally(name, policy);
        int n = 0;
        long[] ru = new long[1024];
        long[] ri = new long[1024];
        float[] rr = new float[1024];
        long[] rt = new long[1024];
        long[] rl = new long[1024];
        try (BufferedReader in = DataFiles.open(file)) {
            String line;
            long no = 0;
            boolean first = true;
            while ((line = in.readLine()) != null) {
                no++;
                String t = line.strip();
                if (t.isEmpty() || t.startsWith("#")) {
                    continue;
                }
                String[] f = SEP.split(t);
                if (f.length < 3 || f.length > 4) {
                    throw new DataFileException(name, no, "expected 3 or 4 fields (user, item, rating[, timestamp]), found "
                            + f.length);
                }
                long u;
                long i;
                float r;
                long ts;
                try {
                    u = Long.parseLong(f[0]);
                    i = Long.parseLong(f[1]);
                } catch (NumberFormatException e) {
                    if (first) {
                        first = false;
                        continue; // header
                    }
                    throw new DataFileException(name, no, "user and item ids must be whole numbers, found " + TextFiles.quote(t));
                }
                first = false;
                tally.row();
                try {
                    r = Float.parseFloat(f[2]);
                } catch (NumberFormatException e) {
                    throw new DataFileException(name, no, "rating must be a number, found " + TextFiles.quote(f[2]));
                }
                if (!Float.isFinite(r)) {
                    throw new DataFileException(name, no, "rating must be finite, found " + TextFiles.quote(f[2]));
                }
                try {
                    ts = f.length == 4 ? Long.parseLong(f[3]) : 0L;
                } catch (NumberFormatException e) {
                    throw new DataFileException(name, no, "timestamp must be a whole number, found " + TextFiles.quote(f[3]));
                }
                if (r < 0) {
                    tally.drop(no, "rating", "negative rating", "negative rating " + f[2] + " of user " + u
                            + " for item " + i);
                    continue;
                }
                if (n == ru.length) {
                    ru = Arrays.copyOf(ru, n * 2);
                    ri = Arrays.copyOf(ri, n * 2);
                    rr = Arrays.copyOf(rr, n * 2);
                    rt = Arrays.copyOf(rt, n * 2);
                    rl = Arrays.copyOf(rl, n * 2);
                }
                ru[n] = u;
                ri[n] = i;
                rr[n] = r;
                rt[n] = ts;
                rl[n] = no;
                n++;
            }
        } catch (IOException e) {
            throw new DataFileException(name, 0, TextFiles.reason(e));
        }
        if (n == 0) {
            LoadReport lost = tally.report();
            throw new DataFileException(name, 0, "no interactions" + (lost.clean() ? "" : " left: " + lost.changes()));
        }
        long[] uniqU = distinct(ru, n);
        long[] uniqI = distinct(ri, n);
        int[] users = new int[n];
        int[] items = new int[n];
        for (int r = 0; r < n; r++) {
            users[r] = Arrays.binarySearch(uniqU, ru[r]);
            items[r] = Arrays.binarySearch(uniqI, ri[r]);
        }
        boolean[] keep = mergeDuplicates(users, items, uniqI.length, rt, rl, ru, ri, tally);
        int k = 0;
        for (int r = 0; r < n; r++) {
            if (keep[r]) {
                users[k] = users[r];
                items[k] = items[r];
                rr[k] = rr[r];
                rt[k] = rt[r];
                k++;
            }
        }
        return new RatingsFile(Arrays.copyOf(users, k), Arrays.copyOf(items, k), Arrays.copyOf(rr, k),
                Arrays.copyOf(rt, k), uniqU, uniqI, tally.report());
    }

    /**
     * Which rows survive the duplicate rule (latest timestamp wins, on a tie the later line). Sorts
     * one primitive key per row to find the repeated (user, item) pairs, so a file without
     * duplicates costs no map; only the repeated pairs go through one.
     */
    private static boolean[] mergeDuplicates(int[] users, int[] items, int numItems, long[] ts, long[] lines,
            long[] rawU, long[] rawI, RowTally tally) {
        int n = users.length;
        long[] key = new long[n];
        for (int r = 0; r < n; r++) {
            key[r] = (long) users[r] * numItems + items[r];
        }
        long[] sorted = key.clone();
        Arrays.sort(sorted);
        Set<Long> repeated = new HashSet<>();
        for (int r = 1; r < n; r++) {
            if (sorted[r] == sorted[r - 1]) {
                repeated.add(sorted[r]);
            }
        }
        boolean[] keep = new boolean[n];
        Arrays.fill(keep, true);
        if (repeated.isEmpty()) {
            return keep;
        }
        Map<Long, Integer> winner = new HashMap<>();
        Map<Long, Long> firstLine = new HashMap<>();
        for (int r = 0; r < n; r++) {
            if (!repeated.contains(key[r])) {
                continue;
            }
            Integer w = winner.get(key[r]);
            if (w == null) {
                winner.put(key[r], r);
                firstLine.put(key[r], lines[r]);
                continue;
            }
            tally.merge(lines[r], "item", "duplicate rating", "user " + rawU[r] + " rated item " + rawI[r]
                    + " again (first on line " + firstLine.get(key[r]) + "); the latest timestamp wins");
            if (ts[r] >= ts[w]) {
                keep[w] = false;
                winner.put(key[r], r);
            } else {
                keep[r] = false;
            }
        }
        return keep;
    }

    private static long[] distinct(long[] a, int n) {
        long[] s = Arrays.copyOf(a, n);
        Arrays.sort(s);
        int w = 0;
        for (int i = 0; i < n; i++) {
            if (i == 0 || s[i] != s[i - 1]) {
                s[w++] = s[i];
            }
        }
        return Arrays.copyOf(s, w);
    }

    public int size() {
        return users.length;
    }

    public int numUsers() {
        return rawUsers.length;
    }

    public int numItems() {
        return rawItems.length;
    }

    /** Dense user id column. */
    public int[] users() {
        return users;
    }

    /** Dense item id column. */
    public int[] items() {
        return items;
    }

    public float[] ratings() {
        return ratings;
    }

    public long[] timestamps() {
        return timestamps;
    }

    /** Raw user id of dense user id d is {@code rawUserIds()[d]}. */
    public long[] rawUserIds() {
        return rawUsers;
    }

    public long[] rawItemIds() {
        return rawItems;
    }

    /** What was read, kept, dropped and merged. */
    public LoadReport report() {
        return report;
    }
}
