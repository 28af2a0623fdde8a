package org.recloop.agents.attack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.recloop.core.contract.ContractWorlds;
import org.recloop.core.react.EventBuffer;
import org.recloop.core.react.EventType;
import org.recloop.core.react.ReactContext;
import org.recloop.core.rng.RandomStreams;
import org.recloop.core.serve.SlateBatch;
import org.recloop.core.world.World;

/** Attackers in a seeded world: the last 20 of its 200 users join as fake accounts. */
class AttackUserModelTest {

    private static final int FROM = 180;

    private static AttackUserModel.Params params(String strategy, String goal, List<Integer> targets, Integer end) {
        return new AttackUserModel.Params(strategy, goal, targets, 4, 0, end, 0.5, null);
    }

    /** One tick of slates for the attackers only; target 7 is on every slate at position 2. */
    private static EventBuffer tick(AttackUserModel m, World w, int tick) {
        RandomStreams streams = new RandomStreams(5);
        SlateBatch slates = new SlateBatch(java.util.stream.IntStream.range(FROM, 200).toArray(), 4);
        for (int s = 0; s < slates.size(); s++) {
            int[] items = {50 + s, 60 + s, 7, 90 + s};
            for (int r = 0; r < 4; r++) {
                slates.set(s, r, items[r], 1f - r / 4f, 1f, org.recloop.core.serve.SlateSource.RECOMMENDER);
            }
        }
        EventBuffer out = new EventBuffer();
        ReactContext ctx = new ReactContext(tick, w, streams);
        m.react(ctx, slates, 0, slates.size(), out);
        m.afterTick(ctx, slates, out);
        return out;
    }

    private static World joined(AttackUserModel m) {
        World w = ContractWorlds.world(3);
        m.initGroup(w, new RandomStreams(5), FROM, 200);
        return w;
    }

    @Test
    void pushClicksShownTargetsAtTheirPositionAndSearchesTheOthers() {
        AttackUserModel m = new AttackUserModel(params("average", "push", List.of(7, 8), null));
        World w = joined(m);
        assertThat(w.groundTruth().fake(FROM - 1)).isFalse();
        assertThat(w.groundTruth().fake(FROM)).isTrue();
        assertThat(w.groundTruth().fakeCount()).isEqualTo(20);
        EventBuffer ev = tick(m, w, 0);
        int shown = 0;
        int searched = 0;
        for (int i = 0; i < ev.size(); i++) {
            if (!ev.is(i, EventType.CLICK)) {
                continue;
            }
            if (ev.item(i) == 7) {
                shown++;
                assertThat(ev.position(i)).as("a shown target is clicked where it is").isEqualTo(2);
                assertThat(ev.slate(i)).isEqualTo(ev.user(i) - FROM);
            } else if (ev.item(i) == 8) {
                searched++;
                assertThat(ev.slate(i)).as("an unshown target is found by search").isEqualTo(-1);
                assertThat(ev.position(i)).isEqualTo(-1);
                assertThat(ev.is(i - 1, EventType.SEARCH)).isTrue();
            }
        }
        assertThat(shown).isPositive();
        assertThat(searched).isPositive();
        assertThat(ev.count(EventType.RATE)).isPositive();
    }

    @Test
    void nukeNeverClicksATargetAndSkipsSlatesThatShowOne() {
        AttackUserModel m = new AttackUserModel(params("segment", "nuke", List.of(7), null));
        World w = joined(m);
        EventBuffer ev = tick(m, w, 0);
        assertThat(ev.count(EventType.SKIP)).isEqualTo(20);
        for (int i = 0; i < ev.size(); i++) {
            assertThat(ev.item(i)).as("event %d", i).isNotEqualTo(7);
            if (ev.is(i, EventType.CLICK)) {
                assertThat(ev.slate(i)).as("clicks of a skipped slate come from search").isEqualTo(-1);
            }
        }
        assertThat(ev.count(EventType.CLICK)).isPositive();
    }

    @Test
    void outsideTheWindowTheAccountsOnlySkipAndAfterItStayAway() {
        AttackUserModel m = new AttackUserModel(new AttackUserModel.Params("random", "push", List.of(7), 2, 3, 4, 0.5, null));
        World w = joined(m);
        assertThat(w.population().activity(FROM)).isEqualTo(AttackUserModel.ACTIVITY);
        EventBuffer before = tick(m, w, 2);
        assertThat(before.size()).isEqualTo(before.count(EventType.SKIP));
        assertThat(tick(m, w, 3).count(EventType.CLICK)).isPositive();
        tick(m, w, 4);
        assertThat(w.population().activity(FROM)).as("after the last tick of the window").isZero();
        assertThat(w.population().activity(FROM - 1)).as("a real user").isNotZero();
    }

    @Test
    void imitationAndBandwagonFillerComeFromRealUsersConsumption() {
        for (String strategy : List.of("imitation", "bandwagon")) {
            AttackUserModel m = new AttackUserModel(new AttackUserModel.Params(strategy, "push", List.of(7), 4, 0, null,
                    1.0, null));
            World w = joined(m);
            EventBuffer ev = tick(m, w, 0);
            assertThat(ev.count(EventType.CLICK)).isPositive();
            for (int i = 0; i < ev.size(); i++) {
                if (ev.is(i, EventType.CLICK)) {
                    int item = ev.item(i);
                    boolean consumedByReal = false;
                    for (int u = 0; u < FROM && !consumedByReal; u++) {
                        consumedByReal = w.history().contains(u, item);
                    }
                    assertThat(consumedByReal).as("%s filler %d was consumed by a real user", strategy, item).isTrue();
                }
            }
        }
    }

    @Test
    void socialAttackersFollowRealUsers() {
        AttackUserModel m = new AttackUserModel(new AttackUserModel.Params("social", "push", List.of(7), 4, 0, null,
                1.0, null));
        World w = joined(m);
        EventBuffer ev = tick(m, w, 0);
        assertThat(ev.count(EventType.FOLLOW)).isPositive();
        for (int i = 0; i < ev.size(); i++) {
            if (ev.is(i, EventType.FOLLOW)) {
                assertThat(w.groundTruth().fake(ev.target(i))).isFalse();
            }
        }
    }

    @Test
    void aTargetOutsideTheCatalogIsRefusedWhenTheAccountsJoin() {
        AttackUserModel m = new AttackUserModel(params("random", "push", List.of(300), null));
        assertThatThrownBy(() -> joined(m)).hasMessage("attack target item 300 is not in the catalog of 300 items");
        assertThatThrownBy(() -> params("random", "push", List.of(3, 3), null)).hasMessageContaining("lists an item twice");
    }
}
