package org.recloop.core.world;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class SocialGraphTest {

    private static List<Integer> row(SocialGraph g, int u) {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < g.outDegree(u); i++) {
            out.add(g.followee(u, i));
        }
        return out;
    }

    @Test
    void fromEdgesDropsDuplicatesAndSelfLoopsAndSortsRows() {
        int[] from = {0, 0, 0, 0, 1, 1, 2, 2, 3, 0, 3, 3};
        int[] to = {3, 1, 3, 0, 1, 2, 0, 0, 1, 2, 2, 1};
        SocialGraph g = SocialGraph.fromEdges(5, from, to);
        assertThat(g.users()).isEqualTo(5);
        assertThat(row(g, 0)).containsExactly(1, 2, 3);
        assertThat(row(g, 1)).containsExactly(2);
        assertThat(row(g, 2)).containsExactly(0);
        assertThat(row(g, 3)).containsExactly(1, 2);
        assertThat(row(g, 4)).isEmpty();
        assertThat(g.edgeCount()).isEqualTo(7);
        assertThat(g.follows(0, 3)).isTrue();
        assertThat(g.follows(3, 0)).isFalse();
        assertThat(g.follows(1, 1)).as("self loop dropped").isFalse();
        assertThat(g.follows(4, 0)).isFalse();
    }

    @Test
    void fromEdgesMatchesReferenceOnRandomInput() {
        Random r = new Random(11);
        int users = 60;
        int m = 1500;
        int[] from = new int[m];
        int[] to = new int[m];
        List<TreeSet<Integer>> ref = new ArrayList<>();
        for (int u = 0; u < users; u++) {
            ref.add(new TreeSet<>());
        }
        for (int e = 0; e < m; e++) {
            from[e] = r.nextInt(users);
            to[e] = r.nextInt(users);
            if (from[e] != to[e]) {
                ref.get(from[e]).add(to[e]);
            }
        }
        SocialGraph g = SocialGraph.fromEdges(users, from, to);
        long edges = 0;
        for (int u = 0; u < users; u++) {
            assertThat(row(g, u)).as("row %d", u).containsExactlyElementsOf(ref.get(u));
            edges += ref.get(u).size();
        }
        assertThat(g.edgeCount()).isEqualTo(edges);
    }

    @Test
    void followAndUnfollowOnCsrRows() {
        SocialGraph g = SocialGraph.fromEdges(6, new int[] {0, 0, 1}, new int[] {2, 4, 0});
        assertThat(g.edgeCount()).isEqualTo(3);

        assertThat(g.follow(0, 3)).isTrue();
        assertThat(row(g, 0)).containsExactly(2, 3, 4);
        assertThat(g.edgeCount()).isEqualTo(4);
        assertThat(g.follow(0, 3)).as("existing edge").isFalse();
        assertThat(g.follow(0, 0)).as("self loop").isFalse();
        assertThat(g.edgeCount()).isEqualTo(4);

        // unfollow straight from an untouched CSR row
        assertThat(g.unfollow(1, 0)).isTrue();
        assertThat(row(g, 1)).isEmpty();
        assertThat(g.follows(1, 0)).isFalse();
        assertThat(g.unfollow(1, 0)).isFalse();
        assertThat(g.unfollow(2, 5)).as("no such edge in CSR row").isFalse();
        assertThat(g.edgeCount()).isEqualTo(3);

        // other rows still read from the CSR arrays, unchanged
        assertThat(row(g, 2)).isEmpty();
        assertThat(row(g, 5)).isEmpty();
    }

    @Test
    void mutatedRowsGrowAndShrinkInOrder() {
        SocialGraph g = SocialGraph.empty(20);
        assertThat(g.edgeCount()).isZero();
        int[] adds = {10, 3, 15, 1, 7, 19, 0, 12, 5, 3, 10};
        TreeSet<Integer> ref = new TreeSet<>();
        for (int v : adds) {
            assertThat(g.follow(4, v)).isEqualTo(v != 4 && ref.add(v));
        }
        assertThat(row(g, 4)).containsExactlyElementsOf(ref);
        assertThat(g.outDegree(4)).isEqualTo(ref.size());
        assertThat(g.edgeCount()).isEqualTo(ref.size());

        for (int v : new int[] {0, 19, 7, 8}) {
            assertThat(g.unfollow(4, v)).isEqualTo(ref.remove(v));
        }
        assertThat(row(g, 4)).containsExactlyElementsOf(ref);
        assertThat(g.edgeCount()).isEqualTo(ref.size());
        for (int v = 0; v < 20; v++) {
            assertThat(g.follows(4, v)).isEqualTo(ref.contains(v));
        }
        // re-follow after unfollow
        assertThat(g.follow(4, 19)).isTrue();
        assertThat(g.followee(4, g.outDegree(4) - 1)).isEqualTo(19);
        // neighbours' rows untouched
        assertThat(g.outDegree(3)).isZero();
        assertThat(g.outDegree(5)).isZero();
    }

    @Test
    void randomFollowUnfollowMatchesReference() {
        Random r = new Random(3);
        int users = 30;
        int[] from = new int[200];
        int[] to = new int[200];
        for (int e = 0; e < from.length; e++) {
            from[e] = r.nextInt(users);
            to[e] = r.nextInt(users);
        }
        SocialGraph g = SocialGraph.fromEdges(users, from, to);
        List<TreeSet<Integer>> ref = new ArrayList<>();
        for (int u = 0; u < users; u++) {
            ref.add(new TreeSet<>(row(g, u)));
        }
        for (int step = 0; step < 5000; step++) {
            int u = r.nextInt(users);
            int v = r.nextInt(users);
            if (r.nextBoolean()) {
                assertThat(g.follow(u, v)).isEqualTo(u != v && ref.get(u).add(v));
            } else {
                assertThat(g.unfollow(u, v)).isEqualTo(ref.get(u).remove(v));
            }
        }
        long edges = 0;
        for (int u = 0; u < users; u++) {
            assertThat(row(g, u)).containsExactlyElementsOf(ref.get(u));
            edges += ref.get(u).size();
        }
        assertThat(g.edgeCount()).isEqualTo(edges);
    }

    @Test
    void outOfRangeIdsThrow() {
        assertThatThrownBy(() -> SocialGraph.fromEdges(3, new int[] {0, 3}, new int[] {1, 1}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("3");
        assertThatThrownBy(() -> SocialGraph.fromEdges(3, new int[] {0}, new int[] {-1}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("-1");
        assertThatThrownBy(() -> SocialGraph.fromEdges(3, new int[] {0, 1}, new int[] {1}))
                .isInstanceOf(IllegalArgumentException.class);
        SocialGraph g = SocialGraph.empty(3);
        assertThatThrownBy(() -> g.follow(0, 3)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> g.follow(-1, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThat(g.edgeCount()).isZero();
    }
}
