package org.recloop.core.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.apache.commons.rng.UniformRandomProvider;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.recloop.core.metric.Metric;
import org.recloop.core.metric.TickView;
import org.recloop.core.react.EventBuffer;
import org.recloop.core.react.EventType;
import org.recloop.core.rng.RandomStreams;
import org.recloop.core.serve.SlateBatch;
import org.recloop.core.world.World;

/**
 * The {@link Metric} contract, for every metric a module lists in {@link #metrics}: it writes
 * exactly the values {@code names()} announces, and it keeps no state between ticks (a fresh
 * instance gives the same values for a tick as one that saw earlier ticks, and seeing a tick
 * twice gives the same values twice).
 */
public abstract class MetricContract {

    private static final long SEED = 13;

    /** The metrics to check by name, each supplier making a fresh instance. */
    protected abstract Map<String, Supplier<Metric>> metrics();

    @TestFactory
    Stream<DynamicTest> keepTheContract() {
        return metrics().entrySet().stream().flatMap(e -> Stream.of(
                DynamicTest.dynamicTest(e.getKey() + ": writes exactly names()", () -> namesAreKeys(e.getKey(), e.getValue())),
                DynamicTest.dynamicTest(e.getKey() + ": no state between ticks", () -> stateless(e.getKey(), e.getValue()))));
    }

    /** Three ticks of a seeded world: slates, clicks and consumption with their cumulative counts. */
    static TickView[] ticks() {
        World w = ContractWorlds.world(SEED);
        RandomStreams streams = new RandomStreams(SEED);
        long[] exp = new long[ContractWorlds.ITEMS];
        long[] clk = new long[ContractWorlds.ITEMS];
        TickView[] views = new TickView[3];
        for (int tick = 0; tick < views.length; tick++) {
            SlateBatch slates = ContractWorlds.slates(SEED, tick);
            EventBuffer ev = new EventBuffer();
            for (int s = 0; s < slates.size(); s++) {
                int u = slates.user(s);
                UniformRandomProvider g = streams.stream(4444, u, tick);
                for (int p = 0; p < slates.length(s); p++) {
                    exp[slates.item(s, p)]++;
                }
                if (g.nextDouble() < 0.4) {
                    int p = g.nextInt(slates.length(s));
                    int item = slates.item(s, p);
                    ev.add(u, item, EventType.CLICK, s, p, (float) g.nextDouble());
                    ev.add(u, item, EventType.CONSUME, s, p, 1f);
                    if (g.nextBoolean()) {
                        ev.add(u, item, EventType.LIKE, s, p, 1f);
                    }
                    clk[item]++;
                    w.history().add(u, item);
                }
            }
            views[tick] = new TickView(tick, w, slates, ev, exp.clone(), clk.clone(), streams);
        }
        return views;
    }

    private static void namesAreKeys(String name, Supplier<Metric> make) {
        TickView[] views = ticks();
        Metric m = make.get();
        for (TickView v : views) {
            Map<String, Double> out = new LinkedHashMap<>();
            m.observe(v, out);
            assertThat(out.keySet()).as("%s at tick %d", name, v.tick()).containsExactlyInAnyOrderElementsOf(m.names());
        }
    }

    private static void stateless(String name, Supplier<Metric> make) {
        TickView[] views = ticks();
        Metric seasoned = make.get();
        Map<String, Double> last = new LinkedHashMap<>();
        for (TickView v : views) {
            last.clear();
            seasoned.observe(v, last);
        }
        Map<String, Double> fresh = new LinkedHashMap<>();
        make.get().observe(views[views.length - 1], fresh);
        Map<String, Double> again = new LinkedHashMap<>();
        seasoned.observe(views[views.length - 1], again);
        assertThat(fresh).as("%s: a fresh instance gives the same values as one that saw earlier ticks", name)
                .isEqualTo(last);
        assertThat(again).as("%s: the same tick seen twice gives the same values", name).isEqualTo(last);
    }
}
