package org.recloop.recommenders.knn;

import java.util.Objects;
import java.util.Optional;
import org.recloop.core.config.Check;
import org.recloop.core.serve.Interactions;
import org.recloop.core.serve.ItemScorer;
import org.recloop.core.serve.ScoringRecommender;
import org.recloop.core.serve.ServeContext;
import org.recloop.core.serve.SparseScores;
import org.recloop.core.serve.TrainContext;
import org.recloop.recommenders.SparseMatrix;

/**
 * Item-based k-nearest-neighbour collaborative filtering (Sarwar, Karypis, Konstan and Riedl,
 * "Item-Based Collaborative Filtering Recommendation Algorithms", WWW 2001), in the top-N form of
 * Deshpande and Karypis ("Item-Based Top-N Recommendation Algorithms", ACM TOIS 22(1), 2004),
 * with the shrunk cosine of Ferrari Dacrema, Cremonesi and Jannach ("Are We Really Making Much
 * Progress?", RecSys 2019).
 *
 * <p>Let {@code x_i} be the column of item i in the user-item matrix of the training log, with
 * entry 1 if the user clicked i ({@code binary}) or the user's number of clicks on i. Then
 * {@code sim(i, j) = x_i·x_j / (|x_i| |x_j| + shrinkage)}; the shrinkage term pulls similarities
 * supported by few common users towards 0. Each item j keeps its {@code neighbours} most similar
 * other items {@code N(j)} (ties: smaller id; only items with at least one common user). With
 * {@code I_u} the items user u clicked in the training log,
 *
 * <pre>  score(u, j) = Σ_{i ∈ I_u ∩ N(j)} sim(i, j)</pre>
 *
 * <p>Serving accumulates, for each i in {@code I_u}, {@code sim(i, j)} into every j whose
 * neighbourhood contains i (the transposed neighbour lists), a sparse {@link ItemScorer}; the
 * shared slate ranker keeps the top k unconsumed items. Slates that the neighbourhoods cannot fill, and users without training clicks, get the
 * most clicked items (score 0), then items newer than the model by id. Before the first fit it
 * serves random slates.
 *
 * <p>Cost: building is {@code O(Σ_u |I_u|²)} (every co-clicked pair once per row of each item),
 * memory {@code O(nnz + items·neighbours)}; serving a user is {@code O(|I_u|·neighbours)} plus
 * the selection. Building is split into fixed blocks of items on {@link TrainContext#executor()};
 * each item's neighbour list is computed by one task in a fixed order, so the model does not
 * depend on the thread count.
 */
public final class ItemKnnRecommender extends ScoringRecommender {

    /**
     * @param neighbours neighbours kept per item (N)
     * @param shrinkage added to the norm product in the cosine denominator
     * @param binary if true the matrix holds 1 per clicked pair, else the number of clicks
     */
    public record Params(Integer neighbours, Double shrinkage, Boolean binary) {
        public Params {
            neighbours = Check.positive("neighbours", neighbours == null ? 50 : neighbours);
            shrinkage = Check.nonNegative("shrinkage", shrinkage == null ? 10.0 : shrinkage);
            binary = binary == null || binary;
        }

        public static Params defaults() {
            return new Params(null, null, null);
        }
    }

    /**
     * The fitted model; immutable once published.
     *
     * @param history user-major training matrix (the items of each user, ascending)
     * @param neighbours item-major: N(j) best first, with sim(i, j)
     * @param reverse item-major transpose of {@code neighbours}: row i lists the j with i ∈ N(j)
     * @param popular item ids by descending clicks (ties: smaller id)
     */
    private record Model(int users, int items, SparseMatrix history, SparseMatrix neighbours, SparseMatrix reverse,
            int[] popular) {}

    private final Params p;
    private volatile Model model;
    private int version;

    public ItemKnnRecommender(Params p) {
        this.p = Objects.requireNonNull(p);
    }

    @Override
    public int modelVersion() {
        return version;
    }

    @Override
    public void fit(Interactions all, TrainContext ctx) {
        int items = all.numItems();
        SparseMatrix ui = SparseMatrix.userMajor(all);
        SparseMatrix iu = ui.transpose(items);
        SparseMatrix nb = CosineNeighbours.of(iu, ui, p.binary(), p.neighbours(), p.shrinkage(), ctx);
        model = new Model(all.numUsers(), items, ui, nb, nb.transpose(items), NeighbourScorer.popularOrder(iu));
        version++;
    }

    @Override
    protected Optional<ItemScorer> scorer(ServeContext ctx) {
        Model m = model;
        if (m == null) {
            return Optional.empty();
        }
        SparseMatrix h = m.history();
        SparseMatrix rev = m.reverse();
        return Optional.of(new NeighbourScorer(m.users(), m.items(), m.popular()) {
            @Override
            void scoreKnown(int u, SparseScores into) {
                int[] hoff = h.off();
                int[] hcols = h.cols();
                int[] roff = rev.off();
                int[] rcols = rev.cols();
                float[] rvals = rev.vals();
                for (int a = hoff[u]; a < hoff[u + 1]; a++) {
                    int i = hcols[a];
                    for (int b = roff[i]; b < roff[i + 1]; b++) {
                        into.add(rcols[b], rvals[b]);
                    }
                }
            }
        });
    }

    /** The kept neighbours N(item), best first (empty before the first fit or beyond the model). */
    public int[] neighboursOf(int item) {
        Model m = model;
        return m == null || item >= m.items() ? new int[0] : m.neighbours().row(item);
    }

    /** sim(j, item) for the j of {@link #neighboursOf(int)}, in the same order. */
    public float[] similaritiesOf(int item) {
        Model m = model;
        return m == null || item >= m.items() ? new float[0] : m.neighbours().rowValues(item);
    }
}
