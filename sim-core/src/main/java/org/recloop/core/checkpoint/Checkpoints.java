package org.recloop.core.checkpoint;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * The checkpoints of a run folder: {@code checkpoints/tick-000120/manifest.properties}, one
 * folder per tick, each written whole or not at all (into a temporary folder that is then
 * renamed), so a run killed while writing one leaves no half checkpoint.
 */
public final class Checkpoints {

    /** The folder of a run's checkpoints, inside the run folder. */
    public static final String FOLDER = "checkpoints";
    static final String MANIFEST = "manifest.properties";

    private Checkpoints() {}

    /** The folder of the checkpoint at {@code tick}. */
    public static Path dir(Path runDir, int tick) {
        return runDir.resolve(FOLDER).resolve(String.format(Locale.ROOT, "tick-%06d", tick));
    }

    /** Writes (or replaces) the checkpoint {@code m} describes. */
    public static void write(Path runDir, CheckpointManifest m) {
        Path target = dir(runDir, m.tick());
        Path tmp = target.resolveSibling("." + target.getFileName() + ".tmp");
        try {
            Files.createDirectories(tmp);
            try (Writer w = Files.newBufferedWriter(tmp.resolve(MANIFEST), StandardCharsets.UTF_8)) {
                m.toProperties().store(w, "RecLoop checkpoint");
            }
            if (Files.exists(target)) {
                deleteTree(target);
            }
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new CheckpointException("cannot write checkpoint " + target + ": " + e, e);
        }
    }

    /** Every checkpoint of the run, by tick; temporary folders of unfinished writes are skipped. */
    public static List<CheckpointManifest> list(Path runDir) {
        Path root = runDir.resolve(FOLDER);
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        List<CheckpointManifest> out = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(root)) {
            for (Path d : dirs.filter(p -> p.getFileName().toString().startsWith("tick-")).toList()) {
                Path file = d.resolve(MANIFEST);
                Properties p = new Properties();
                try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                    p.load(r);
                } catch (IOException e) {
                    throw new CheckpointException(file + ": cannot read: " + e.getMessage(), e);
                }
                CheckpointManifest m = CheckpointManifest.fromProperties(p, file.toString());
                if (!d.equals(dir(runDir, m.tick()))) {
                    throw new CheckpointException(file + ": field 'tick' is " + m.tick() + ", the folder says otherwise");
                }
                out.add(m);
            }
        } catch (IOException e) {
            throw new CheckpointException("cannot list " + root + ": " + e.getMessage(), e);
        }
        out.sort(Comparator.comparingInt(CheckpointManifest::tick));
        return out;
    }

    /** The file of the checkpoint at {@code tick}, for messages. */
    public static Path manifestFile(Path runDir, int tick) {
        return dir(runDir, tick).resolve(MANIFEST);
    }

    /** Removes the checkpoints after {@code tick} (of ticks a killed run never committed) and unfinished writes. */
    public static void deleteAfter(Path runDir, int tick) {
        Path root = runDir.resolve(FOLDER);
        if (!Files.isDirectory(root)) {
            return;
        }
        try (Stream<Path> dirs = Files.list(root)) {
            for (Path d : dirs.toList()) {
                String name = d.getFileName().toString();
                boolean later = name.startsWith("tick-") && Integer.parseInt(name.substring(5)) > tick;
                if (later || name.endsWith(".tmp")) {
                    deleteTree(d);
                }
            }
        } catch (IOException | NumberFormatException e) {
            throw new CheckpointException("cannot clean " + root + ": " + e.getMessage(), e);
        }
    }

    private static void deleteTree(Path d) throws IOException {
        try (Stream<Path> all = Files.walk(d)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
