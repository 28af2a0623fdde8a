package org.recloop.scenarios.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.recloop.core.world.io.TextFiles;

/**
 * Reads a scenario file given on the command line as UTF-8 text, or says in one line why it
 * cannot: no such file, a folder, permission denied, or what the file looks like instead (UTF-16,
 * binary; see {@link TextFiles}), so a wrong file never ends in a decoder's stack trace.
 */
final class ScenarioText {

    private ScenarioText() {}

    /** The file's text. */
    static String read(Path file) throws Unreadable {
        String why = TextFiles.problem(file).orElse(null);
        if (why != null) {
            throw new Unreadable(file + ": " + why);
        }
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new Unreadable(file + ": " + TextFiles.reason(e));
        }
    }

    /** The file cannot be read as text; the message names the file and the reason. */
    static final class Unreadable extends Exception {
        private static final long serialVersionUID = 1L;

        Unreadable(String message) {
            super(message);
        }
    }
}
