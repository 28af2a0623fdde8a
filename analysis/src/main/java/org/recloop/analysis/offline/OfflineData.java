package org.recloop.analysis.offline;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Objects;
import org.recloop.core.log.H2EventLog;
import org.recloop.core.log.LogReadException;
import org.recloop.core.log.LogReader;
import org.recloop.core.serve.Interactions;
import org.recloop.core.world.Catalog;
import org.recloop.core.world.io.DataFileException;
import org.recloop.core.world.io.RatingsFile;

/**
 * An interaction log to evaluate on: implicit-feedback interactions (value 1 each) and, when the
 * source has them, the item attributes.
 *
 * @param interactions the interactions, in source order; {@code ticks} order them in time
 * @param catalog item attributes (features for ILD and content-aware recommenders), or null
 * @param source a one-line description of where the data came from
 */
public record OfflineData(Interactions interactions, Catalog catalog, String source) {

    public OfflineData {
        Objects.requireNonNull(interactions, "interactions");
        Objects.requireNonNull(source, "source");
    }

    /**
     * The interactions of a MovieLens-style file: rows whose rating is {@code >= minRating} (all
     * rows when {@code minRating} is null), in file order, with the file's dense ids (so
     * {@code numUsers} and {@code numItems} count every user and item of the file, also those
     * without a kept row). The tick of a row is the rank of its timestamp among the file's distinct
     * timestamps (0 = earliest): order-preserving, and it fits an int whatever the clock's unit.
     * No catalog.
     */
    public static OfflineData fromRatings(RatingsFile file, Double minRating) {
        Objects.requireNonNull(file, "file");
        if (minRating != null && !Double.isFinite(minRating)) {
            throw new IllegalArgumentException("minRating must be a finite number, was " + minRating);
        }
        long[] ts = file.timestamps();
        long[] distinct = Arrays.stream(ts).sorted().distinct().toArray();
        float[] ratings = file.ratings();
        int kept = 0;
        for (float r : ratings) {
            if (minRating == null || r >= minRating) {
                kept++;
            }
        }
        int[] users = new int[kept];
        int[] items = new int[kept];
        int[] ticks = new int[kept];
        float[] values = new float[kept];
        int w = 0;
        for (int r = 0; r < file.size(); r++) {
            if (minRating == null || ratings[r] >= minRating) {
                users[w] = file.users()[r];
                items[w] = file.items()[r];
                ticks[w] = Arrays.binarySearch(distinct, ts[r]);
                values[w] = 1f;
                w++;
            }
        }
        String what = file.size() + " ratings" + (minRating == null ? "" : ", " + kept + " with rating >= " + minRating);
        return new OfflineData(new Interactions(users, items, ticks, values, file.numUsers(), file.numItems()), null,
                what);
    }

    /**
     * The interactions of a RecBole atomic file {@code NAME.inter} (a {@code recloop export
     * --format recbole}), with {@code NAME.user} and {@code NAME.item} beside it when present: ids
     * kept as exported, rows in file order, ticks from the timestamp field, the catalog from the
     * item file's feature vectors; rows whose rating is below {@code minRating} (when given) left
     * out. Fails with a {@link DataFileException} naming the file, line and field.
     */
    public static OfflineData fromRecBole(Path interFile, Double minRating) {
        Objects.requireNonNull(interFile, "interFile");
        return RecBoleFiles.read(interFile, minRating);
    }

    /**
     * The clicks (events of type 1) of a run folder's database, read through {@link LogReader}:
     * committed ticks only, forgotten rows left out, in log order, with their tick as time. Users and items are those of the {@code users} and {@code items} tables (ids beyond
     * them in the events widen the ranges). The catalog is rebuilt from the {@code items} table
     * when its ids are dense and every item has a feature vector of the same length; otherwise it
     * is null. Fails with a {@link DataFileException} naming the folder when it holds no database
     * or the database cannot be read.
     */
    public static OfflineData fromRun(Path runDir) {
        Objects.requireNonNull(runDir, "runDir");
        String name = runDir.toString();
        if (!Files.isRegularFile(runDir.resolve(H2EventLog.DB_NAME + ".mv.db"))) {
            throw new DataFileException(name, 0, "not a run folder: no " + H2EventLog.DB_NAME + ".mv.db in it");
        }
        try (LogReader log = LogReader.open(runDir)) {
            Interactions clicks = log.clicks();
            Catalog catalog = catalog(log.items(), clicks.numItems());
            return new OfflineData(clicks, catalog, clicks.size() + " clicks of run " + runDir.getFileName());
        } catch (LogReadException e) {
            throw new DataFileException(name, 0, "cannot read the run database: " + e.getMessage());
        }
    }

    /**
     * The catalog of the items table, or null unless its ids are 0..numItems-1 and every item has
     * a feature vector of the same, non-zero length.
     */
    private static Catalog catalog(LogReader.Items items, int numItems) {
        Catalog cat = null;
        for (int r = 0; r < items.size(); r++) {
            float[] f = items.features()[r];
            if (f == null) {
                return null;
            }
            if (cat == null) {
                if (f.length == 0) {
                    return null;
                }
                cat = new Catalog(f.length, Math.max(1, numItems));
            }
            if (f.length != cat.dim() || items.ids()[r] != cat.size()) {
                return null;
            }
            cat.add(f, items.topics()[r], items.creators()[r], items.qualities()[r], items.popularities()[r],
                    items.createdTicks()[r]);
        }
        return cat != null && cat.size() == numItems ? cat : null;
    }
}
