package org.recloop.scenarios.output;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes a result file so that a reader never sees it half-written: the content goes to a hidden
 * temporary file in the same folder ({@code .<name>.<pid>.tmp}), which is then renamed over the
 * target in one atomic step. Same folder, because a rename is atomic only within one file system.
 * A command stopped or killed while writing leaves the previous file (or none) in place, plus at
 * worst the temporary file. Concurrent writers are kept apart by {@link OutputLock#acquireFile},
 * not by this class.
 */
public final class AtomicFile {

    /** Writes the whole content to the given (temporary) path. */
    @FunctionalInterface
    public interface Content {
        void writeTo(Path path) throws IOException;
    }

    private AtomicFile() {}

    /** Writes {@code file} through {@code content} via a temporary sibling and an atomic rename. */
    public static void write(Path file, Content content) throws IOException {
        Path target = file.toAbsolutePath();
        Path tmp = target.resolveSibling("." + target.getFileName() + "." + ProcessHandle.current().pid() + ".tmp");
        try {
            content.writeTo(tmp);
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
    }
}
