package org.recloop.core.serve;

/**
 * Selects the k best (score, item) pairs from a stream of candidates with a bounded min-heap on
 * primitive arrays. Ties are broken by the smaller item id, so the result is deterministic. One
 * instance per thread; {@link #reset} between users; no allocation per candidate.
 */
public final class TopK {

    private final int capacity;
    private final int[] heapItems;
    private final float[] heapScores;
    private int k;
    private int size;

    public TopK(int capacity) {
        this.capacity = capacity;
        this.heapItems = new int[capacity];
        this.heapScores = new float[capacity];
        this.k = capacity;
    }

    /** Starts a new selection of at most {@code k <= capacity} items. */
    public void reset(int newK) {
        if (newK > capacity || newK < 0) {
            throw new IllegalArgumentException("k " + newK + " outside [0, " + capacity + "]");
        }
        this.k = newK;
        this.size = 0;
    }

    /** True if (a, ia) ranks below (b, ib): lower score, or equal score and larger id. */
    private static boolean worse(float a, int ia, float b, int ib) {
        return a < b || (a == b && ia > ib);
    }

    /** Offers a candidate. */
    public void offer(int item, float score) {
        if (k == 0) {
            return;
        }
        if (size < k) {
            int i = size++;
            heapItems[i] = item;
            heapScores[i] = score;
            siftUp(i);
        } else if (worse(heapScores[0], heapItems[0], score, item)) {
            heapItems[0] = item;
            heapScores[0] = score;
            siftDown(0);
        }
    }

    /**
     * The current admission threshold (the worst kept score), -inf while not full, +inf when
     * {@code k == 0} (nothing is admitted).
     */
    public float threshold() {
        if (k == 0) {
            return Float.POSITIVE_INFINITY;
        }
        return size < k ? Float.NEGATIVE_INFINITY : heapScores[0];
    }

    /**
     * Whether {@link #offer} would keep (item, score) now: k > 0, and the top is not full or the
     * pair ranks above the worst kept one. Also a bound: when no candidate can rank above
     * (item, score), none of them can enter.
     */
    public boolean admits(int item, float score) {
        return k > 0 && (size < k || worse(heapScores[0], heapItems[0], score, item));
    }

    public int size() {
        return size;
    }

    /**
     * True once k candidates are kept. From then on, when candidates come in ascending item order,
     * one scoring exactly {@link #threshold} is never admitted: it ties with the worst kept one,
     * whose id is smaller.
     */
    public boolean full() {
        return size >= k;
    }

    /**
     * Writes the kept items best-first into {@code items}/{@code scores} and returns how many.
     * Empties the selection.
     */
    public int drainSorted(int[] items, float[] scores) {
        int n = size;
        for (int i = n - 1; i >= 0; i--) {
            items[i] = heapItems[0];
            scores[i] = heapScores[0];
            size--;
            if (size > 0) {
                heapItems[0] = heapItems[size];
                heapScores[0] = heapScores[size];
                siftDown(0);
            }
        }
        return n;
    }

    private void siftUp(int i) {
        while (i > 0) {
            int p = (i - 1) >>> 1;
            if (worse(heapScores[i], heapItems[i], heapScores[p], heapItems[p])) {
                swap(i, p);
                i = p;
            } else {
                return;
            }
        }
    }

    private void siftDown(int i) {
        while (true) {
            int l = 2 * i + 1;
            if (l >= size) {
                return;
            }
            int r = l + 1;
            int m = (r < size && worse(heapScores[r], heapItems[r], heapScores[l], heapItems[l])) ? r : l;
            if (worse(heapScores[m], heapItems[m], heapScores[i], heapItems[i])) {
                swap(i, m);
                i = m;
            } else {
                return;
            }
        }
    }

    private void swap(int a, int b) {
        int ti = heapItems[a];
        heapItems[a] = heapItems[b];
        heapItems[b] = ti;
        float ts = heapScores[a];
        heapScores[a] = heapScores[b];
        heapScores[b] = ts;
    }
}
