package org.recloop.recommenders.neural;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.apache.commons.rng.UniformRandomProvider;
import org.junit.jupiter.api.Test;
import org.recloop.core.rng.RandomStreams;

class ConstrainedBeamSearchTest {

    /** 60 items with random 3-level codes over 6 words: most of the 216 tuples name no item. */
    private static SemanticIds sparseCatalog() {
        UniformRandomProvider rng = new RandomStreams(5).stream(9, 0, 0);
        int[] rq = new int[60 * 3];
        for (int k = 0; k < rq.length; k++) {
            rq[k] = rng.nextInt(6);
        }
        return new SemanticIds(rq, 60, 3, 6);
    }

    /**
     * A decoder that likes exactly the codes the trie forbids (most mass on codes no item
     * continues with), so an unconstrained search would leave the catalog at once.
     */
    private static ConstrainedBeamSearch.Decoder adversarial(SemanticIds ids) {
        return (level, prefix) -> {
            long key = 0;
            for (int k = 0; k < level; k++) {
                key = ids.extend(key, k, prefix[k]);
            }
            Set<Integer> valid = new HashSet<>();
            for (int c : ids.next(level, key)) {
                valid.add(c);
            }
            int v = ids.vocab(level);
            float[] raw = new float[v];
            double z = 0;
            for (int c = 0; c < v; c++) {
                raw[c] = valid.contains(c) ? 0.1f * c : 5f + c;
                z += Math.exp(raw[c]);
            }
            for (int c = 0; c < v; c++) {
                raw[c] -= (float) Math.log(z);
            }
            return raw;
        };
    }

    @Test
    void neverEmitsACodeTupleOutsideTheCatalog() {
        SemanticIds ids = sparseCatalog();
        ConstrainedBeamSearch.Decoder decoder = adversarial(ids);
        ConstrainedBeamSearch.Result r = ConstrainedBeamSearch.search(ids, decoder, 10);
        assertThat(r.items()).hasSize(10).doesNotHaveDuplicates();
        for (int k = 0; k < r.items().length; k++) {
            int item = r.items()[k];
            assertThat(item).isBetween(0, 59);
            float expected = 0;
            int[] prefix = new int[ids.depth()];
            for (int l = 0; l < ids.depth(); l++) {
                prefix[l] = ids.code(item, l);
                expected += decoder.logProbs(l, prefix)[prefix[l]];
            }
            assertThat(r.scores()[k]).as("sequence log-probability of item %d", item).isCloseTo(expected,
                    org.assertj.core.data.Offset.offset(1e-5f));
            if (k > 0) {
                assertThat(r.scores()[k]).isLessThanOrEqualTo(r.scores()[k - 1]);
            }
        }
    }

    @Test
    void aBeamWiderThanTheCatalogReturnsEveryItemOnce() {
        SemanticIds ids = sparseCatalog();
        ConstrainedBeamSearch.Result r = ConstrainedBeamSearch.search(ids, adversarial(ids), 500);
        assertThat(r.items()).hasSize(60).doesNotHaveDuplicates();
    }
}
