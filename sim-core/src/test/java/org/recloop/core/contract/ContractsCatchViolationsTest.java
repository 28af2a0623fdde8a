package org.recloop.core.contract;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.recloop.core.act.ActContext;
import org.recloop.core.act.Intervention;
import org.recloop.core.metric.Metric;
import org.recloop.core.metric.TickView;
import org.recloop.core.react.EventType;
import org.recloop.core.react.UserModel;

/** The shared contracts fail on components that break them (a contract that cannot fail checks nothing). */
class ContractsCatchViolationsTest {

    @TempDir
    Path dir;

    private static void fails(java.util.stream.Stream<DynamicTest> tests, String name) {
        DynamicTest t = tests.filter(d -> d.getDisplayName().contains(name)).findFirst().orElseThrow();
        assertThatThrownBy(() -> t.getExecutable().execute()).isInstanceOf(AssertionError.class);
    }

    /** Counts the ticks it saw: state carried between ticks. */
    static final class TickCounter implements Metric {
        private int seen;

        @Override
        public List<String> names() {
            return List.of("seen");
        }

        @Override
        public void observe(TickView view, Map<String, Double> out) {
            out.put("seen", (double) ++seen);
        }
    }

    @Test
    void metricContractCatchesStateAndWrongNames() {
        MetricContract stateful = new MetricContract() {
            @Override
            protected Map<String, Supplier<Metric>> metrics() {
                return Map.of("counter", TickCounter::new);
            }
        };
        fails(stateful.keepTheContract(), "no state");
        MetricContract misnamed = new MetricContract() {
            @Override
            protected Map<String, Supplier<Metric>> metrics() {
                return Map.of("misnamed", () -> new Metric() {
                    @Override
                    public List<String> names() {
                        return List.of("a", "b");
                    }

                    @Override
                    public void observe(TickView view, Map<String, Double> out) {
                        out.put("a", 1.0);
                    }
                });
            }
        };
        fails(misnamed.keepTheContract(), "names()");
    }

    @Test
    void userModelContractCatchesChunkDependenceForeignWritesAndDisorder() {
        // clicks position (index of the slate within its chunk) % k: depends on the chunk split
        UserModel chunky = (ctx, slates, from, to, out) -> {
            for (int s = from; s < to; s++) {
                out.add(slates.user(s), slates.item(s, (s - from) % slates.length(s)), EventType.CLICK, s,
                        (s - from) % slates.length(s), 1f);
            }
            return CompletableFuture.completedFuture(null);
        };
        fails(contract(chunky).keepTheContract(), "chunk split");
        // writes the activity of user 0, whoever's slates it answers
        UserModel meddler = (ctx, slates, from, to, out) -> {
            ctx.world().population().setActivity(0, 9f);
            ctx.world().population().setActivity(1, 9f);
            return CompletableFuture.completedFuture(null);
        };
        fails(contract(meddler).keepTheContract(), "own users");
        // answers its slates last to first
        UserModel backwards = (ctx, slates, from, to, out) -> {
            for (int s = to - 1; s >= from; s--) {
                out.add(slates.user(s), slates.item(s, 0), EventType.CLICK, s, 0, 1f);
            }
            return CompletableFuture.completedFuture(null);
        };
        fails(contract(backwards).keepTheContract(), "slate order");
    }

    private static UserModelContract contract(UserModel m) {
        return new UserModelContract() {
            @Override
            protected Map<String, Supplier<UserModel>> userModels() {
                return Map.of("bad", () -> m);
            }
        };
    }

    @Test
    void interventionContractCatchesNondeterminism() {
        long[] runs = {0};
        InterventionContract c = new InterventionContract() {
            @Override
            protected Map<String, Supplier<Intervention>> interventions() {
                return Map.of("flaky", () -> new Intervention() {
                    @Override
                    public int tick() {
                        return 2;
                    }

                    @Override
                    public String type() {
                        return "flaky";
                    }

                    @Override
                    public String describe() {
                        return "marks users differently on every run";
                    }

                    @Override
                    public void apply(ActContext ctx) {
                        // a different change on each run, as a shared generator would make
                        long run = runs[0]++;
                        for (int u = 0; u < ctx.world().population().size(); u++) {
                            if ((u + run) % 2 == 0) {
                                ctx.world().history().add(u, 0);
                            }
                        }
                    }
                });
            }

            @Override
            protected Path workDir() {
                return dir;
            }
        };
        fails(c.keepTheContract(), "deterministic");
    }

    @Test
    void recommenderContractCatchesConsumedItemsShortSlatesAndSplitDependence() {
        // shows item 0..k-1 whoever consumed them
        fails(recommenderContract(new FirstUnconsumedRecommender() {
            @Override
            public void recommend(org.recloop.core.serve.SlateBatch slates, int from, int to,
                    org.recloop.core.serve.ServeContext ctx) {
                for (int s = from; s < to; s++) {
                    for (int p = 0; p < slates.k(); p++) {
                        slates.set(s, p, p, 1f, 1f, org.recloop.core.serve.SlateSource.RECOMMENDER);
                    }
                }
            }
        }).keepTheContract(), "k distinct");
        // serves empty slates
        fails(recommenderContract(new FirstUnconsumedRecommender() {
            @Override
            public void recommend(org.recloop.core.serve.SlateBatch slates, int from, int to,
                    org.recloop.core.serve.ServeContext ctx) {
                super.recommend(slates, from, to, ctx);
                for (int s = from; s < to; s++) {
                    slates.clear(s);
                }
            }
        }).keepTheContract(), "k distinct");
        // starts each call's slates at an offset that depends on where the call begins
        fails(recommenderContract(new FirstUnconsumedRecommender() {
            @Override
            public void recommend(org.recloop.core.serve.SlateBatch slates, int from, int to,
                    org.recloop.core.serve.ServeContext ctx) {
                for (int s = from; s < to; s++) {
                    int r = 0;
                    for (int i = from; i < ctx.numItems() && r < slates.k(); i++) {
                        if (!ctx.consumed().contains(slates.user(s), i)) {
                            slates.set(s, r++, i, 1f, 1f, org.recloop.core.serve.SlateSource.RECOMMENDER);
                        }
                    }
                }
            }
        }).keepTheContract(), "k distinct");
    }

    private static RecommenderContract recommenderContract(org.recloop.core.serve.Recommender r) {
        return new RecommenderContract() {
            @Override
            protected Map<String, java.util.function.Function<org.recloop.core.world.World,
                    org.recloop.core.serve.Recommender>> recommenders() {
                return Map.of("bad", w -> r);
            }
        };
    }
}
