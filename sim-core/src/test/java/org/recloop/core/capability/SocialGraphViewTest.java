package org.recloop.core.capability;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.recloop.core.world.SocialGraph;

class SocialGraphViewTest {

    @Test
    void readsTheLiveGraph() {
        SocialGraph g = SocialGraph.fromEdges(4, new int[] {0, 1, 2}, new int[] {1, 2, 1});
        SocialGraphView view = SocialGraphView.of(g);
        assertThat(view.users()).isEqualTo(4);
        assertThat(view.edgeCount()).isEqualTo(3);
        assertThat(view.inDegrees()).containsExactly(0, 2, 1, 0);
        assertThat(view.outDegree(0)).isEqualTo(1);
        assertThat(view.followee(2, 0)).isEqualTo(1);
        // follows made during the run, by accounts that joined during it, show at once
        g.addUsers(1);
        g.follow(4, 3);
        g.follow(4, 1);
        assertThat(view.users()).isEqualTo(5);
        assertThat(view.follows(4, 3)).isTrue();
        assertThat(view.inDegrees()).containsExactly(0, 3, 1, 1, 0);
    }

    /**
     * A defence holds this view: it must not lead to the world (whose ground truth marks the fake
     * accounts) nor let the defence change the graph. Every public method returns a number, a
     * boolean, a fresh int array or text.
     */
    @Test
    void exposesOnlyNumbersNeverTheWorldOrAWayToChangeTheGraph() {
        for (Method m : SocialGraphView.class.getDeclaredMethods()) {
            if (!Modifier.isPublic(m.getModifiers()) || Modifier.isStatic(m.getModifiers())) {
                continue;
            }
            assertThat(m.getReturnType()).as(m.getName())
                    .isIn(int.class, long.class, boolean.class, int[].class, String.class);
            assertThat(m.getName()).as("mutator").isNotIn("follow", "unfollow", "addUsers", "removeUser");
        }
        assertThat(Arrays.stream(SocialGraphView.class.getDeclaredFields()).<Class<?>>map(f -> f.getType()).toList())
                .containsExactly(SocialGraph.class);
    }
}
