package org.recloop.core.log;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Where a run with {@code log.store: parquet} keeps its events and slates (or exposures): one
 * Hive-style partition per tick, {@code <run>/log/<table>/tick=<t>/part-0.parquet}, with the
 * columns of the H2 table of the same name except {@code tick}, which the folder names (so Spark,
 * DuckDB and pyarrow read it back as a column). A tick's files appear under their final name just
 * before its H2 {@code ticks} row commits; files of a tick past the run's last committed tick are
 * not part of the log, and every reader here leaves them out.
 */
final class ParquetLayout {

    /** The folder of the tables inside a run folder. */
    static final String DIR = "log";
    static final String EVENTS = "events";
    static final String SLATES = "slates";
    static final String EXPOSURES = "exposures";
    /** The one file of a tick's partition. */
    static final String FILE = "part-0.parquet";
    /** The name a tick's file is written under before it is renamed (hidden from Spark and globs). */
    static final String TEMP = ".part-0.parquet.tmp";

    private ParquetLayout() {}

    /** Whether the run in {@code runDir} keeps its events in Parquet files. */
    static boolean present(Path runDir) {
        return Files.isDirectory(runDir.resolve(DIR).resolve(EVENTS));
    }

    /** The table a Parquet run keeps its exposures in: slates (one row per slate) or exposures. */
    static String exposureTable(Path runDir) {
        return Files.isDirectory(runDir.resolve(DIR).resolve(EXPOSURES)) ? EXPOSURES : SLATES;
    }

    static Path tickDir(Path runDir, String table, int tick) {
        return runDir.resolve(DIR).resolve(table).resolve("tick=" + tick);
    }

    /** The file of a tick, which exists once the tick committed (or was about to). */
    static Path file(Path runDir, String table, int tick) {
        return tickDir(runDir, table, tick).resolve(FILE);
    }

    /** The existing files of ticks {@code [from, to]}, in tick order. */
    static List<Path> files(Path runDir, String table, int from, int to) {
        List<Path> out = new ArrayList<>();
        for (int t : ticks(runDir, table)) {
            Path f = file(runDir, table, t);
            if (t >= from && t <= to && Files.isRegularFile(f)) {
                out.add(f);
            }
        }
        return out;
    }

    /** The ticks that have a partition folder, ascending. */
    static int[] ticks(Path runDir, String table) {
        Path dir = runDir.resolve(DIR).resolve(table);
        if (!Files.isDirectory(dir)) {
            return new int[0];
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.matches("tick=-?\\d+"))
                    .mapToInt(n -> Integer.parseInt(n.substring(5))).sorted().toArray();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
    }

    /**
     * Deletes the partitions of ticks after {@code lastTick}: files of a tick whose {@code ticks}
     * row never committed (the process died between the rename and the commit). Readers here
     * already leave them out; this keeps Spark, DuckDB or pandas reading the folder directly from
     * seeing them, and lets a resumed run write those ticks afresh.
     *
     * @return how many files were deleted
     */
    static int dropTicksAfter(Path runDir, int lastTick) throws IOException {
        int dropped = 0;
        for (String table : List.of(EVENTS, SLATES, EXPOSURES)) {
            for (int t : ticks(runDir, table)) {
                if (t > lastTick) {
                    Path dir = tickDir(runDir, table, t);
                    try (Stream<Path> files = Files.list(dir)) {
                        for (Path f : files.toList()) {
                            Files.delete(f);
                            dropped++;
                        }
                    }
                    Files.delete(dir);
                }
            }
        }
        return dropped;
    }

    /** A path as a DuckDB string literal. */
    static String literal(Path p) {
        return "'" + p.toAbsolutePath().toString().replace("'", "''") + "'";
    }

    /** A DuckDB list literal of paths, for {@code read_parquet}. */
    static String literals(List<Path> files) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < files.size(); i++) {
            sb.append(i == 0 ? "" : ", ").append(literal(files.get(i)));
        }
        return sb.append(']').toString();
    }

    /**
     * Copies the partitions of ticks up to {@code atTick} of a parent run into a fork's folder
     * ({@link LogFork}); nothing if the parent keeps its events in H2.
     */
    static void copyTicks(Path parentDir, Path childDir, int atTick) throws IOException {
        if (!present(parentDir)) {
            return;
        }
        for (String table : List.of(EVENTS, exposureTable(parentDir))) {
            Files.createDirectories(childDir.resolve(DIR).resolve(table));
            for (int t : ticks(parentDir, table)) {
                Path f = file(parentDir, table, t);
                if (t <= atTick && Files.isRegularFile(f)) {
                    Files.createDirectories(tickDir(childDir, table, t));
                    Files.copy(f, file(childDir, table, t));
                }
            }
        }
    }
}
