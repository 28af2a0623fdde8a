package org.recloop.core.world;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CatalogTest {

    private static float[] vec(int item, int dim) {
        float[] f = new float[dim];
        for (int d = 0; d < dim; d++) {
            f[d] = item * 10 + d + 0.5f;
        }
        return f;
    }

    @Test
    void growthBeyondInitialCapacityKeepsEarlierItems() {
        int dim = 3;
        Catalog c = new Catalog(dim, 2);
        int n = 100; // several growth steps from capacity 2
        for (int i = 0; i < n; i++) {
            int id = c.add(vec(i, dim), i % 7, 1000 + i, i / 100f, 1 + i, 5 * i);
            assertThat(id).isEqualTo(i);
            assertThat(c.size()).isEqualTo(i + 1);
        }
        assertThat(c.dim()).isEqualTo(dim);
        for (int i = 0; i < n; i++) {
            for (int d = 0; d < dim; d++) {
                assertThat(c.feature(i, d)).isEqualTo(i * 10 + d + 0.5f);
                assertThat(c.features()[i * dim + d]).isEqualTo(i * 10 + d + 0.5f);
            }
            assertThat(c.topic(i)).isEqualTo(i % 7);
            assertThat(c.creator(i)).isEqualTo(1000 + i);
            assertThat(c.quality(i)).isEqualTo(i / 100f);
            assertThat(c.popularityPrior(i)).isEqualTo(1f + i);
            assertThat(c.createdTick(i)).isEqualTo(5 * i);
        }
    }

    @Test
    void addCopiesTheFeatureArray() {
        Catalog c = new Catalog(2, 4);
        float[] f = {1f, 2f};
        c.add(f, 0, 0, 0f, 1f, 0);
        f[0] = 99f;
        assertThat(c.feature(0, 0)).isEqualTo(1f);
    }

    @Test
    void zeroOrNegativeCapacityStillWorks() {
        Catalog c = new Catalog(2, 0);
        c.add(new float[] {1, 2}, 0, 0, 0, 0, 0);
        c.add(new float[] {3, 4}, 1, 0, 0, 0, 0);
        assertThat(c.feature(1, 1)).isEqualTo(4f);
        assertThat(c.feature(0, 0)).isEqualTo(1f);
        Catalog d = new Catalog(2, -5);
        assertThat(d.add(new float[] {1, 2}, 0, 0, 0, 0, 0)).isZero();
    }

    @Test
    void dotProductWithOffset() {
        Catalog c = new Catalog(3, 1);
        c.add(new float[] {1, 2, 3}, 0, 0, 0, 0, 0);
        c.add(new float[] {-1, 0.5f, 4}, 0, 0, 0, 0, 0);
        float[] v = {100, 100, 2, 3, 4};
        // item 0 · (2,3,4) = 2 + 6 + 12 = 20
        assertThat(c.dot(0, v, 2)).isEqualTo(20f);
        // item 1 · (2,3,4) = -2 + 1.5 + 16 = 15.5
        assertThat(c.dot(1, v, 2)).isEqualTo(15.5f);
        // item 1 · (100,100,2) = -100 + 50 + 8 = -42
        assertThat(c.dot(1, v, 0)).isEqualTo(-42f);
    }

    @Test
    void titlesSurviveGrowth() {
        Catalog c = new Catalog(1, 1);
        c.add(new float[] {1}, 0, 0, 0, 0, 0);
        assertThat(c.title(0)).isEmpty();
        c.setTitle(0, "first");
        for (int i = 1; i < 40; i++) {
            c.add(new float[] {i}, 0, 0, 0, 0, 0);
        }
        c.setTitle(39, "last");
        assertThat(c.title(0)).contains("first");
        assertThat(c.title(39)).contains("last");
        assertThat(c.title(20)).isEmpty();
        assertThat(c.title(10_000)).isEmpty();
    }

    @Test
    void validation() {
        assertThatThrownBy(() -> new Catalog(0, 10)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("dim");
        assertThatThrownBy(() -> new Catalog(-2, 10)).isInstanceOf(IllegalArgumentException.class);
        Catalog c = new Catalog(3, 4);
        assertThatThrownBy(() -> c.add(new float[2], 0, 0, 0, 0, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("2").hasMessageContaining("3");
        assertThatThrownBy(() -> c.add(new float[4], 0, 0, 0, 0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThat(c.size()).as("failed adds leave no item").isZero();
    }
}
