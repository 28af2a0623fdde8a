package org.recloop.analysis.export;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.recloop.analysis.export.parquet.ParquetTables;
import org.recloop.core.log.LogReader;
import org.recloop.core.log.RunRecord;
import org.recloop.core.log.TickStream;
import org.recloop.core.react.EventType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a run's log as a dataset into an (empty) folder: interactions, users and items, and on
 * request exposures, ground truth and a split, in one {@link ExportFormat}, plus the dataset card.
 *
 * <p>Streaming: rows go from {@link LogReader}'s per-tick reads straight to the files, so memory
 * holds one tick of the log, the world tables and a few numbers per user and item, never the
 * whole log. A split costs one extra counting pass; the sequential format one further pass per
 * block of {@value #SEQUENCE_BLOCK} interactions (users are grouped into blocks so one block's
 * sequences fit in memory).
 *
 * <p>Only what the reader returns is written: committed ticks, forgotten rows left out.
 */
public final class DatasetExporter {

    private static final Logger LOG = LoggerFactory.getLogger(DatasetExporter.class);
    static final int SEQUENCE_BLOCK = 1 << 21;
    private static final String[] SOURCES = {"recommender", "social", "search"};

    private final ExportOptions o;
    private final Path dir;
    private final String dataset;
    private final Map<String, Long> files = new LinkedHashMap<>();
    private final List<Path> textFiles = new ArrayList<>();
    private final List<Table> textTables = new ArrayList<>();

    private DatasetExporter(ExportOptions o, Path dir, String dataset) {
        this.o = o;
        this.dir = dir;
        this.dataset = dataset;
    }

    /** What an export wrote. */
    public record Result(RunRecord run, Map<String, Long> files, long interactions, long exposures,
            Map<String, Object> statistics) {}

    /**
     * Exports the run in {@code runDir} into {@code outDir}, which must exist and be empty.
     *
     * @param dataset the dataset's name (RecBole's file stem), e.g. the folder's name
     * @throws org.recloop.core.log.LogReadException if the database cannot be read
     * @throws UncheckedIOException if a file cannot be written
     */
    public static Result export(Path runDir, Path outDir, String dataset, ExportOptions options) {
        return new DatasetExporter(options, outDir, dataset).run(runDir);
    }

    private Result run(Path runDir) {
        try (LogReader log = LogReader.open(runDir)) {
            RunRecord run = log.record();
            int last = log.lastCommittedTick();
            LogReader.Users users = log.users();
            BitSet fake = log.fakeAccounts();
            writeUsers(users, fake);
            LogReader.Items items = log.items();
            writeItems(items);
            int numUsers = users.size() == 0 ? 0 : users.ids()[users.size() - 1] + 1;
            int numItems = items.size() == 0 ? 0 : items.ids()[items.size() - 1] + 1;
            users = null; // the world's vectors are written; let them go before the log streams
            items = null;
            SplitLabels labels = null;
            if (o.split().isPresent() || o.format() == ExportFormat.SEQUENTIAL) {
                DatasetStats counting = new DatasetStats(numUsers, numItems);
                eachInteraction(log, last, (u, i, e) -> counting.add(u, i));
                numUsers = Math.max(numUsers, counting.userSpan());
                int[] counts = counting.userCounts(numUsers);
                if (o.split().isPresent()) {
                    labels = new SplitLabels(counts, o.split().get(), o.testFraction(), o.seed());
                }
                if (o.format() == ExportFormat.SEQUENTIAL) {
                    new SequenceWriter(this, counts).write(log, last, labels);
                    if (labels != null) {
                        labels.rewind();
                    }
                }
            }
            DatasetStats stats = new DatasetStats(numUsers, numItems);
            long exposures = writeLog(log, last, stats, labels);
            toParquet();
            Map<String, Object> summary = stats.summary(Math.max(numUsers, stats.userSpan()),
                    Math.max(numItems, stats.itemSpan()));
            Result r = new Result(run, files, stats.rows(), exposures, summary);
            DatasetCard.write(dir, r, o, cardTables(), last);
            return r;
        }
    }

    /** One interaction of the chosen event types. */
    @FunctionalInterface
    interface InteractionRow {
        void accept(int user, int item, int eventIndex);
    }

    /** Streams the chosen interactions of every committed tick, in log order (one pass over the events). */
    void eachInteraction(LogReader log, int last, InteractionRow row) {
        try (TickStream<LogReader.Events> events = log.eventsByTick()) {
            for (int t = 0; t <= last; t++) {
                LogReader.Events ev = events.tick(t);
                for (int r = 0; r < ev.size(); r++) {
                    if (counts(ev, r)) {
                        row.accept(ev.users()[r], ev.items()[r], r);
                    }
                }
            }
        }
    }

    private boolean counts(LogReader.Events ev, int r) {
        return ev.items()[r] >= 0 && o.events().contains(EventType.ofCode(ev.types()[r]));
    }

