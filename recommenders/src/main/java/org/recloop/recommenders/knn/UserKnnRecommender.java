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
 * User-based k-nearest-neighbour collaborative filtering (Herlocker, Konstan, Borchers and Riedl,
 * "An Algorithmic Framework for Performing Collaborative Filtering", SIGIR 1999; Resnick et al.,
 * "GroupLens", CSCW 1994), for implicit feedback, with the shrunk cosine of Ferrari Dacrema,
 * Cremonesi and Jannach ("Are We Really Making Much Progress?", RecSys 2019).
 *
 * <p>Let {@code x_u} be the row of user u in the user-item matrix of the training log, with entry
 * 1 if u clicked the item ({@code binary}) or u's number of clicks on it. Then
 * {@code sim(u, v) = x_u·x_v / (|x_u| |x_v| + shrinkage)}. Each user u keeps its
 * {@code neighbours} most similar other users {@code N(u)} (ties: smaller id; only users with at
 * least one common item), and
 *
 * <pre>  score(u, j) = Σ_{v ∈ N(u)} sim(u, v) · [v clicked j in the training log]</pre>
 *
 * <p>Serving adds {@code sim(u, v)} to every item of every neighbour v (a sparse {@link
 * ItemScorer}); the shared slate ranker keeps the top k unconsumed items. Slates the neighbours cannot fill, and users without training clicks, get the
 * most clicked items (score 0), then items newer than the model by id. Before the first fit it
 * serves random slates.
 *
 * <p>Cost: building is {@code O(Σ_i |U_i|²)} with {@code U_i} the users who clicked item i (a
 * very popular item makes it quadratic in its audience), memory {@code O(nnz +
 * users·neighbours)}; serving a user is {@code O(Σ_{v ∈ N(u)} |I_v|)} plus the selection.
 * Building is split into fixed blocks of users on {@link TrainContext#executor()}; each user's
 * neighbour list is computed by one task in a fixed order, so the model does not depend on the
 * thread count.
 */
public final class UserKnnRecommender extends ScoringRecommender {

    /**
     * @param neighbours neighbours kept per user (N)
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
     * @param neighbours user-major: N(u) best first, with sim(u, v)
     * @param popular item ids by descending clicks (ties: smaller id)
     */
    private record Model(int users, int items, SparseMatrix history, SparseMatrix neighbours, int[] popular) {}

    private final Params p;
    private volatile Model model;
    private int version;

    public UserKnnRecommender(Params p) {
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
        SparseMatrix nb = CosineNeighbours.of(ui, iu, p.binary(), p.neighbours(), p.shrinkage(), ctx);
        model = new Model(all.numUsers(), items, ui, nb, NeighbourScorer.popularOrder(iu));
        version++;
    }

    @Override
    protected Optional<ItemScorer> scorer(ServeContext ctx) {
        Model m = model;
        if (m == null) {
            return Optional.empty();
        }
        SparseMatrix h = m.history();
        SparseMatrix nb = m.neighbours();
        return Optional.of(new NeighbourScorer(m.users(), m.items(), m.popular()) {
            @Override
            void scoreKnown(int u, SparseScores into) {
                int[] hoff = h.off();
                int[] hcols = h.cols();
                for (int a = nb.off()[u]; a < nb.off()[u + 1]; a++) {
                    int v = nb.cols()[a];
                    float sim = nb.vals()[a];
                    for (int b = hoff[v]; b < hoff[v + 1]; b++) {
                        into.add(hcols[b], sim);
                    }
                }
            }
        });
    }

    /** The kept neighbours N(user), best first (empty before the first fit or beyond the model). */
    public int[] neighboursOf(int user) {
        Model m = model;
        return m == null || user >= m.users() ? new int[0] : m.neighbours().row(user);
    }

    /** sim(user, v) for the v of {@link #neighboursOf(int)}, in the same order. */
    public float[] similaritiesOf(int user) {
        Model m = model;
        return m == null || user >= m.users() ? new float[0] : m.neighbours().rowValues(user);
    }
}
