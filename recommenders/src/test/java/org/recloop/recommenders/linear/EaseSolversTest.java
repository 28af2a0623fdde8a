package org.recloop.recommenders.linear;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.recloop.recommenders.SyntheticLatentData.assertSameSlates;

import org.junit.jupiter.api.Test;
import org.recloop.core.config.InvalidParameterException;
import org.recloop.recommenders.SyntheticLatentData;

/** EASE's native (PyTorch LAPACK) and pure-Java Gram inverses serve the same lists. */
class EaseSolversTest {

    private static EaseRecommender fitted(SyntheticLatentData d, String solver) {
        EaseRecommender rec = new EaseRecommender(new EaseRecommender.Params(null, null, solver));
        rec.fit(d.train(), d.trainContext(null, 1));
        return rec;
    }

    @Test
    void nativeAndJavaSolversGiveTheSameTopTenLists() {
        SyntheticLatentData d = SyntheticLatentData.create();
        EaseRecommender java = fitted(d, "java");
        EaseRecommender torch = fitted(d, "torch");
        assertThat(java.solverUsed()).isEqualTo("java-cholesky");
        assertThat(torch.solverUsed()).isEqualTo("torch-lapack");
        for (int i = 0; i < SyntheticLatentData.ITEMS; i++) {
            for (int j = 0; j < SyntheticLatentData.ITEMS; j++) {
                assertThat(torch.weight(i, j)).as("B%d,%d", i, j).isCloseTo(java.weight(i, j), within(1e-5f));
            }
        }
        assertSameSlates(d.recommendAll(java, 10), d.recommendAll(torch, 10));
    }

    @Test
    void autoTakesTheNativeSolverWhenPyTorchLoads() {
        assertThat(fitted(SyntheticLatentData.create(), null).solverUsed()).isEqualTo("torch-lapack");
    }

    @Test
    void anUnknownSolverIsRejectedWithTheChoices() {
        assertThatThrownBy(() -> new EaseRecommender.Params(null, null, "blas"))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("solver")
                .hasMessageContaining("auto, torch, java");
    }
}
