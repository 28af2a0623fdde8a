package org.recloop.core.world.io;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import org.recloop.core.config.InvalidParameterException;
import org.recloop.core.rng.RandomStreams;
import org.recloop.core.world.Catalog;
import org.recloop.core.world.CatalogSource;
import org.recloop.core.world.LoadPolicy;
import org.recloop.core.world.LoadReport;

/**
 * The goodbooks-10k catalog: 10,000 real books (Zając 2017, CC BY-SA 4.0). Reads {@code
 * books.csv} (as distributed) and {@code book-features.csv} (RecLoop's derived file: each book's
 * topic and latent feature vector, made from all-MiniLM-L6-v2 embeddings of "title by authors"
 * projected on their 16 principal components; topics are the nearest of 20 Goodreads genre tags;
 * see {@code scenarios/data/goodbooks/README.md}).
 *
 * <p>Mapping: item id = book_id - 1; title = "title (authors, year)"; creator = index of the first
 * author in order of appearance; quality = (average_rating - 1) / 4; popularity prior =
 * ratings_count; topic and features from the derived file.
 *
 * <p>books.csv must list book_id 1, 2, 3, ... in order (anything else is refused: the item ids
 * depend on it). Rows of the features file that cannot be taken as they are, counted in its
 * {@link LoadReport} (or refused, with the line, under {@link LoadPolicy#STRICT}):
 *
 * <ul>
 *   <li><b>duplicate book_id</b>: merged, the later row wins, as when a re-run of the feature
 *       builder was appended to the file;
 *   <li><b>unknown book_id</b> (no such book in books.csv): dropped, as no item could carry it.
 * </ul>
 */
public final class GoodbooksCatalog implements CatalogSource {

    /**
     * @param books path of books.csv
     * @param features path of book-features.csv
     */
    public record Params(String books, String features) {
        public Params {
            if (books == null || books.isBlank()) {
                throw new InvalidParameterException("books", "is required");
            }
            if (features == null || features.isBlank()) {
                throw new InvalidParameterException("features", "is required");
            }
        }
    }

    private final Path books;
    private final Path features;

    public GoodbooksCatalog(Path books, Path features) {
        this.books = books;
        this.features = features;
    }

    @Override
    public Catalog build(RandomStreams streams) {
        return build(streams, LoadPolicy.LENIENT, report -> { });
    }

    @Override
    public Catalog build(RandomStreams streams, LoadPolicy policy, Consumer<LoadReport> reports) {
        // features first: they fix the dimension
        Map<Integer, float[]> feats = new HashMap<>();
        Map<Integer, Integer> topics = new HashMap<>();
        Map<Integer, Long> featureLines = new HashMap<>();
        RowTally featureTally = new RowTally(features.toString(), policy);
        int dim = -1;
        try (CsvReader r = new CsvReader(features)) {
            int idCol = r.column("book_id");
            int topicCol = r.column("topic");
            int f0 = r.column("f0");
            for (List<String> rec = r.next(); rec != null; rec = r.next()) {
                featureTally.row();
                int id = (int) r.longField(rec, idCol, "book_id");
                int d = rec.size() - f0;
                if (dim < 0) {
                    dim = d;
                } else if (d != dim) {
                    throw new DataFileException(r.name(), r.line(), "expected " + dim + " feature columns, found " + d);
                }
                float[] v = new float[dim];
                for (int i = 0; i < dim; i++) {
                    v[i] = (float) r.doubleField(rec, f0 + i, "f" + i, Double.NaN);
                    if (!Float.isFinite(v[i])) {
                        throw new DataFileException(r.name(), r.line(), "column 'f" + i + "': expected a number");
                    }
                }
                int topic = (int) r.longField(rec, topicCol, "topic");
                Long earlier = featureLines.put(id, r.line());
                if (earlier != null) {
                    featureTally.merge(r.line(), "book_id", "duplicate book_id", "book_id " + id
                            + " again (earlier on line " + earlier + "); the later row wins");
                }
                feats.put(id, v);
                topics.put(id, topic);
            }
        }
        if (dim <= 0) {
            throw new DataFileException(features.toString(), 0, "no feature rows");
        }
        Catalog cat = new Catalog(dim, 10_000);
        Map<String, Integer> authors = new HashMap<>();
        RowTally bookTally = new RowTally(books.toString(), policy);
        try (CsvReader r = new CsvReader(books)) {
            int idCol = r.column("book_id");
            int authorsCol = r.column("authors");
            int yearCol = r.column("original_publication_year");
            int titleCol = r.column("title");
            int avgCol = r.column("average_rating");
            int countCol = r.column("ratings_count");
            for (List<String> rec = r.next(); rec != null; rec = r.next()) {
                bookTally.row();
                int id = (int) r.longField(rec, idCol, "book_id");
                if (id != cat.size() + 1) {
                    throw new DataFileException(r.name(), r.line(), "book_id " + id + " out of sequence; expected "
                            + (cat.size() + 1));
                }
                float[] v = feats.get(id);
                if (v == null) {
                    throw new DataFileException(features.toString(), 0, "no features for book_id " + id);
                }
                String auth = r.field(rec, authorsCol, "authors");
                String first = auth.split(",")[0].strip();
                int creator = authors.computeIfAbsent(first, a -> authors.size());
                double avg = r.doubleField(rec, avgCol, "average_rating", 3.0);
                double count = r.doubleField(rec, countCol, "ratings_count", 0);
                double year = r.doubleField(rec, yearCol, "original_publication_year", Double.NaN);
                int item = cat.add(v, topics.get(id), creator, (float) ((avg - 1) / 4), (float) count, 0);
                String y = Double.isNaN(year) ? "" : String.format(Locale.ROOT, ", %d", (long) year);
                cat.setTitle(item, r.field(rec, titleCol, "title") + " (" + auth + y + ")");
            }
        }
        dropUnknownBooks(featureLines, cat.size(), featureTally);
        reports.accept(bookTally.report());
        reports.accept(featureTally.report());
        return cat;
    }

    /** Feature rows of book_ids books.csv does not have, in file order. */
    private static void dropUnknownBooks(Map<Integer, Long> featureLines, int books, RowTally tally) {
        featureLines.entrySet().stream().filter(e -> e.getKey() < 1 || e.getKey() > books)
                .sorted(Map.Entry.comparingByValue())
                .forEach(e -> tally.drop(e.getValue(), "book_id", "unknown book_id", "book_id " + e.getKey()
                        + " is not in books.csv (" + books + " books)"));
    }
}
