package org.recloop.scenarios.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import org.recloop.core.log.H2Url;

/**
 * Checks folder and file arguments that will reach an H2 address before a command does anything
 * with them, so a refused path (see {@link H2Url}) gives one clear line and exit code 2, and
 * nothing is created.
 */
final class PathArguments {

    private PathArguments() {}

    /**
     * Prints why {@code path} cannot be used and returns true, or returns false if it can.
     *
     * @param command the command's name, e.g. "run"
     * @param argument the argument as the user wrote it, e.g. "--out" or "RUN"
     */
    static boolean refused(PrintWriter err, String command, String argument, Path path) {
        try {
            H2Url.checkUsable(path);
            return false;
        } catch (H2Url.UnsafePathException e) {
            err.println("recloop " + command + ": " + argument + " " + e.getMessage());
            return true;
        }
    }
}
