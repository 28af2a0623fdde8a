package org.recloop.recommenders.linear;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.recloop.recommenders.SyntheticLatentData.assertSameSlates;
import static org.recloop.recommenders.SyntheticLatentData.items;
import static org.recloop.recommenders.SyntheticLatentData.scores;

import org.junit.jupiter.api.Test;
import org.recloop.core.serve.SlateBatch;
import org.recloop.core.config.InvalidParameterException;
import org.recloop.recommenders.DenseInverse;
import org.recloop.recommenders.SyntheticLatentData;
import org.recloop.recommenders.neural.LapackCholeskyInverse;
import org.recloop.recommenders.neural.TorchDenseInverse;

/**
 * EASE's native Gram inverses (MKL's Cholesky inside PyTorch in double and in float, PyTorch's LU
 * inverse) and the pure-Java fallback serve the same lists.
 */
class EaseSolversTest {

    private static EaseRecommender fitted(SyntheticLatentData d, String solver) {
        return fitted(d, new EaseRecommender(new EaseRecommender.Params(null, null, solver)));
    }

    private static EaseRecommender fitted(SyntheticLatentData d, EaseRecommender rec) {
        rec.fit(d.train(), d.trainContext(null, 1));
        return rec;
    }

    private static void assertSameWeights(EaseRecommender a, EaseRecommender b, float tolerance) {
        for (int i = 0; i < SyntheticLatentData.ITEMS; i++) {
            for (int j = 0; j < SyntheticLatentData.ITEMS; j++) {
                assertThat(a.weight(i, j)).as("B%d,%d", i, j).isCloseTo(b.weight(i, j), within(tolerance));
            }
        }
    }

    @Test
    void nativeAndJavaSolversGiveTheSameTopTenLists() {
        SyntheticLatentData d = SyntheticLatentData.create();
        EaseRecommender java = fitted(d, "java");
        EaseRecommender torch = fitted(d, "torch");
        assertThat(java.solverUsed()).isEqualTo("java-cholesky");
        assertThat(torch.solverUsed()).isEqualTo("torch-mkl-cholesky");
        assertSameWeights(torch, java, 1e-5f);
        assertSameSlates(d.recommendAll(java, 10), d.recommendAll(torch, 10));
    }

    @Test
    void theFloatCholeskyGivesTheSameTopTenListsAsTheJavaFallback() {
        SyntheticLatentData d = SyntheticLatentData.create();
        EaseRecommender java = fitted(d, "java");
        EaseRecommender single = fitted(d, new EaseRecommender(new EaseRecommender.Params(null, null, "torch", "float")));
        assertThat(single.solverUsed()).isEqualTo("torch-mkl-cholesky-f32");
        assertSameWeights(single, java, 1e-4f);
        // the same items in the same order; the scores differ in the last float bits
        SlateBatch a = d.recommendAll(java, 10);
        SlateBatch b = d.recommendAll(single, 10);
        assertThat(b.size()).isEqualTo(a.size());
        for (int s = 0; s < a.size(); s++) {
            assertThat(items(b, s)).as("items of slate %d", s).containsExactly(items(a, s));
            assertThat(scores(b, s)).as("scores of slate %d", s).containsExactly(scores(a, s), within(1e-5f));
        }
    }

    @Test
    void theLuInverseOfPyTorchGivesTheSameTopTenListsAsTheJavaFallback() {
        SyntheticLatentData d = SyntheticLatentData.create();
        EaseRecommender java = fitted(d, "java");
        EaseRecommender lu = fitted(d, new EaseRecommender(EaseRecommender.Params.defaults(), TorchDenseInverse.required()));
        assertThat(lu.solverUsed()).isEqualTo("torch-lapack");
        assertSameWeights(lu, java, 1e-5f);
        assertSameSlates(d.recommendAll(java, 10), d.recommendAll(lu, 10));
    }

    @Test
    void theNativeCholeskyGivesBitwiseTheSameModelTwice() {
        SyntheticLatentData d = SyntheticLatentData.create();
        EaseRecommender one = fitted(d, "torch");
        EaseRecommender two = fitted(d, "torch");
        for (int i = 0; i < SyntheticLatentData.ITEMS; i++) {
            for (int j = 0; j < SyntheticLatentData.ITEMS; j++) {
                assertThat(Float.floatToIntBits(two.weight(i, j))).as("B%d,%d", i, j)
                        .isEqualTo(Float.floatToIntBits(one.weight(i, j)));
            }
        }
    }

    @Test
    void autoTakesTheNativeCholeskyWhenPyTorchLoads() {
        assertThat(fitted(SyntheticLatentData.create(), (String) null).solverUsed()).isEqualTo("torch-mkl-cholesky");
    }

    @Test
    void autoPrecisionInvertsInFloatFromTheThresholdOn() {
        int from = GramSolvers.FLOAT_FROM_ITEMS;
        assertThat(GramSolvers.forName("auto", "auto", from - 1).name()).isEqualTo("torch-mkl-cholesky");
        assertThat(GramSolvers.forName("auto", "auto", from).name()).isEqualTo("torch-mkl-cholesky-f32");
        assertThat(GramSolvers.forName("auto", "double", from).name()).isEqualTo("torch-mkl-cholesky");
        assertThat(GramSolvers.forName("java", "auto", from).name()).isEqualTo("java-cholesky");
        assertThat(EaseRecommender.Params.defaults().precision()).isEqualTo("auto");
    }

    @Test
    void aMatrixThatIsNotPositiveDefiniteIsRefusedByTheNativeCholesky() {
        DenseInverse chol = LapackCholeskyInverse.available(false).orElseThrow();
        assertThatThrownBy(() -> chol.invert(new double[] {1, 2, 2, 1}, 2))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("not positive definite");
    }

    @Test
    void theNativeCholeskyInvertsASmallMatrix() {
        // [[4, 2], [2, 3]]^-1 = [[3, -2], [-2, 4]] / 8
        for (boolean single : new boolean[] {false, true}) {
            double[] inv = LapackCholeskyInverse.available(single).orElseThrow().invert(new double[] {4, 2, 2, 3}, 2);
            assertThat(inv).containsExactly(new double[] {0.375, -0.25, -0.25, 0.5}, within(1e-6));
        }
    }

    @Test
    void anUnknownPrecisionIsRejectedWithTheChoices() {
        assertThatThrownBy(() -> new EaseRecommender.Params(null, null, null, "half"))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("precision")
                .hasMessageContaining("auto, double, float");
    }

    @Test
    void anUnknownSolverIsRejectedWithTheChoices() {
        assertThatThrownBy(() -> new EaseRecommender.Params(null, null, "blas"))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("solver")
                .hasMessageContaining("auto, torch, java");
    }
}
