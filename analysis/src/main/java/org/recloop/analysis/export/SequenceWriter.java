package org.recloop.analysis.export;

import java.util.Arrays;
import org.recloop.core.log.LogReader;

/**
 * The sequential format: one line per user, {@code user item item ...} in time order, and one such
 * file per split part. The whole log is never held: users are grouped into blocks of at most
 * {@link DatasetExporter#SEQUENCE_BLOCK} interactions (a user with more forms a block alone), and
 * each block costs one pass over the log that keeps only that block's items.
 */
final class SequenceWriter {

    private final DatasetExporter exporter;
    private final int[] counts;

    SequenceWriter(DatasetExporter exporter, int[] counts) {
        this.exporter = exporter;
        this.counts = counts;
    }

    void write(LogReader log, int last, SplitLabels labels) {
        Table t = Tables.sequences();
        TextTableWriter all = exporter.open(t, null);
        TextTableWriter[] parts = new TextTableWriter[3];
        if (labels != null) {
            for (byte p = 0; p < 3; p++) {
                parts[p] = exporter.open(t, SplitLabels.name(p));
            }
        }
        int from = 0;
        while (from < counts.length) {
            long size = 0;
            int to = from;
            while (to < counts.length && (to == from || size + counts[to] <= DatasetExporter.SEQUENCE_BLOCK)) {
                size += counts[to++];
            }
            block(log, last, labels, from, to, (int) size, all, parts);
            from = to;
        }
        exporter.close(all);
        for (TextTableWriter p : parts) {
            exporter.close(p);
        }
    }

    /** One pass: the sequences of users {@code [from, to)}. */
    private void block(LogReader log, int last, SplitLabels labels, int from, int to, int size, TextTableWriter all,
            TextTableWriter[] parts) {
        if (size == 0) {
            return;
        }
        int[] start = new int[to - from + 1];
        for (int u = from; u < to; u++) {
            start[u - from + 1] = start[u - from] + counts[u];
        }
        int[] fill = Arrays.copyOf(start, start.length - 1);
        int[] items = new int[size];
        byte[] part = new byte[size];
        exporter.eachInteraction(log, last, (u, i, e) -> {
            if (u >= from && u < to) {
                int k = fill[u - from]++;
                items[k] = i;
                part[k] = labels == null ? SplitLabels.TRAIN : labels.next(u);
            }
        });
        int[] buf = new int[0];
        for (int u = from; u < to; u++) {
            int a = start[u - from];
            int b = start[u - from + 1];
            if (a == b) {
                continue;
            }
            all.id(u).ids(items, a, b).end();
            for (byte p = 0; p < 3 && labels != null; p++) {
                if (buf.length < b - a) {
                    buf = new int[b - a];
                }
                int n = 0;
                for (int k = a; k < b; k++) {
                    if (part[k] == p) {
                        buf[n++] = items[k];
                    }
                }
                if (n > 0) {
                    parts[p].id(u).ids(buf, 0, n).end();
                }
            }
        }
    }
}
