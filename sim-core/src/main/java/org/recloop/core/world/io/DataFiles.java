package org.recloop.core.world.io;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The one way the loaders open a data file: UTF-8, with a leading byte-order mark skipped
 * (spreadsheet programs write one; left in place it glues itself to the first field, so a
 * headerless file's first row looked like a header and was lost), and errors as {@link
 * DataFileException} naming the file. A file that is not UTF-8 text (UTF-16, binary) is refused
 * before reading, saying what it looks like ({@link TextFiles}).
 */
final class DataFiles {

    private static final int BOM = '\uFEFF';

    private DataFiles() {}

    static BufferedReader open(Path file) {
        String name = file.toString();
        TextFiles.problem(file).ifPresent(why -> {
            throw new DataFileException(name, 0, why);
        });
        BufferedReader in = null;
        try {
            in = Files.newBufferedReader(file, StandardCharsets.UTF_8);
            in.mark(1);
            if (in.read() != BOM) {
                in.reset();
            }
            return in;
        } catch (IOException e) {
            closeQuietly(in);
            throw new DataFileException(name, 0, TextFiles.reason(e));
        }
    }

    private static void closeQuietly(BufferedReader in) {
        if (in != null) {
            try {
                in.close();
            } catch (IOException e) {
                // already failing with the first error
            }
        }
    }
}
