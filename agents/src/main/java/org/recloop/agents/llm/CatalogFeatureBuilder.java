package org.recloop.agents.llm;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.apache.commons.math3.linear.RealMatrix;
import org.recloop.core.world.io.CsvReader;
import org.recloop.core.world.io.DataFileException;

/**
 * Derives the topic and latent features of each goodbooks book from its text, offline, once:
 * {@code book-features.csv} ships with RecLoop so runs never need the embedding model.
 *
 * <ol>
 *   <li>Embed "title by authors" of every book and "&lt;genre&gt; books" of each of {@link
 *       #GENRES} (Goodreads genre tags present in tags.csv) with all-MiniLM-L6-v2.
 *   <li>Topic = the genre whose embedding is most similar (cosine) to the book's.
 *   <li>Features = the book embeddings, centred, projected on their top {@code dims} principal
 *       components (eigenvectors of the 384×384 covariance, Commons Math), unit-normalised.
 * </ol>
 *
 * <p>Usage: {@code CatalogFeatureBuilder books.csv tags.csv out-dir [dims]}; writes
 * {@code book-features.csv} and {@code topics.csv}.
 */
public final class CatalogFeatureBuilder {

    /** The genre tags books are mapped to (all present in goodbooks' tags.csv). */
    public static final List<String> GENRES = List.of("fantasy", "science-fiction", "romance", "mystery", "thriller",
            "horror", "historical-fiction", "classics", "young-adult", "non-fiction", "biography", "history", "poetry",
            "philosophy", "humor", "childrens", "graphic-novels", "religion", "self-help", "business");

    private CatalogFeatureBuilder() {}

    public static void main(String[] args) throws IOException {
        if (args.length < 3) {
            System.err.println("usage: CatalogFeatureBuilder books.csv tags.csv out-dir [dims]");
            System.exit(2);
        }
        int dims = args.length > 3 ? Integer.parseInt(args[3]) : 16;
        build(Path.of(args[0]), Path.of(args[1]), Path.of(args[2]), dims);
    }

