package org.recloop.core.log;

import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * Turns a failure to write a run's files (the H2 database, metrics.csv) into one line a person can
 * act on. A full disk is the common cause of a writer failure on long runs, and H2 buries it
 * several causes deep (an {@code IllegalStateException} "Writing to ... failed" wrapping the
 * {@code IOException} "No space left on device", itself wrapped in a {@code SQLException}), so the
 * whole cause chain is searched.
 */
public final class StorageFailure {

    /** H2 error codes of file input/output failures (IO_EXCEPTION_1, IO_EXCEPTION_2, FILE_CORRUPTED_1). */
    private static final int[] H2_FILE_ERRORS = {90028, 90031, 90030};

    private StorageFailure() {}

    /** True if the failure, or any of its causes, is the operating system saying the disk or quota is full. */
    public static boolean isDiskFull(Throwable e) {
        for (Throwable t : chain(e)) {
            String m = t.getMessage();
            if (m != null && (m.contains("No space left on device") || m.contains("ENOSPC")
                    || m.contains("Disk quota exceeded") || m.contains("There is not enough space on the disk"))) {
                return true;
            }
        }
        return false;
    }

    /**
     * One line naming what went wrong with {@code path}: {@code "disk full: <path>"} for a full disk,
     * {@code "permission denied: <path>"}, {@code "cannot write <path>: <reason>"} for other file
     * failures, else the failure's own message.
     */
    public static String describe(Throwable e, Path path) {
        if (isDiskFull(e)) {
            return "disk full: " + path + " (No space left on device)";
        }
        for (Throwable t : chain(e)) {
            if (t instanceof AccessDeniedException) {
                return "permission denied: " + ((FileSystemException) t).getFile();
            }
            if (t instanceof java.nio.file.FileAlreadyExistsException fae) {
                return "cannot write " + fae.getFile() + ": something else is in the way (it already exists)";
            }
            if (t instanceof FileSystemException fse) {
                return "cannot write " + fse.getFile() + ": "
                        + (fse.getReason() != null ? fse.getReason() : fse.getClass().getSimpleName());
            }
        }
        for (Throwable t : chain(e)) {
            if (t instanceof SQLException sql) {
                for (int code : H2_FILE_ERRORS) {
                    if (sql.getErrorCode() == code) {
                        return "cannot write " + path + ": " + firstLine(rootCause(e).getMessage());
                    }
                }
            }
        }
        return e.getMessage() == null ? e.toString() : firstLine(e.getMessage());
    }

    private static Throwable rootCause(Throwable e) {
        List<Throwable> causes = new ArrayList<>();
        for (Throwable t = e; t != null && !causes.contains(t); t = t.getCause()) {
            causes.add(t);
        }
        return causes.get(causes.size() - 1);
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    /** The failure, its causes and their suppressed exceptions, each once, in order. */
    private static List<Throwable> chain(Throwable e) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        List<Throwable> out = new ArrayList<>();
        ArrayDeque<Throwable> todo = new ArrayDeque<>();
        todo.add(e);
        while (!todo.isEmpty()) {
            Throwable t = todo.poll();
            if (!seen.add(t)) {
                continue;
            }
            out.add(t);
            if (t.getCause() != null) {
                todo.add(t.getCause());
            }
            todo.addAll(java.util.Arrays.asList(t.getSuppressed()));
        }
        return out;
    }
}
