package org.recloop.analysis.online;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.BitSet;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.recloop.core.capability.DetectionBoard;
import org.recloop.core.capability.DetectionReport;
import org.recloop.core.capability.RunCapabilities;
import org.recloop.core.react.EventBuffer;
import org.recloop.core.world.World;

class DetectionQualityTest {

    private static BitSet bits(int... ids) {
        BitSet b = new BitSet();
        for (int id : ids) {
            b.set(id);
        }
        return b;
    }

    private static Map<String, Double> observe(DetectionQuality m, int tick, World w) {
        Map<String, Double> out = new HashMap<>();
        m.observe(Views.view(tick, w, Views.slates(1), new EventBuffer(), new long[5], new long[5]), out);
        return out;
    }

    @Test
    void splitsFalsePositivesByAccountAge() {
        World w = Views.world(6, 5); // users 0..5 present at the start
        DetectionBoard board = new DetectionBoard();
        DetectionQuality m = new DetectionQuality(new RunCapabilities().grant(DetectionBoard.class, board));
        assertThat(m.names()).containsExactly("detection_precision", "detection_recall", "flagged",
                "detection_fpr_old", "detection_fpr_new");
        Map<String, Double> before = observe(m, 0, w);
        assertThat(before.get("detection_fpr_old")).isNaN();
        assertThat(before.get("detection_fpr_new")).isNaN();

        // at tick 3, four newcomers (6..9) and two fake accounts (10, 11) join
        w.addUsers(6);
        w.groundTruth().markFake(10, 12);
        // judged: old 0..4 (5 has no data), newcomers 6..8 (9 has no data), fakes 10, 11
        // flagged: old 1, newcomers 6 and 7, fake 10
        board.publish(new DetectionReport(5, bits(1, 6, 7, 10), bits(0, 1, 2, 3, 4, 6, 7, 8, 10, 11)));
        Map<String, Double> out = observe(m, 5, w);
        assertThat(out.get("detection_precision")).as("1 fake of 4 flagged").isCloseTo(0.25, within(1e-12));
        assertThat(out.get("detection_recall")).as("1 of the 2 judged fakes").isCloseTo(0.5, within(1e-12));
        assertThat(out.get("flagged")).isEqualTo(4.0);
        assertThat(out.get("detection_fpr_old")).as("1 of the 5 judged old accounts").isCloseTo(0.2, within(1e-12));
        assertThat(out.get("detection_fpr_new")).as("2 of the 3 judged newcomers, fakes left out")
                .isCloseTo(2.0 / 3, within(1e-12));
    }

    @Test
    void newcomerRateIsNaNWithoutNewcomers() {
        World w = Views.world(4, 5);
        DetectionBoard board = new DetectionBoard();
        DetectionQuality m = new DetectionQuality(new RunCapabilities().grant(DetectionBoard.class, board));
        observe(m, 0, w);
        w.addUsers(2);
        w.groundTruth().markFake(4, 6); // every account that joined is fake
        board.publish(new DetectionReport(5, bits(4, 5), bits(0, 1, 2, 3, 4, 5)));
        Map<String, Double> out = observe(m, 5, w);
        assertThat(out.get("detection_fpr_old")).isZero();
        assertThat(out.get("detection_fpr_new")).isNaN();
        assertThat(out.get("detection_precision")).isEqualTo(1.0);
    }
}
