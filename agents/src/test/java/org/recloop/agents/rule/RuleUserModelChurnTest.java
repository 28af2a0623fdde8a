package org.recloop.agents.rule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.recloop.agents.rule.RuleUserModelFixture.FAR_BELOW;
import static org.recloop.agents.rule.RuleUserModelFixture.assertRate;
import static org.recloop.agents.rule.RuleUserModelFixture.mnl;
import static org.recloop.agents.rule.RuleUserModelFixture.params;
import static org.recloop.agents.rule.RuleUserModelFixture.population;
import static org.recloop.agents.rule.RuleUserModelFixture.slates;
import static org.recloop.agents.rule.RuleUserModelFixture.twoTopicCatalog;
import static org.recloop.agents.rule.RuleUserModelFixture.typesOf;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.recloop.agents.rule.RuleUserModel.Churn;
import org.recloop.agents.rule.RuleUserModel.Params;
import org.recloop.agents.rule.RuleUserModelFixture.Rig;
import org.recloop.core.log.EventLog;
import org.recloop.core.log.RunInfo;
import org.recloop.core.log.RunStatus;
import org.recloop.core.react.EventBuffer;
import org.recloop.core.react.EventType;
import org.recloop.core.rng.RandomStreams;
import org.recloop.core.serve.Interactions;
import org.recloop.core.serve.Recommender;
import org.recloop.core.serve.ServeContext;
import org.recloop.core.serve.SlateBatch;
import org.recloop.core.serve.TrainContext;
import org.recloop.core.sim.RecLoopSim;
import org.recloop.core.sim.SimConfig;
import org.recloop.core.world.Catalog;
import org.recloop.core.world.Population;
import org.recloop.core.world.World;

/**
 * Churn of rule users: leaving when smoothed satisfaction falls below the threshold, returning at
 * the return probability with a fresh start, and a kernel run that serves no churned user.
 * Statistical checks as described in {@link RuleUserModelFixture}.
 */
class RuleUserModelChurnTest {

    @Test
    void usersLeaveWhenSmoothedSatisfactionFallsBelowThresholdAfterMinSessions() {
        // user 0 gets empty slates (session utility 0); user 1 always opens an item of utility 0.6
        Catalog c = new Catalog(2, 1);
        c.add(new float[] {0.6f, 0.8f}, 0, -1, 0.5f, 1f, 0);
        Population pop = population(2, 1f, 0f);
        double alpha = 0.3;
        double threshold = 0.4;
        Params p = params(mnl(5, FAR_BELOW, 0.7), 0.0, null, null, new Churn(alpha, threshold, 3, 0.0), null, null);
        Rig rig = new Rig(c, pop, p, 11);
        double u = c.dot(0, pop.preferences(), 2);
        double sat1 = 0;
        for (int t = 0; t < 6; t++) {
            // react only: keep both users served to see every session's decision
            EventBuffer ev = rig.react(t, slates(new int[] {0, 1}, 1, s -> s == 0 ? new int[0] : new int[] {0}));
            int session = t + 1;
            sat1 = (1 - alpha) * sat1 + alpha * u; // 0.18, 0.306, 0.394, 0.456, ...
            List<EventType> e0 = typesOf(ev, 0);
            List<EventType> e1 = typesOf(ev, 1);
            // user 0: satisfaction 0 < 0.4, but no LEAVE before the 3rd session
            assertThat(e0.contains(EventType.LEAVE)).as("user 0, session %d", session).isEqualTo(session >= 3);
            // user 1: below the threshold in sessions 1-3, above from session 4; may leave only at 3
            assertThat(e1.contains(EventType.LEAVE)).as("user 1, session %d", session).isEqualTo(session == 3);
            for (int i = 0; i < ev.size(); i++) {
                if (ev.is(i, EventType.LEAVE)) {
                    assertThat(ev.item(i)).isEqualTo(-1);
                    double expected = ev.user(i) == 0 ? 0 : sat1;
                    assertThat((double) ev.value(i)).isCloseTo(expected, within(1e-6));
                }
            }
        }
    }

    @Test
    void churnedUsersReturnAtTheReturnProbability() {
        int n = 20_000;
        Catalog c = twoTopicCatalog(-1);
        double q = 0.3;
        Population pop = population(n, 1f, 0f, 0f);
        for (int u = 0; u < n; u += 2) {
            pop.setStatus(u, Population.CHURNED);
        }
        Rig rig = new Rig(c, pop, params(null, 0.0, null, null, new Churn(null, null, null, q), null, null), 12);
        SlateBatch none = new SlateBatch(new int[0], 5);
        EventBuffer ev = new EventBuffer();
        rig.model.afterTick(rig.ctx(5), none, ev);
        boolean[] returned5 = new boolean[n];
        for (int i = 0; i < ev.size(); i++) {
            assertThat(ev.is(i, EventType.RETURN)).isTrue();
            assertThat(ev.user(i) % 2).as("only churned users return").isZero();
            assertThat(ev.item(i)).isEqualTo(-1);
            returned5[ev.user(i)] = true;
        }
        assertRate("returns per churned user and tick", ev.size(), n / 2, q);
        // another tick draws afresh
        EventBuffer ev6 = new EventBuffer();
        rig.model.afterTick(rig.ctx(6), none, ev6);
        assertRate("returns at tick 6", ev6.size(), n / 2, q);
        long again = 0;
        for (int i = 0; i < ev6.size(); i++) {
            again += returned5[ev6.user(i)] ? 1 : 0;
        }
        // independence across ticks: P(return at 5 and 6) = q² per churned user
        assertRate("returns at both ticks", again, n / 2, q * q);
        // return probability 0: nobody comes back
        Rig never = new Rig(c, pop, params(null, 0.0, null, null, new Churn(null, null, null, 0.0), null, null), 12);
        EventBuffer ev0 = new EventBuffer();
        never.model.afterTick(never.ctx(5), none, ev0);
        assertThat(ev0.size()).isZero();
    }

