package org.recloop.scenarios.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import org.recloop.scenarios.output.Folders;
import org.recloop.scenarios.runner.ScenarioRunner;
import org.recloop.scenarios.runner.StopSignal;
import org.recloop.scenarios.schema.ScenarioLoader;

/**
 * The Chaney et al. content-filtering study at benchmark scale: {@code
 * scenarios/chaney-replication.yaml} (hierarchical Dirichlet world, rank-discounted users, random
 * startup for ticks 0..9, then {@code content-nnls} with {@code target: counts} refitted every
 * step) resized, with slates of 10 and every slate logged. Wall time of whole runs in this
 * process (world building, database and metrics included, JVM start not), median of repeats.
 * The small size also runs with one row per exposure, interleaved, as the baseline of the slate
 * storage; the large one only with slate rows (its baseline would take as long again).
 */
public final class ChaneyBenchmark {

    /** The two sizes of the study. */
    public enum Size {
        SMALL(10_000, 5_000, 20), LARGE(100_000, 10_000, 50);

        final int users;
        final int items;
        final int ticks;

        Size(int users, int items, int ticks) {
            this.users = users;
            this.items = items;
            this.ticks = ticks;
        }

        /** {@code small} or {@code large}. */
        public static Size of(String name) {
            for (Size s : values()) {
                if (s.name().toLowerCase(Locale.ROOT).equals(name)) {
                    return s;
                }
            }
            throw new IllegalArgumentException("unknown size '" + name + "'; available: small, large");
        }

        /** "10,000 users x 5,000 items x 20 steps". */
        public String describe() {
            return String.format(Locale.ROOT, "%,d users x %,d items x %d steps", users, items, ticks);
        }
    }

    /** The scenario file the study is made from (relative to the repository root). */
    public static final Path SOURCE = Path.of("scenarios/chaney-replication.yaml");

    private final Size size;
    private final boolean sampled;
    private final int threads;
    private final int repeats;
    private final String store;

    public ChaneyBenchmark(Size size, boolean sampled, int threads, int repeats) {
        this(size, sampled, threads, repeats, "h2");
    }

    /** As above, with events and slates going to {@code store} ({@code log.store}: h2 or parquet). */
    public ChaneyBenchmark(Size size, boolean sampled, int threads, int repeats, String store) {
        this.size = size;
        this.sampled = sampled;
        this.threads = threads;
        this.repeats = repeats;
        this.store = store;
    }

    /**
     * The study at {@code size} as scenario text: the source file with its users, items and ticks
     * replaced, slates of 10, exposures stored as {@code storage} ({@code slates} or {@code rows}),
     * every slate logged unless {@code sampled} (then 10% of sessions).
     */
    public static String scenario(String source, Size size, String storage, boolean sampled) throws IOException {
        return scenario(source, size, storage, sampled, "h2");
    }

    /** As above, with events and slates going to {@code store} ({@code log.store}). */
    public static String scenario(String source, Size size, String storage, boolean sampled, String store)
            throws IOException {
        ObjectMapper yaml = ScenarioLoader.newMapper();
        ObjectNode root = (ObjectNode) yaml.readTree(source);
        root.put("ticks", size.ticks).put("slateSize", 10);
        ((ObjectNode) root.path("world").path("catalog")).put("items", size.items);
        ((ObjectNode) root.path("world").path("population")).put("users", size.users);
        ObjectNode log = root.putObject("log").put("exposureStorage", storage).put("store", store);
        if (sampled) {
            log.put("exposureSampling", 0.1);
        }
        return yaml.writeValueAsString(root);
    }

    /** Deletes a timed run's folder; one that cannot be deleted is reported, not thrown over the run's result. */
    private static void deleteScratch(Path dir, Consumer<String> progress) {
        try {
            Folders.deleteTree(dir);
        } catch (IOException | RuntimeException e) {
            progress.accept("warning: could not delete the scratch folder " + dir + ": " + e);
        }
    }

    /**
     * Runs the repeats; the figures of the repeats done when a stop request ends them early, or
     * none if not one was.
     */
    public List<Figure> run(Consumer<String> progress) throws IOException {
        String source = Files.readString(SOURCE);
        String[] storages = size == Size.SMALL ? new String[] {"slates", "rows"} : new String[] {"slates"};
        double[][] secs = new double[storages.length][repeats];
        double first = Double.NaN;
        int done = 0;
        for (int r = 0; r < repeats && !StopSignal.stopRequested(); r++) {
            for (int k = 0; k < storages.length; k++) {
                var rs = new ScenarioLoader().parse(scenario(source, size, storages[k], sampled, store), SOURCE.toString());
                Path dir = Files.createTempDirectory("recloop-bench-chaney-");
                try {
                    long t0 = System.nanoTime();
                    new ScenarioRunner().run(rs, new ScenarioRunner.Options(null, threads, dir), List.of());
                    secs[k][r] = (System.nanoTime() - t0) / 1e9;
                } finally {
                    deleteScratch(dir, progress); // about 270 MB a medium run; only the time is kept
                }
                if (r == 0 && k == 0) {
                    first = secs[k][r];
                }
                progress.accept(String.format(Locale.ROOT, "chaney %s run %d, exposures stored as %s in %s: %.2f s",
                        size.name().toLowerCase(Locale.ROOT), r + 1, storages[k], store, secs[k][r]));
            }
            done++;
        }
        List<Figure> figs = new ArrayList<>();
        if (done == 0) {
            return figs;
        }
        String logged = sampled ? "10% of slates logged" : "every slate logged";
        double slates = MfBenchmark.median(java.util.Arrays.copyOf(secs[0], done));
        figs.add(new Figure("chaney", size.describe() + ", content-nnls, slate 10, " + logged
                + ", log.store " + store + ", one row per slate: wall time", slates, "s"));
        if (storages.length > 1) {
            double rows = MfBenchmark.median(java.util.Arrays.copyOf(secs[1], done));
            figs.add(new Figure("chaney", "same, one row per exposure (baseline): wall time", rows, "s"));
            figs.add(new Figure("chaney", "one row per slate / one row per exposure", slates / rows, "ratio"));
        }
        figs.add(new Figure("chaney", "first run of the process (cold JIT), one row per slate: wall time", first, "s"));
        return figs;
    }
}
