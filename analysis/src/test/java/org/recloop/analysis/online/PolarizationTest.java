package org.recloop.analysis.online;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.recloop.core.react.EventBuffer;
import org.recloop.core.world.Population;
import org.recloop.core.world.World;

class PolarizationTest {

    private static Map<String, Double> observe(Population pop) {
        World w = World.of(StudyWorlds.features(new float[] {1, 0}, new float[] {0, 1}, new float[] {1, 1}), pop);
        Polarization m = new Polarization();
        assertThat(m.names()).containsExactly("opinion_variance", "bimodality");
        return StudyWorlds.observe(m, Views.view(0, w, Views.slates(1, new int[] {0}), new EventBuffer(), new long[3],
                new long[3]));
    }

    @Test
    void varianceAndSarlesCoefficientOfTheFirstCoordinateOfActiveUsers() {
        // opinions (coordinate 0) of the active users 0, 0, 0, 1, 4; u5 (opinion 100) has churned.
        // mean 1, deviations -1,-1,-1,0,3: m2 = 12/5 = 2.4, m3 = 24/5 = 4.8, m4 = 84/5 = 16.8
        // g1^2 = m3^2/m2^3 = 5/3, G1^2 = g1^2 n(n-1)/(n-2)^2 = 5/3 * 20/9 = 100/27
        // g2 = m4/m2^2 - 3 = 35/12 - 3 = -1/12; G2 = ((n+1) g2 + 6)(n-1)/((n-2)(n-3)) = 5.5*4/6 = 11/3
        // b = (100/27 + 1) / (11/3 + 3*16/6) = (127/27) / (35/3) = 127/315 = 0.403175
        Population pop = StudyWorlds.population(new float[] {0, 9}, new float[] {0, -9}, new float[] {0, 1},
                new float[] {1, 0}, new float[] {4, 2}, new float[] {100, 0});
        pop.setStatus(5, Population.CHURNED);
        Map<String, Double> out = observe(pop);
        assertThat(out.get("opinion_variance")).isCloseTo(2.4, within(1e-12));
        assertThat(out.get("bimodality")).isCloseTo(127.0 / 315, within(1e-12));
    }

    @Test
    void twoCampsOfTwo() {
        // opinions -1,-1,1,1: m2 = 1, m3 = 0, m4 = 1; G1 = 0; g2 = -2, G2 = (5*(-2)+6)*3/(2*1) = -6;
        // b = 1 / (-6 + 3*9/2) = 1/7.5 = 2/15 (the small-sample correction dominates at n = 4)
        Population pop = StudyWorlds.population(new float[] {-1, 0}, new float[] {-1, 0}, new float[] {1, 0},
                new float[] {1, 0});
        Map<String, Double> out = observe(pop);
        assertThat(out.get("opinion_variance")).isCloseTo(1.0, within(1e-12));
        assertThat(out.get("bimodality")).isCloseTo(2.0 / 15, within(1e-12));
    }

    @Test
    void largeSampleLimits() {
        // b = (G1^2+1)(n-2)(n-3) / ((n^2-1) m4/m2^2) for symmetric data:
        // two equal point masses (m4/m2^2 = 1) -> 998*997/999999 ~ 0.995 (limit 1)
        assertThat(Polarization.bimodality(1000, 1, 0, 1)).isCloseTo(998.0 * 997 / 999_999, within(1e-12));
        // uniform (m4/m2^2 = 9/5) -> limit 5/9; normal (3) -> limit 1/3
        assertThat(Polarization.bimodality(1_000_000, 1, 0, 1.8)).isCloseTo(5.0 / 9, within(1e-5));
        assertThat(Polarization.bimodality(1_000_000, 1, 0, 3)).isCloseTo(1.0 / 3, within(1e-5));
    }

    @Test
    void nanWhenUndefined() {
        // three active users: variance (0,1,2 -> 2/3) but no bimodality
        Population three = StudyWorlds.population(new float[] {0, 0}, new float[] {1, 0}, new float[] {2, 0});
        Map<String, Double> out = observe(three);
        assertThat(out.get("opinion_variance")).isCloseTo(2.0 / 3, within(1e-12));
        assertThat(out.get("bimodality")).isNaN();
        // everyone agrees: variance 0, bimodality undefined
        Population same = StudyWorlds.population(new float[] {0.5f, 0}, new float[] {0.5f, 1}, new float[] {0.5f, 2},
                new float[] {0.5f, 3});
        out = observe(same);
        assertThat(out.get("opinion_variance")).isEqualTo(0.0);
        assertThat(out.get("bimodality")).isNaN();
        // everyone churned
        Population gone = StudyWorlds.population(new float[] {0, 0}, new float[] {1, 0});
        gone.setStatus(0, Population.CHURNED);
        gone.setStatus(1, Population.CHURNED);
        out = observe(gone);
        assertThat(out.get("opinion_variance")).isNaN();
        assertThat(out.get("bimodality")).isNaN();
    }
}
