package org.recloop.analysis.online;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.recloop.core.capability.Capabilities;
import org.recloop.core.capability.GroundTruth;
import org.recloop.core.capability.RunCapabilities;
import org.recloop.core.react.ClickProbabilities;
import org.recloop.core.react.EventBuffer;
import org.recloop.core.react.ReactContext;
import org.recloop.core.serve.SlateBatch;
import org.recloop.core.world.World;

class LearnabilityTest {

    /**
     * A user who looks at every position and clicks item i with probability equal to its true
     * score, a value in [0, 0.1]: expected CTR and utility are sums a test can state by hand.
     */
    private static final class ScoreIsProbability implements ClickProbabilities {
        @Override
        public void clickProbabilities(ReactContext ctx, SlateBatch slates, int from, int to, float[] out) {
            for (int s = from; s < to; s++) {
                for (int r = 0; r < slates.length(s); r++) {
                    out[s * slates.k() + r] = ctx.world().population().trueScore(ctx.world().catalog(), slates.user(s),
                            slates.item(s, r));
                }
            }
        }
    }

    /** 20 items of true score 0.000, 0.005, ..., 0.095 for every user (one dimension, preference 1). */
    private static World world(int users) {
        float[][] rows = new float[20][];
        for (int i = 0; i < 20; i++) {
            rows[i] = new float[] {i * 0.005f};
        }
        return StudyWorlds.world(StudyWorlds.features(rows), users);
    }

    private static Capabilities granted(World w) {
        return new RunCapabilities().grant(GroundTruth.class, GroundTruth.of(w)).grant(ClickProbabilities.class,
                new ScoreIsProbability());
    }

    private static Map<String, Double> observe(Learnability m, World w, int tick, int version, int[]... slates) {
        SlateBatch b = Views.slates(2, slates);
        b.setModelVersion(version);
        return StudyWorlds.observe(m, Views.view(tick, w, b, new EventBuffer(), new long[20], new long[20]));
    }

    @Test
    void theIdealSlateClosesTheWholeGapAndTheReferencesAreExpectations() {
        World w = world(2);
        Learnability m = new Learnability(new Learnability.Params(null, 400), granted(w));
        Map<String, Double> out = observe(m, w, 0, 0, new int[] {19, 18}, new int[] {19, 18});
        assertThat(out.get("ctr_gap_share")).isCloseTo(1.0, within(1e-6));
        assertThat(out.get("utility_gap_share")).isCloseTo(1.0, within(1e-6));
        // ideal: clicks 0.095 + 0.090 per slate of 2 exposures
        assertThat(out.get("ctr_ideal_ref")).isCloseTo(0.0925, within(1e-6));
        // random: the mean score over items, 0.0475, within sampling error of 800 random slates
        assertThat(out.get("ctr_random_ref")).isCloseTo(0.0475, within(0.004));
    }

    @Test
    void aSlateOfTheWorstItemsIsBelowRandomAndAMiddlingOneBetween() {
        World w = world(1);
        // 200 random slates a tick: the random reference within about 0.002 of its mean 0.0475
        Learnability m = new Learnability(new Learnability.Params(null, 200), granted(w));
        assertThat(observe(m, w, 0, 0, new int[] {0, 1}).get("ctr_gap_share")).isNegative();
        double mid = observe(m, w, 1, 0, new int[] {14, 13}).get("ctr_gap_share");
        assertThat(mid).isBetween(0.1, 0.9);
    }

    @Test
    void consumedItemsAreOutOfTheIdealSlate() {
        World w = world(1);
        StudyWorlds.consume(w, 0, 19, 18);
        Learnability m = new Learnability(Learnability.Params.defaults(), granted(w));
        // with 19 and 18 consumed before the tick, 17 and 16 are the best a recommender can serve
        Map<String, Double> out = observe(m, w, 0, 0, new int[] {17, 16});
        assertThat(out.get("ctr_gap_share")).isCloseTo(1.0, within(1e-6));
        assertThat(out.get("ctr_ideal_ref")).isCloseTo((0.085 + 0.080) / 2, within(1e-6));
    }

    @Test
    void theRunShareIsPooledOverTheTicksOfAFittedModel() {
        World w = world(1);
        Learnability m = new Learnability(Learnability.Params.defaults(), granted(w));
        // warm-up: the worst slate; then a fitted model serves the ideal one twice
        assertThat(observe(m, w, 0, 0, new int[] {0, 1}).get("ctr_gap_share_run")).isNegative();
        assertThat(observe(m, w, 1, 1, new int[] {19, 18}).get("ctr_gap_share_run")).isCloseTo(1.0, within(1e-6));
        assertThat(observe(m, w, 2, 1, new int[] {19, 18}).get("ctr_gap_share_run")).isCloseTo(1.0, within(1e-6));
    }

    @Test
    void withoutClickProbabilitiesEveryFigureIsMissing() {
        World w = world(1);
        Learnability m = new Learnability(Learnability.Params.defaults(),
                new RunCapabilities().grant(GroundTruth.class, GroundTruth.of(w)));
        Map<String, Double> out = observe(m, w, 0, 0, new int[] {19, 18});
        assertThat(out.keySet()).containsExactlyInAnyOrderElementsOf(m.names());
        assertThat(out.values()).allMatch(v -> v.isNaN());
    }
}
