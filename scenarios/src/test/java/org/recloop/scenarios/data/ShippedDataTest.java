package org.recloop.scenarios.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.recloop.core.rng.RandomStreams;
import org.recloop.core.world.LoadPolicy;
import org.recloop.core.world.LoadReport;
import org.recloop.core.world.io.GoodbooksCatalog;

/** The data files that ship with RecLoop load as they are: runs of shipped scenarios print no data line. */
class ShippedDataTest {

    @Test
    void goodbooksLoadsUnderTheStrictPolicyWithEveryRowKept() {
        Path dir = Path.of("data/goodbooks");
        List<LoadReport> reports = new ArrayList<>();
        new GoodbooksCatalog(dir.resolve("books.csv"), dir.resolve("book-features.csv"))
                .build(new RandomStreams(1), LoadPolicy.STRICT, reports::add);
        assertThat(reports).hasSize(2).allSatisfy(r -> {
            assertThat(r.clean()).as(r.summary()).isTrue();
            assertThat(r.rowsKept()).isEqualTo(10_000);
        });
    }
}
