package org.recloop.scenarios.fit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.recloop.core.serve.Interactions;
import org.recloop.scenarios.data.RatingsWorld;

/**
 * Fits a world back to a log it simulated with known parameters: the recovered parameters are
 * near the truth and the fitted log's distributions near the file's.
 */
class WorldFitTest {

    static final double TRUE_BETA = 12.0;
    static final double TRUE_NO_CLICK = 0.5;
    static final double MEAN_ACTIVITY = 0.1;

    @Test
    void recoversTheChoiceModelOfASimulatedLog(@TempDir Path dir) throws Exception {
        Path base = SyntheticRatings.groups(dir.resolve("base.csv"), 200, 160, 30, 7);
        WorldFit.Settings truthSettings = new WorldFit.Settings(base, null, 8, 4.0, EnumSet.noneOf(FitParameter.class),
                Map.of(), 3, 300, 10, 1);
        EnumMap<FitParameter, Double> truth = ChoiceSimulation.complete(Map.of(FitParameter.BETA, TRUE_BETA,
                FitParameter.NO_CLICK_UTILITY, TRUE_NO_CLICK), MEAN_ACTIVITY);
        ChoiceSimulation sim = new ChoiceSimulation(base, WorldFit.worldParams(truthSettings, truth), 3, 300, 10);
        Interactions log = sim.run(truth);
        Path real = SyntheticRatings.export(log, sim.data(), dir.resolve("simulated.csv"));

        // the world of the truth (same file, dimensions and seed: the same ALS tastes), fitted to its log
        WorldFit.Settings s = new WorldFit.Settings(real, base, 8, 4.0,
                EnumSet.of(FitParameter.BETA, FitParameter.NO_CLICK_UTILITY, FitParameter.ACTIVITY_EXPONENT),
                Map.of(FitParameter.MEAN_ACTIVITY, MEAN_ACTIVITY), 3, 300, 10, 60);
        WorldFit.Result r = new WorldFit(s).run();

        // same world and seed as the truth: its draws are the truth's, so the truth scores 0 and the
        // tolerances only allow for the search stopping near it (KS is a step function of the parameters)
        assertThat(r.values().get(FitParameter.BETA)).isBetween(TRUE_BETA * 0.8, TRUE_BETA * 1.2);
        assertThat(r.values().get(FitParameter.NO_CLICK_UTILITY)).isBetween(TRUE_NO_CLICK - 0.1, TRUE_NO_CLICK + 0.1);
        assertThat(r.distance().activityKs()).isLessThan(0.05);
        assertThat(r.distance().popularityKs()).isLessThan(0.05);
        assertThat(r.distance().simulatedDensity() / r.distance().realDensity()).isBetween(0.95, 1.05);
        assertThat(r.distance().objective()).isLessThan(r.start().objective());
    }

    @Test
    void sameSeedSameFit(@TempDir Path dir) throws Exception {
        Path f = SyntheticRatings.groups(dir.resolve("r.csv"), 60, 80, 15, 5);
        WorldFit.Settings s = new WorldFit.Settings(f, null, 4, 4.0, FitParameter.DEFAULT_FIT, Map.of(), 2, 60, 10, 12);
        WorldFit.Result a = new WorldFit(s).run();
        WorldFit.Result b = new WorldFit(s).run();
        assertThat(a.values()).isEqualTo(b.values());
        assertThat(a.simulated().users()).isEqualTo(b.simulated().users());
        assertThat(a.simulated().items()).isEqualTo(b.simulated().items());
    }

    @Test
    void activityIsTheWorldsFormula() {
        assertThat(RatingsWorld.activity(20, 10, 0.1, 1.0)).isEqualTo(0.2, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(RatingsWorld.activity(20, 10, 0.1, 2.0)).isEqualTo(0.4, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(RatingsWorld.activity(1000, 1, 1.0, 1.0)).isEqualTo(5.0);
    }
}