    @Test
    void aReturnResetsSatisfactionAndTheSessionCount() {
        Catalog c = twoTopicCatalog(-1);
        Population pop = population(1, 1f, 0f, 0f);
        Params p = params(mnl(5, FAR_BELOW, 0.7), 0.0, null, null, new Churn(0.3, 0.4, 3, 1.0), null, null);
        Rig rig = new Rig(c, pop, p, 13);
        List<Integer> leaves = new ArrayList<>();
        List<Integer> returns = new ArrayList<>();
        for (int t = 0; t < 12; t++) {
            // the kernel serves only active users
            int[] users = pop.status(0) == Population.ACTIVE ? new int[] {0} : new int[0];
            EventBuffer ev = rig.tick(t, slates(users, 1, s -> new int[0]));
            if (ev.count(EventType.LEAVE) > 0) {
                leaves.add(t);
            }
            if (ev.count(EventType.RETURN) > 0) {
                returns.add(t);
            }
        }
        // sessions at 0,1,2 -> leave at 2; churned at 3 -> returns (p = 1); sessions restart at 4
        assertThat(leaves).containsExactly(2, 6, 10);
        assertThat(returns).containsExactly(3, 7, 11);
    }

    /** A kernel run: churned users get no sessions until they return. */
    @Test
    void theKernelStopsServingChurnedUsersUntilTheyReturn() {
        int n = 40;
        Catalog c = twoTopicCatalog(-1);
        Population pop = population(n, 1f, 0f, 0f);
        for (int u = 0; u < n; u++) {
            pop.setActivity(u, 50f); // 1 - exp(-50) == 1.0 in double: every active user arrives
        }
        World world = World.of(c, pop);
        // empty slates -> satisfaction 0 -> everyone leaves in their 2nd session, returns with p = 1
        Params p = params(null, 0.0, null, null, new Churn(0.3, 0.1, 2, 1.0), null, null);
        Recommender nothing = new Recommender() {
            @Override
            public void fit(Interactions all, TrainContext ctx) {}

            @Override
            public void recommend(SlateBatch slates, int from, int to, ServeContext ctx) {}

            @Override
            public int modelVersion() {
                return 0;
            }
        };
        RecLoopSim sim = new RecLoopSim(SimConfig.DEFAULTS.withTicks(6).withSlateSize(3).withRetrainEvery(0).withThreads(1), world, new RandomStreams(14), nothing,
                "nothing", new RuleUserModel(p), List.of(), List.of(), new NullLog());
        List<Integer> sessions = new ArrayList<>();
        sim.addListener(s -> sessions.add(s.sessions()));
        sim.runToEnd();
        // tick 1: LEAVE (applied after the tick); tick 2: nobody served, all RETURN; tick 3 serves again
        assertThat(sessions).containsExactly(n, n, 0, n, n, 0);
    }

    /** An event log that records nothing. */
    private static final class NullLog implements EventLog {
        @Override
        public void users(int tick, org.recloop.core.world.Population population, int from, int to) {}

        @Override
        public void forget(int tick, org.recloop.core.log.ForgetRequest request) {}

        @Override
        public void open(RunInfo run, World world) {}

        @Override
        public void items(int tick, Catalog catalog, int from, int to) {}

        @Override
        public void userStates(int tick, Population population) {}

        @Override
        public void exposures(int tick, SlateBatch slates, java.util.BitSet logged) {}

        @Override
        public void events(int tick, SlateBatch slates, EventBuffer events) {}

        @Override
        public void modelCalls(int tick, java.util.List<org.recloop.core.log.ModelCall> calls) {}

        @Override
        public void metrics(int tick, Map<String, Double> values) {}

        @Override
        public void intervention(int tick, String type, String description) {}

        @Override
        public void commitTick(int tick, int sessions) {}

        @Override
        public Interactions clicks(int fromTick, int toTick, int numUsers, int numItems) {
            return Interactions.empty(numUsers, numItems);
        }

        @Override
        public void flush() {}

        @Override
        public void finish(RunStatus status, String error) {}

        @Override
        public Map<String, Long> rowCounts() {
            return Map.of();
        }

        @Override
        public void close() {}
    }
}