    /** The main pass: interactions (and their parts) and exposures, tick by tick. */
    private long writeLog(LogReader log, int last, DatasetStats stats, SplitLabels labels) {
        boolean sequential = o.format() == ExportFormat.SEQUENTIAL;
        Table inter = Tables.interactions(o.format() != ExportFormat.MOVIELENS);
        TextTableWriter all = sequential ? null : open(inter, null);
        TextTableWriter[] parts = new TextTableWriter[3];
        if (labels != null && !sequential) {
            for (byte p = 0; p < 3; p++) {
                parts[p] = open(inter, SplitLabels.name(p));
            }
        }
        TextTableWriter exp = o.exposures() ? open(Tables.exposures(), null) : null;
        long exposures = 0;
        // one tick-ordered pass per table, in step: a query per tick would scan the table each time
        try (TickStream<LogReader.Events> events = log.eventsByTick();
                TickStream<LogReader.Exposures> shown = exp != null ? log.exposuresByTick() : null) {
            for (int t = 0; t <= last; t++) {
                LogReader.Events ev = events.tick(t);
                long[] clicked = new long[ev.size()];
                int nc = 0;
                for (int r = 0; r < ev.size(); r++) {
                    if (ev.types()[r] == EventType.CLICK.code() && ev.exposureIds()[r] >= 0) {
                        clicked[nc++] = ev.exposureIds()[r];
                    }
                    if (!counts(ev, r)) {
                        continue;
                    }
                    int u = ev.users()[r];
                    stats.add(u, ev.items()[r]);
                    if (all != null) {
                        interaction(all, ev, r, t);
                        if (labels != null) {
                            interaction(parts[labels.next(u)], ev, r, t);
                        }
                    }
                }
                if (exp != null) {
                    long[] c = Arrays.copyOf(clicked, nc);
                    Arrays.sort(c);
                    exposures += writeExposures(exp, shown.tick(t), t, c);
                }
            }
        }
        close(all);
        for (TextTableWriter p : parts) {
            close(p);
        }
        close(exp);
        return exposures;
    }

    private void interaction(TextTableWriter w, LogReader.Events ev, int r, int tick) {
        EventType type = EventType.ofCode(ev.types()[r]);
        w.id(ev.users()[r]).id(ev.items()[r]).real(type == EventType.RATE ? ev.values()[r] : 1f).integer(tick);
        if (o.format() != ExportFormat.MOVIELENS) {
            w.text(type.name().toLowerCase(Locale.ROOT));
        }
        w.end();
    }

    private static long writeExposures(TextTableWriter w, LogReader.Exposures ex, int tick, long[] clicked) {
        for (int r = 0; r < ex.size(); r++) {
            int src = ex.sources()[r];
            w.id(ex.ids()[r]).integer(tick).id(ex.users()[r]).id(ex.items()[r]).integer(ex.positions()[r])
                    .real(ex.scores()[r]).real(ex.propensities()[r])
                    .text(src >= 0 && src < SOURCES.length ? SOURCES[src] : Integer.toString(src))
                    .integer(Arrays.binarySearch(clicked, ex.ids()[r]) >= 0 ? 1 : 0)
                    .real(ex.clickProbabilities()[r]).end();
        }
        return ex.size();
    }

    private void writeUsers(LogReader.Users us, BitSet fake) {
        try (TextTableWriter w = open(Tables.users(o.groundTruth()), null)) {
            for (int r = 0; r < us.size(); r++) {
                w.id(us.ids()[r]);
                if (o.groundTruth()) {
                    w.integer(us.archetypes()[r]).real(us.activities()[r]).floats(us.preferences()[r])
                            .integer(fake.get(us.ids()[r]) ? 1 : 0);
                }
                w.end();
            }
            count(w);
        }
    }

    private void writeItems(LogReader.Items it) {
        try (TextTableWriter w = open(Tables.items(o.groundTruth()), null)) {
            for (int r = 0; r < it.size(); r++) {
                w.id(it.ids()[r]).id(it.topics()[r]).id(it.creators()[r]).integer(it.createdTicks()[r])
                        .floats(it.features()[r]);
                if (o.groundTruth()) {
                    w.real(it.qualities()[r]).real(it.popularities()[r]);
                }
                w.end();
            }
            count(w);
        }
    }

    // ---------------------------------------------------------------- files

    TextTableWriter open(Table t, String part) {
        Path f = dir.resolve(o.format().fileName(t, part, dataset));
        textFiles.add(f);
        textTables.add(t);
        return new TextTableWriter(f, o.format().separator(t), o.format().header(t));
    }

    void close(TextTableWriter w) {
        if (w != null) {
            w.close();
            count(w);
        }
    }

    private void count(TextTableWriter w) {
        files.put(w.file().getFileName().toString(), w.rows());
    }

    /** Parquet: each text table becomes a typed Parquet file; the text stage is removed. */
    private void toParquet() {
        if (o.format() != ExportFormat.PARQUET) {
            return;
        }
        Map<String, Long> renamed = new LinkedHashMap<>();
        for (int k = 0; k < textFiles.size(); k++) {
            Path csv = textFiles.get(k);
            String name = csv.getFileName().toString();
            Path parquet = csv.resolveSibling(name.substring(0, name.length() - ".csv".length()) + ".parquet");
            ParquetTables.convert(csv, parquet, textTables.get(k).columns());
            try {
                Files.delete(csv);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot remove " + csv + ": " + e.getMessage(), e);
            }
            renamed.put(parquet.getFileName().toString(), files.get(name));
        }
        files.clear();
        files.putAll(renamed);
        LOG.debug("wrote {} Parquet files into {}", renamed.size(), dir);
    }

    /** The distinct tables written, for the card's column dictionary. */
    private List<Table> cardTables() {
        List<Table> distinct = new ArrayList<>();
        for (Table t : textTables) {
            if (distinct.stream().noneMatch(d -> d.name().equals(t.name()))) {
                distinct.add(t);
            }
        }
        return distinct;
    }
}
