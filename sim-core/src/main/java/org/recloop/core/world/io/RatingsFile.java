package org.recloop.core.world.io;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.regex.Pattern;

/**
 * An interaction file in the common formats: MovieLens-style CSV {@code user,item,rating,timestamp}
 * (a header line is allowed) or MovieLens-100k's tab-separated {@code u.data} ({@code user item
 * rating timestamp}). The timestamp column may be missing. Raw ids are mapped to dense ids
 * 0..n-1 in ascending raw-id order ({@link #rawUserIds()} / {@link #rawItemIds()} give the
 * mapping back). A malformed line stops reading with the file, the line number and the reason.
 */
public final class RatingsFile {

    private static final Pattern SEP = Pattern.compile("[,\\t]|\\s+");

    private final int[] users;
    private final int[] items;
    private final float[] ratings;
    private final long[] timestamps;
    private final long[] rawUsers;
    private final long[] rawItems;

    private RatingsFile(int[] users, int[] items, float[] ratings, long[] timestamps, long[] rawUsers, long[] rawItems) {
        this.users = users;
        this.items = items;
        this.ratings = ratings;
        this.timestamps = timestamps;
        this.rawUsers = rawUsers;
        this.rawItems = rawItems;
    }

    public static RatingsFile read(Path file) {
        String name = file.toString();
        int n = 0;
        long[] ru = new long[1024];
        long[] ri = new long[1024];
        float[] rr = new float[1024];
        long[] rt = new long[1024];
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
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
                    throw new DataFileException(name, no, "user and item ids must be whole numbers, found '" + t + "'");
                }
                first = false;
                try {
                    r = Float.parseFloat(f[2]);
                } catch (NumberFormatException e) {
                    throw new DataFileException(name, no, "rating must be a number, found '" + f[2] + "'");
                }
                if (!Float.isFinite(r)) {
                    throw new DataFileException(name, no, "rating must be finite, found '" + f[2] + "'");
                }
                try {
                    ts = f.length == 4 ? Long.parseLong(f[3]) : 0L;
                } catch (NumberFormatException e) {
                    throw new DataFileException(name, no, "timestamp must be a whole number, found '" + f[3] + "'");
                }
                if (n == ru.length) {
                    ru = Arrays.copyOf(ru, n * 2);
                    ri = Arrays.copyOf(ri, n * 2);
                    rr = Arrays.copyOf(rr, n * 2);
                    rt = Arrays.copyOf(rt, n * 2);
                }
                ru[n] = u;
                ri[n] = i;
                rr[n] = r;
                rt[n] = ts;
                n++;
            }
        } catch (NoSuchFileException e) {
            throw new DataFileException(name, 0, "no such file");
        } catch (IOException e) {
            throw new DataFileException(name, 0, "cannot read: " + e.getMessage());
        }
        if (n == 0) {
            throw new DataFileException(name, 0, "no interactions");
        }
        long[] uniqU = distinct(ru, n);
        long[] uniqI = distinct(ri, n);
        int[] users = new int[n];
        int[] items = new int[n];
        for (int r = 0; r < n; r++) {
            users[r] = Arrays.binarySearch(uniqU, ru[r]);
            items[r] = Arrays.binarySearch(uniqI, ri[r]);
        }
        return new RatingsFile(users, items, Arrays.copyOf(rr, n), Arrays.copyOf(rt, n), uniqU, uniqI);
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
}
