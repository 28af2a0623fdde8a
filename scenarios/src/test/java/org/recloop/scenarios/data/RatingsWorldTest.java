package org.recloop.scenarios.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.commons.rng.UniformRandomProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.recloop.core.rng.RandomStreams;
import org.recloop.core.world.Catalog;
import org.recloop.core.world.Population;
import org.recloop.core.world.io.DataFileException;
import org.recloop.core.world.io.RatingsFile;

class RatingsWorldTest {

    @TempDir
    Path dir;

    /**
     * Two taste groups: users 100..139 love items 1000..1019 (ratings 4-5) and dislike 1020..1039
     * (1-2); users 200..239 the reverse. Raw ids are sparse on purpose.
     */
    private Path twoGroups(String sep, boolean header) throws Exception {
        StringBuilder sb = new StringBuilder(header ? "userId,movieId,rating,timestamp\n" : "");
        RandomStreams rs = new RandomStreams(1);
        for (int g = 0; g < 2; g++) {
            for (int u = 0; u < 40; u++) {
                int user = (g == 0 ? 100 : 200) + u;
                UniformRandomProvider rng = rs.stream(1, user, 0);
                for (int j = 0; j < 12; j++) {
                    int item = 1000 + rng.nextInt(40);
                    boolean liked = (item < 1020) == (g == 0);
                    int rating = liked ? 4 + rng.nextInt(2) : 1 + rng.nextInt(2);
                    sb.append(user).append(sep).append(item).append(sep).append(rating).append(sep)
                            .append(880000000L + j).append('\n');
                }
            }
        }
        Path f = dir.resolve(header ? "ratings.csv" : "u.data");
        Files.writeString(f, sb.toString());
        return f;
    }

    private static double cos(float[] a, int ao, float[] b, int bo, int d) {
        double s = 0;
        for (int k = 0; k < d; k++) {
            s += a[ao + k] * b[bo + k];
        }
        return s;
    }

    @Test
    void tastesFromTheFileSeparateTheTwoGroups() throws Exception {
        for (Path f : new Path[] {twoGroups(",", true), twoGroups("\t", false)}) {
            RatingsWorld.Params p = new RatingsWorld.Params(f.toString(), 4, 4.0, 0.3);
            RandomStreams rs = new RandomStreams(9);
            Catalog cat = RatingsWorld.catalog(f, p).build(rs);
            Population pop = RatingsWorld.population(f, p).build(cat, rs);
            RatingsFile data = RatingsFile.read(f);
            assertThat(pop.size()).isEqualTo(80);
            assertThat(cat.size()).isEqualTo(data.numItems());
            assertThat(data.rawUserIds()[0]).isEqualTo(100);
            assertThat(data.rawUserIds()[40]).isEqualTo(200);
            // users 0..39 are group A, 40..79 group B; items with raw id < 1020 are A's
            double within = 0;
            double across = 0;
            int nw = 0;
            int na = 0;
            float[] prefs = pop.preferences();
            for (int a = 0; a < 80; a += 3) {
                for (int b = a + 1; b < 80; b += 5) {
                    double c = cos(prefs, a * 4, prefs, b * 4, 4);
                    if ((a < 40) == (b < 40)) {
                        within += c;
                        nw++;
                    } else {
                        across += c;
                        na++;
                    }
                }
            }
            assertThat(within / nw).isGreaterThan(across / na + 0.5);
            // a group-A user prefers a group-A item to a group-B item
            int itemA = java.util.Arrays.binarySearch(data.rawItemIds(), 1005);
            int itemB = java.util.Arrays.binarySearch(data.rawItemIds(), 1025);
            assertThat(cat.dot(itemA, prefs, 0)).isGreaterThan(cat.dot(itemB, prefs, 0));
            assertThat(cat.popularityPrior(itemA)).isGreaterThan(0);
            assertThat(cat.quality(itemA)).isGreaterThan(cat.quality(itemB) - 1e-6f);
        }
    }

    @Test
    void malformedFilesNameFileLineAndReason() throws Exception {
        Path f = dir.resolve("bad.csv");
        Files.writeString(f, "userId,movieId,rating,timestamp\n1,2,4.0,100\n1,x,3,5\n");
        assertThatThrownBy(() -> RatingsFile.read(f)).isInstanceOf(DataFileException.class)
                .hasMessage(f + ":3: user and item ids must be whole numbers, found '1,x,3,5'");
        Files.writeString(f, "1,2,4.0,100\n1,2\n");
        assertThatThrownBy(() -> RatingsFile.read(f))
                .hasMessage(f + ":2: expected 3 or 4 fields (user, item, rating[, timestamp]), found 2");
        Files.writeString(f, "1\t2\tfive\t100\n");
        assertThatThrownBy(() -> RatingsFile.read(f)).hasMessage(f + ":1: rating must be a number, found 'five'");
        assertThatThrownBy(() -> RatingsFile.read(dir.resolve("none.csv"))).hasMessageEndingWith("none.csv: no such file");
    }

    @Test
    void populationRefusesACatalogFromElsewhere() throws Exception {
        Path f = twoGroups(",", true);
        RatingsWorld.Params p = new RatingsWorld.Params(f.toString(), 4, 4.0, 0.3);
        Catalog other = new Catalog(4, 1);
        other.add(new float[] {1, 0, 0, 0}, 0, 0, 0.5f, 1, 0);
        assertThatThrownBy(() -> RatingsWorld.population(f, p).build(other, new RandomStreams(1)))
                .isInstanceOf(DataFileException.class).hasMessageContaining("does not come from this file");
    }
}
