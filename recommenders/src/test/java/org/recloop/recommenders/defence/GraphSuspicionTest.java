package org.recloop.recommenders.defence;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.recloop.core.capability.Capabilities;
import org.recloop.core.capability.RunCapabilities;
import org.recloop.core.capability.SocialGraphView;
import org.recloop.core.serve.Interactions;
import org.recloop.core.world.SocialGraph;

/**
 * A hand-made social platform: 40 real users who click a few of the 20 popular items now and then
 * from tick 0 and follow the three hub accounts 0, 1 and 2; and 4 fake accounts that join at tick
 * 6, click like a real user (two distinct popular items a tick, nothing re-clicked, nothing cold)
 * and spend the rest of their actions following ten obscure real users each, who follow nobody
 * back. Their clicks give them away only by their age; their follows give them away.
 */
class GraphSuspicionTest {

    static final int REAL = 40;
    static final int FAKE = 4;
    static final int USERS = REAL + FAKE + 1; // the last one never clicks
    static final int ITEMS = 100;

    static Interactions log() {
        List<int[]> rows = new ArrayList<>(); // user, item, tick
        for (int u = 0; u < REAL; u++) {
            int n = 1 + u % 3;
            for (int c = 0; c < n; c++) {
                rows.add(new int[] {u, (u * 7 + c * 3) % 20, (u + 4 * c) % 10});
            }
        }
        for (int f = 0; f < FAKE; f++) {
            for (int t = 6; t < 10; t++) {
                rows.add(new int[] {REAL + f, (f * 5 + t * 2) % 20, t});
                rows.add(new int[] {REAL + f, (f * 5 + t * 2 + 1) % 20, t});
            }
        }
        rows.sort((a, b) -> a[2] != b[2] ? Integer.compare(a[2], b[2]) : Integer.compare(a[0], b[0]));
        int n = rows.size();
        int[] us = new int[n];
        int[] is = new int[n];
        int[] ts = new int[n];
        float[] vs = new float[n];
        for (int r = 0; r < n; r++) {
            us[r] = rows.get(r)[0];
            is[r] = rows.get(r)[1];
            ts[r] = rows.get(r)[2];
            vs[r] = 1f;
        }
        return new Interactions(us, is, ts, vs, USERS, ITEMS);
    }

    static SocialGraph graph() {
        List<int[]> edges = new ArrayList<>();
        for (int u = 0; u < REAL; u++) {
            for (int hub = 0; hub < 3; hub++) {
                edges.add(new int[] {u, hub});
            }
        }
        for (int f = 0; f < FAKE; f++) {
            for (int j = 0; j < 10; j++) {
                edges.add(new int[] {REAL + f, 10 + (f * 7 + j * 3) % 30});
            }
        }
        return SocialGraph.fromEdges(USERS, edges.stream().mapToInt(e -> e[0]).toArray(),
                edges.stream().mapToInt(e -> e[1]).toArray());
    }

    private static float maxReal(SuspicionScores s) {
        float max = 0;
        for (int u = 0; u < REAL; u++) {
            max = Math.max(max, s.score(u));
        }
        return max;
    }

    private static float minFake(SuspicionScores s) {
        float min = 1;
        for (int u = REAL; u < REAL + FAKE; u++) {
            min = Math.min(min, s.score(u));
        }
        return min;
    }

    @Test
    void followsGiveAwayFakesWhoseClicksLookReal() {
        SuspicionScores clicks = SuspicionScores.of(log());
        SuspicionScores withGraph = SuspicionScores.of(log(), SocialGraphView.of(graph()));
        // by clicks alone the fakes are just new: some real user looks at least as suspicious
        assertThat(minFake(clicks)).isLessThanOrEqualTo(maxReal(clicks));
        // the fakes follow ten accounts nobody else follows and have no followers: top of both
        // graph features, which lifts every one of them above every real user
        assertThat(minFake(withGraph)).isGreaterThan(maxReal(withGraph));
        for (int u = REAL; u < REAL + FAKE; u++) {
            assertThat(withGraph.score(u)).as("fake %d", u).isGreaterThan(clicks.score(u)).isLessThanOrEqualTo(1f);
        }
        assertThat(withGraph.scored()).isEqualTo(clicks.scored());
        assertThat(withGraph.score(REAL + FAKE)).isZero();
    }

    @Test
    void withoutFollowsOrWithTheFeatureOffTheScoresAreTheClickScores() {
        SuspicionScores clicks = SuspicionScores.of(log());
        Capabilities noEdges = new RunCapabilities().grant(SocialGraphView.class, SocialGraphView.of(SocialGraph.empty(USERS)));
        Capabilities edges = new RunCapabilities().grant(SocialGraphView.class, SocialGraphView.of(graph()));
        for (SuspicionScores s : List.of(SuspicionScores.judge(log(), noEdges, true),
                SuspicionScores.judge(log(), edges, false), SuspicionScores.judge(log(), Capabilities.NONE, true))) {
            for (int u = 0; u < USERS; u++) {
                assertThat(s.score(u)).isEqualTo(clicks.score(u));
            }
        }
        SuspicionScores judged = SuspicionScores.judge(log(), edges, true);
        assertThat(judged.score(REAL)).isEqualTo(SuspicionScores.of(log(), SocialGraphView.of(graph())).score(REAL));
    }

    /** An account that follows nobody is judged by its clicks, not cleared by its empty follow list. */
    @Test
    void aClickOnlyFakeKeepsItsClickScoreOnASocialPlatform() {
        SuspicionScores clicks = SuspicionScores.of(SuspicionScoresTest.log());
        // the same real users follow the hubs; the click-bursting fakes follow nobody
        List<int[]> edges = new ArrayList<>();
        for (int u = 0; u < SuspicionScoresTest.REAL; u++) {
            edges.add(new int[] {u, u % 3});
        }
        int users = SuspicionScoresTest.REAL + SuspicionScoresTest.FAKE + 1;
        SocialGraph g = SocialGraph.fromEdges(users, edges.stream().mapToInt(e -> e[0]).toArray(),
                edges.stream().mapToInt(e -> e[1]).toArray());
        SuspicionScores withGraph = SuspicionScores.of(SuspicionScoresTest.log(), SocialGraphView.of(g));
        for (int u = SuspicionScoresTest.REAL; u < users - 1; u++) {
            assertThat(withGraph.score(u)).as("fake %d", u).isGreaterThan(0.8f);
            assertThat(withGraph.score(u)).isCloseTo(clicks.score(u), org.assertj.core.data.Offset.offset(0.05f));
        }
    }
}
