package org.recloop.analysis.offline;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.recloop.core.serve.Interactions;
import org.recloop.core.world.Catalog;
import org.recloop.core.world.io.DataFileException;
import org.recloop.core.world.io.TextFiles;

/**
 * Reads RecBole atomic files as {@code recloop export} writes them: {@code NAME.inter},
 * with {@code NAME.user} and {@code NAME.item} beside it when present (for a split part
 * {@code NAME.train.inter} the stem is still {@code NAME}). Tab-separated, one typed header line
 * ({@code user_id:token}, {@code item_id:token}, {@code timestamp:float}, ...), fields found by
 * name, so column order does not matter.
 *
 * <p>Unlike MovieLens CSV, whose raw ids are remapped densely, the ids are kept as they are (they
 * must be whole numbers {@code >= 0}), rows are kept in file order and duplicates are kept: an
 * export of a run loads back as the run's own interactions, so a seeded random split draws the
 * same partition. The user and item files widen the id ranges to the whole population and
 * catalog (users and items without interactions count), and the item file's feature vectors
 * rebuild the catalog, so coverage and intra-list diversity see the full catalog too.
 */
final class RecBoleFiles {

    private RecBoleFiles() {}

    static OfflineData read(Path inter, Double minRating) {
        String name = inter.getFileName().toString();
        if (!name.endsWith(".inter")) {
            throw new DataFileException(inter.toString(), 0, "a RecBole interaction file must end in .inter");
        }
        String stem = name.substring(0, name.length() - ".inter".length());
        for (String part : new String[] {".train", ".valid", ".test"}) {
            if (stem.endsWith(part)) {
                stem = stem.substring(0, stem.length() - part.length());
            }
        }
        Path userFile = inter.resolveSibling(stem + ".user");
        Path itemFile = inter.resolveSibling(stem + ".item");
        Rows rows = interactions(inter, minRating);
        int numUsers = rows.maxUser + 1;
        if (Files.isRegularFile(userFile)) {
            numUsers = Math.max(numUsers, maxId(userFile, "user_id") + 1);
        }
        int numItems = rows.maxItem + 1;
        Catalog catalog = null;
        if (Files.isRegularFile(itemFile)) {
            CatalogRows items = catalog(itemFile);
            numItems = Math.max(numItems, items.maxId + 1);
            catalog = items.catalog != null && items.catalog.size() == numItems ? items.catalog : null;
        }
        int[] ticks = ticks(rows.timestamps, rows.n);
        float[] values = new float[rows.n];
        Arrays.fill(values, 1f);
        Interactions in = new Interactions(Arrays.copyOf(rows.users, rows.n), Arrays.copyOf(rows.items, rows.n), ticks,
                values, numUsers, numItems);
        String what = rows.n + " interactions of RecBole file " + name
                + (minRating == null ? "" : " with rating >= " + minRating)
                + (Files.isRegularFile(itemFile) ? ", catalog from " + itemFile.getFileName() : "");
        return new OfflineData(in, catalog, what);
    }

    /** The rows read from a {@code .inter} file. */
    private static final class Rows {
        int n;
        int[] users = new int[1024];
        int[] items = new int[1024];
        double[] timestamps = new double[1024];
        int maxUser = -1;
        int maxItem = -1;

        void add(int u, int i, double ts) {
            if (n == users.length) {
                users = Arrays.copyOf(users, n * 2);
                items = Arrays.copyOf(items, n * 2);
                timestamps = Arrays.copyOf(timestamps, n * 2);
            }
            users[n] = u;
            items[n] = i;
            timestamps[n] = ts;
            maxUser = Math.max(maxUser, u);
            maxItem = Math.max(maxItem, i);
            n++;
        }
    }

    private static Rows interactions(Path file, Double minRating) {
        Rows rows = new Rows();
        each(file, (header, f, line) -> {
            int u = id(file, line, f, header, "user_id");
            int i = id(file, line, f, header, "item_id");
            Integer tc = header.get("timestamp");
            double ts = tc == null ? 0 : real(file, line, f, tc, "timestamp");
            Integer rc = header.get("rating");
            if (minRating != null && rc != null && real(file, line, f, rc, "rating") < minRating) {
                return;
            }
            rows.add(u, i, ts);
        });
        if (rows.n == 0) {
            throw new DataFileException(file.toString(), 0, "no interactions");
        }
        return rows;
    }

    /**
     * Ticks: the timestamps themselves when they are whole numbers in int range (an export's
     * ticks), otherwise their rank among the distinct timestamps (order-preserving).
     */
    private static int[] ticks(double[] ts, int n) {
        int[] ticks = new int[n];
        boolean whole = true;
        for (int r = 0; r < n && whole; r++) {
            whole = ts[r] == Math.rint(ts[r]) && ts[r] >= 0 && ts[r] <= Integer.MAX_VALUE;
        }
        if (whole) {
            for (int r = 0; r < n; r++) {
                ticks[r] = (int) ts[r];
            }
            return ticks;
        }
        double[] distinct = Arrays.stream(ts, 0, n).sorted().distinct().toArray();
        for (int r = 0; r < n; r++) {
            ticks[r] = Arrays.binarySearch(distinct, ts[r]);
        }
        return ticks;
    }

