package org.recloop.core.log;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Set;

/**
 * The one place that builds H2 database addresses (JDBC URLs) from file paths.
 *
 * <p>Why: H2 reads everything after the first {@code ;} of an address as connection settings,
 * and some settings run code ({@code INIT=} runs SQL, which can write files with
 * {@code FILE_WRITE} or load Java with {@code CREATE ALIAS}). A path pasted into an address could
 * therefore turn a folder name chosen by someone else (a scenario file's cache path, {@code --out},
 * a run folder given to {@code recloop metrics}) into code. Every address is built here from the
 * canonical (absolute, normalised, symbolic links resolved where the file exists) path, and a
 * path holding a character H2 reads as syntax is refused with an {@link UnsafePathException} that
 * names the character and the reason. Settings can only be chosen from {@link Setting}.
 */
public final class H2Url {

    private static final String PREFIX = "jdbc:h2:file:";
    private static final String FILE_SUFFIX = ".mv.db";

    /** Connection settings RecLoop uses; nothing else can be appended to an address. */
    public enum Setting {
        /** Keep the database open until RecLoop closes it, not until the JVM's shutdown hook. */
        KEEP_OPEN_AT_EXIT("DB_CLOSE_ON_EXIT=FALSE"),
        /** Fail instead of creating an empty database when the file does not exist. */
        EXISTING_ONLY("IFEXISTS=TRUE"),
        /**
         * Append every chunk at the end of the file instead of reusing freed space (the log
         * writer's connection). Why: the writer makes H2 write its store at every tick
         * ({@code StoreFlush}), and after a kill H2 finds the newest chunk from the end of an
         * append-only file, while with reused space it follows a chain of predicted chunk
         * positions that a kill can break, falling back to an old chunk (a SIGKILLed run once
         * reopened without its runs table). H2 compacts the file when the run closes.
         */
        APPEND_ONLY("REUSE_SPACE=FALSE"),
        /**
         * Write the store in the committing thread at every commit, with no background writer
         * (the log writer's connection, which commits once a tick). Why: with H2's default delay
         * a store can be handed to its background thread and {@code CHECKPOINT} return before the
         * bytes reach the file, so a SIGKILL right after lost commits (once even the run's
         * opening rows).
         */
        WRITE_ON_COMMIT("WRITE_DELAY=0"),
        /** Open the data read-only (analysis of a finished run). */
        READ_ONLY("ACCESS_MODE_DATA=r");

        private final String text;

        Setting(String text) {
            this.text = text;
        }
    }

    private H2Url() {}

    /** Address of the event-log database of a run folder ({@code <runDir>/recloop.mv.db}). */
    public static String ofRun(Path runDir, Setting... settings) {
        return of(runDir.resolve(H2EventLog.DB_NAME), settings);
    }

    /**
     * Address of the H2 database at {@code base} (a path with or without H2's {@code .mv.db}
     * suffix).
     *
     * @throws UnsafePathException if the canonical path holds a character H2 reads as syntax
     */
    public static String of(Path base, Setting... settings) {
        String file = databaseBase(base);
        StringBuilder url = new StringBuilder(PREFIX).append(file);
        Set<Setting> seen = EnumSet.noneOf(Setting.class);
        for (Setting s : settings) {
            if (seen.add(s)) {
                url.append(';').append(s.text);
            }
        }
        return url.toString();
    }

    /**
     * The canonical database path without the {@code .mv.db} suffix, checked as {@link #of} does.
     */
    public static String databaseBase(Path base) {
        String file = canonical(base).toString();
        if (file.endsWith(FILE_SUFFIX)) {
            file = file.substring(0, file.length() - FILE_SUFFIX.length());
        }
        checkSafe(file);
        return file;
    }

    /**
     * Refuses a folder or file that could not be given to H2 later, before anything is written
     * into it (for example {@code --out} before the run folder is made).
     *
     * @throws UnsafePathException naming the character and why it is refused
     */
    public static void checkUsable(Path path) {
        checkSafe(canonical(path).toString());
    }

    /**
     * Why a path as written (in a scenario file, say) could not be used for an H2 database, or
     * empty if it could; for validating a field before it is resolved against a folder.
     */
    public static java.util.Optional<String> problem(String pathText) {
        try {
            checkSafe(pathText);
            return java.util.Optional.empty();
        } catch (UnsafePathException e) {
            return java.util.Optional.of(e.getMessage());
        }
    }

    private static Path canonical(Path p) {
        Path abs = p.toAbsolutePath().normalize();
        // resolve symbolic links of the part that exists, so the check sees the real location
        Path existing = abs;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            return abs;
        }
        try {
            return existing.toRealPath().resolve(existing.relativize(abs)).normalize();
        } catch (IOException e) {
            return abs;
        }
    }

    private static void checkSafe(String path) {
        for (int i = 0; i < path.length(); i++) {
            char ch = path.charAt(i);
            String why = null;
            if (ch == ';') {
                why = "H2 reads everything after ';' in a database address as connection settings, and"
                        + " settings such as INIT= run SQL";
            } else if (Character.isISOControl(ch)) {
                why = "control characters are not allowed in database file names";
            }
            if (why != null) {
                throw new UnsafePathException(path, ch, i, why);
            }
        }
    }

    /** A path that cannot be used for an H2 database, with the offending character and the reason. */
    public static final class UnsafePathException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        UnsafePathException(String path, char ch, int index, String why) {
            super("path '" + printable(path) + "' contains " + describe(ch) + " at character " + (index + 1)
                    + ": " + why + "; RecLoop refuses such paths. Choose a folder or file name without it.");
        }

        private static String describe(char ch) {
            return ch == ';' ? "';'" : String.format("the control character U+%04X", (int) ch);
        }

        private static String printable(String s) {
            StringBuilder b = new StringBuilder(s.length());
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                b.append(Character.isISOControl(c) ? String.format("\\u%04x", (int) c) : String.valueOf(c));
            }
            return b.toString();
        }
    }
}