    public static void build(Path booksCsv, Path tagsCsv, Path outDir, int dims) throws IOException {
        Map<String, Long> tagIds = genreTagIds(tagsCsv);
        List<Integer> ids = new ArrayList<>();
        List<String> texts = new ArrayList<>();
        readBooks(booksCsv, ids, texts);
        TextEmbedder emb = new TextEmbedder();
        List<String> genreTexts = GENRES.stream().map(g -> g.replace('-', ' ') + " books").toList();
        float[][] g = emb.embed(genreTexts, 32);
        float[][] b = emb.embed(texts, 64);
        int[] topic = nearestGenre(b, g);
        Pca pca = Pca.of(b);
        Files.createDirectories(outDir);
        try (Writer w = Files.newBufferedWriter(outDir.resolve("book-features.csv"), StandardCharsets.UTF_8)) {
            writeFeatures(w, ids, topic, b, pca, dims);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try (Writer w = Files.newBufferedWriter(outDir.resolve("topics.csv"), StandardCharsets.UTF_8)) {
            w.write("topic,tag_id,tag_name\n");
            for (int t = 0; t < GENRES.size(); t++) {
                w.write(t + "," + tagIds.get(GENRES.get(t)) + "," + GENRES.get(t) + "\n");
            }
        }
    }

    /** tag name to id of tags.csv; every one of {@link #GENRES} must be there. */
    private static Map<String, Long> genreTagIds(Path tagsCsv) throws IOException {
        Map<String, Long> tagIds = new HashMap<>();
        try (CsvReader r = new CsvReader(tagsCsv)) {
            int id = r.column("tag_id");
            int name = r.column("tag_name");
            for (List<String> rec = r.next(); rec != null; rec = r.next()) {
                tagIds.put(r.field(rec, name, "tag_name").strip(), r.longField(rec, id, "tag_id"));
            }
        }
        for (String g : GENRES) {
            if (!tagIds.containsKey(g)) {
                throw new DataFileException(tagsCsv.toString(), 0, "genre tag '" + g + "' not found");
            }
        }
        return tagIds;
    }

    /** Adds each book's id and its text "title by authors", in file order. */
    private static void readBooks(Path booksCsv, List<Integer> ids, List<String> texts) throws IOException {
        try (CsvReader r = new CsvReader(booksCsv)) {
            int id = r.column("book_id");
            int title = r.column("title");
            int authors = r.column("authors");
            for (List<String> rec = r.next(); rec != null; rec = r.next()) {
                ids.add((int) r.longField(rec, id, "book_id"));
                texts.add(r.field(rec, title, "title") + " by " + r.field(rec, authors, "authors"));
            }
        }
    }

    /** Topics: nearest genre by cosine (embeddings are unit length); ties: the first genre. */
    private static int[] nearestGenre(float[][] b, float[][] g) {
        int n = b.length;
        int d = b[0].length;
        int[] topic = new int[n];
        for (int i = 0; i < n; i++) {
            double best = Double.NEGATIVE_INFINITY;
            for (int t = 0; t < g.length; t++) {
                double s = 0;
                for (int k = 0; k < d; k++) {
                    s += b[i][k] * g[t][k];
                }
                if (s > best) {
                    best = s;
                    topic[i] = t;
                }
            }
        }
        return topic;
    }

    /** The header and one line per book: id, topic, the unit-normalised top-{@code dims} projection. */
    private static void writeFeatures(Writer w, List<Integer> ids, int[] topic, float[][] b, Pca pca, int dims)
            throws IOException {
        int d = pca.mean().length;
        StringBuilder h = new StringBuilder("book_id,topic");
        for (int k = 0; k < dims; k++) {
            h.append(",f").append(k);
        }
        w.write(h.append('\n').toString());
        double[] proj = new double[dims];
        for (int i = 0; i < b.length; i++) {
            double norm = 0;
            for (int k = 0; k < dims; k++) {
                int col = pca.order()[k];
                double s = 0;
                for (int a = 0; a < d; a++) {
                    s += (b[i][a] - pca.mean()[a]) * pca.vectors().getEntry(a, col);
                }
                proj[k] = s;
                norm += s * s;
            }
            norm = Math.sqrt(norm);
            StringBuilder line = new StringBuilder().append(ids.get(i)).append(',').append(topic[i]);
            for (int k = 0; k < dims; k++) {
                line.append(',').append(String.format(Locale.ROOT, "%.5f", proj[k] / norm));
            }
            w.write(line.append('\n').toString());
        }
    }

    /**
     * Principal components of the embeddings: their mean, the covariance's eigenvectors (columns)
     * and the column order by decreasing eigenvalue.
     */
    private record Pca(double[] mean, RealMatrix vectors, Integer[] order) {

        static Pca of(float[][] b) {
            int n = b.length;
            int d = b[0].length;
            double[] mean = new double[d];
            for (float[] v : b) {
                for (int k = 0; k < d; k++) {
                    mean[k] += v[k] / (double) n;
                }
            }
            double[][] cov = new double[d][d];
            for (float[] v : b) {
                for (int a = 0; a < d; a++) {
                    double xa = v[a] - mean[a];
                    for (int c = a; c < d; c++) {
                        cov[a][c] += xa * (v[c] - mean[c]);
                    }
                }
            }
            for (int a = 0; a < d; a++) {
                for (int c = 0; c < a; c++) {
                    cov[a][c] = cov[c][a];
                }
            }
            EigenDecomposition eig = new EigenDecomposition(new Array2DRowRealMatrix(cov, false));
            double[] values = eig.getRealEigenvalues();
            Integer[] order = new Integer[d];
            for (int k = 0; k < d; k++) {
                order[k] = k;
            }
            java.util.Arrays.sort(order, (x, y) -> Double.compare(values[y], values[x]));
            return new Pca(mean, eig.getV(), order);
        }
    }
}
