package org.recloop.analysis.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class RelativeToReferenceTest {

    private static RunData run(String arm, long seed, double... m) {
        int[] ticks = new int[m.length];
        double[][] values = new double[m.length][];
        for (int t = 0; t < m.length; t++) {
            ticks[t] = t;
            values[t] = new double[] {m[t]};
        }
        return new RunData(Path.of(arm + seed), arm + "-" + seed, "s", seed, "x", arm, "", List.of("m"), ticks, values);
    }

    @Test
    void dividesByTheReferenceRunOfTheSameSeedAndTick() {
        List<RunData> runs = List.of(run("ideal", 1, 2, 4), run("ideal", 2, 0, 5), run("als", 1, 3, 2),
                run("als", 2, 1, 10), run("als", 3, 1, 1));
        List<RunData> out = RelativeToReference.add(runs, "ideal");
        assertThat(out.get(0)).isSameAs(runs.get(0));
        RunData a1 = out.get(2);
        assertThat(a1.metrics()).containsExactly("m", "m_relative");
        assertThat(a1.value("m_relative", 0)).isEqualTo(1.5);
        assertThat(a1.value("m_relative", 1)).isEqualTo(0.5);
        assertThat(a1.value("m", 1)).isEqualTo(2.0);
        // a zero reference value has no ratio; a seed without a reference run neither
        assertThat(out.get(3).value("m_relative", 0)).isNaN();
        assertThat(out.get(3).value("m_relative", 1)).isEqualTo(2.0);
        assertThat(out.get(4).value("m_relative", 0)).isNaN();
        assertThatThrownBy(() -> RelativeToReference.add(runs, "random")).hasMessageContaining("'random'")
                .hasMessageContaining("[ideal, als]");
    }
}
