package org.recloop.scenarios.cli;

import java.io.PrintWriter;
import java.util.List;
import org.recloop.core.world.LoadReport;

/**
 * The CLI's line per data file that lost rows: {@code data      ratings.csv: 100,000 rows, kept
 * 99,812; dropped 12 negative rating; merged 176 duplicate rating}. Files read as they are stay
 * quiet, so shipped scenarios print nothing.
 */
final class DataReportLines {

    private DataReportLines() {}

    static void print(PrintWriter o, List<LoadReport> reports) {
        for (LoadReport r : reports) {
            if (!r.clean()) {
                o.println("data      " + r.summary());
            }
        }
        o.flush();
    }
}
