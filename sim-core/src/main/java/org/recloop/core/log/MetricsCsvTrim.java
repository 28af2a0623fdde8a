package org.recloop.core.log;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Cuts a run folder's {@code metrics.csv} back to the ticks the database committed. Runs written
 * before the CSV waited for commits could leave it several ticks ahead of the database after a
 * kill, and a report would then show ticks that were never saved. The file's first column is the
 * tick; a last line without its newline was cut off mid-write and is dropped too.
 */
final class MetricsCsvTrim {

    /** The metrics file of a run folder (written by the analysis module's MetricsCsvWriter). */
    static final String FILE = "metrics.csv";

    private MetricsCsvTrim() {}

    /**
     * Rewrites {@code <runDir>/metrics.csv} without the rows of ticks after {@code lastTick}
     * (atomically, through a temporary file); leaves it untouched if nothing is to be removed.
     *
     * @return rows removed; 0 if there is no metrics.csv
     */
    static int trim(Path runDir, int lastTick) throws IOException {
        Path csv = runDir.resolve(FILE);
        if (!Files.isRegularFile(csv)) {
            return 0;
        }
        String text = Files.readString(csv, StandardCharsets.UTF_8);
        List<String> kept = new ArrayList<>();
        int removed = 0;
        int start = 0;
        boolean header = true;
        while (start < text.length()) {
            int nl = text.indexOf('\n', start);
            String line = nl < 0 ? text.substring(start) : text.substring(start, nl);
            start = nl < 0 ? text.length() : nl + 1;
            if (header) {
                kept.add(line);
                header = false;
            } else if (nl < 0 || tickAfter(line, lastTick)) {
                removed++;
            } else {
                kept.add(line);
            }
        }
        if (removed == 0) {
            return 0;
        }
        Path tmp = runDir.resolve(FILE + ".tmp");
        Files.writeString(tmp, String.join("\n", kept) + "\n", StandardCharsets.UTF_8);
        Files.move(tmp, csv, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return removed;
    }

    /** True if the row's tick is after {@code lastTick}; rows whose tick does not parse are kept. */
    private static boolean tickAfter(String line, int lastTick) {
        int comma = line.indexOf(',');
        String first = (comma < 0 ? line : line.substring(0, comma)).strip();
        try {
            return Integer.parseInt(first) > lastTick;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