    private static int maxId(Path file, String field) {
        int[] max = {-1};
        each(file, (header, f, line) -> max[0] = Math.max(max[0], id(file, line, f, header, field)));
        return max[0];
    }

    private record CatalogRows(int maxId, Catalog catalog) {}

    /**
     * The item file's largest id and its catalog: null unless the ids run 0..n-1 in order and every
     * item has a feature vector of the same, non-zero length (as a run's items table gives).
     */
    private static CatalogRows catalog(Path file) {
        int[] max = {-1};
        Catalog[] cat = {null};
        boolean[] usable = {true};
        each(file, (header, f, line) -> {
            int id = id(file, line, f, header, "item_id");
            max[0] = Math.max(max[0], id);
            Integer fc = header.get("features");
            if (!usable[0] || fc == null || fc >= f.length || f[fc].isBlank()) {
                usable[0] = false;
                return;
            }
            float[] v = floats(file, line, f[fc], "features");
            if (cat[0] == null) {
                cat[0] = new Catalog(v.length, 1024);
            }
            if (v.length != cat[0].dim() || id != cat[0].size()) {
                usable[0] = false;
                return;
            }
            cat[0].add(v, optId(file, line, f, header, "topic"), optId(file, line, f, header, "creator"),
                    optReal(file, line, f, header, "quality"), optReal(file, line, f, header, "popularity"),
                    optId(file, line, f, header, "created_tick"));
        });
        return new CatalogRows(max[0], usable[0] ? cat[0] : null);
    }

    // ---------------------------------------------------------------- parsing

    @FunctionalInterface
    private interface Row {
        void accept(Map<String, Integer> header, String[] fields, long line);
    }

    /** Reads the header (field name to column, types checked) and hands every data line to {@code row}. */
    private static void each(Path file, Row row) {
        String name = file.toString();
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String first = in.readLine();
            if (first == null) {
                throw new DataFileException(name, 1, "empty file: expected a header such as user_id:token");
            }
            if (first.startsWith("\uFEFF")) {
                first = first.substring(1);
            }
            Map<String, Integer> header = new HashMap<>();
            String[] h = first.split("\t", -1);
            for (int c = 0; c < h.length; c++) {
                int colon = h[c].indexOf(':');
                if (colon <= 0) {
                    throw new DataFileException(name, 1, "header field " + TextFiles.quote(h[c])
                            + " is not name:type (RecBole atomic files type every field, e.g. user_id:token)");
                }
                String type = h[c].substring(colon + 1);
                if (!type.equals("token") && !type.equals("float") && !type.equals("token_seq")
                        && !type.equals("float_seq")) {
                    throw new DataFileException(name, 1, "header field " + TextFiles.quote(h[c])
                            + ": unknown type " + TextFiles.quote(type) + "; expected token, float, token_seq or float_seq");
                }
                header.put(h[c].substring(0, colon), c);
            }
            String line;
            long no = 1;
            while ((line = in.readLine()) != null) {
                no++;
                if (!line.isBlank()) {
                    row.accept(header, line.split("\t", -1), no);
                }
            }
        } catch (IOException e) {
            throw new DataFileException(name, 0, TextFiles.reason(e));
        }
    }

    private static int id(Path file, long line, String[] f, Map<String, Integer> header, String field) {
        Integer c = header.get(field);
        if (c == null) {
            throw new DataFileException(file.toString(), 1, "no " + field + " field in the header");
        }
        if (c >= f.length) {
            throw new DataFileException(file.toString(), line, "field " + field + " missing: the line has "
                    + f.length + " fields");
        }
        try {
            int v = Integer.parseInt(f[c].strip());
            if (v >= 0) {
                return v;
            }
        } catch (NumberFormatException e) {
            // falls through to the error below
        }
        throw new DataFileException(file.toString(), line, field + " must be a whole number >= 0 (ids are kept as"
                + " they are), found " + TextFiles.quote(f[c]));
    }

    private static int optId(Path file, long line, String[] f, Map<String, Integer> header, String field) {
        Integer c = header.get(field);
        return c == null || c >= f.length || f[c].isBlank() ? 0 : id(file, line, f, header, field);
    }

    private static float optReal(Path file, long line, String[] f, Map<String, Integer> header, String field) {
        Integer c = header.get(field);
        return c == null || c >= f.length || f[c].isBlank() ? 0f : (float) real(file, line, f, c, field);
    }

    private static double real(Path file, long line, String[] f, int c, String field) {
        try {
            double v = Double.parseDouble(f[c].strip());
            if (Double.isFinite(v)) {
                return v;
            }
        } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
            // falls through to the error below
        }
        throw new DataFileException(file.toString(), line, field + " must be a finite number, found "
                + (c < f.length ? TextFiles.quote(f[c]) : "nothing"));
    }

    private static float[] floats(Path file, long line, String s, String field) {
        String[] p = s.strip().split(" +");
        float[] v = new float[p.length];
        for (int k = 0; k < p.length; k++) {
            try {
                v[k] = Float.parseFloat(p[k]);
            } catch (NumberFormatException e) {
                throw new DataFileException(file.toString(), line, field + " must be space-separated numbers"
                        + " (float_seq), found " + TextFiles.quote(p[k]));
            }
        }
        return v;
    }
}
