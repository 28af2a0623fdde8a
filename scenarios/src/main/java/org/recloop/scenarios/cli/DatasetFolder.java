package org.recloop.scenarios.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.Stream;
import org.recloop.scenarios.output.Folders;
import org.recloop.scenarios.output.OutputLock;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The {@code --out DIR} of a dataset export, written so that nothing half-written is ever left
 * under that name: the files go into a hidden sibling ({@code .<name>.<pid>.tmp}), which is
 * renamed to DIR only when complete. An existing, non-empty DIR is refused unless {@code --force},
 * and then replaced only after the new dataset is complete. The folder is claimed with
 * {@link OutputLock#acquireFile} (a hidden {@code .<name>.lock} beside it) for the whole command.
 */
final class DatasetFolder {

    /** Fills the (empty, temporary) folder; returns an exit code, 0 to publish it. */
    @FunctionalInterface
    interface Body {
        int fill(Path tmp);
    }

    private DatasetFolder() {}

    /** What is wrong with {@code out} as a new dataset folder, or null. */
    static String problem(Path out, boolean force) {
        if (Files.exists(out) && !Files.isDirectory(out)) {
            return "--out " + out + " exists and is not a folder";
        }
        if (Files.isDirectory(out) && !force && !isEmpty(out)) {
            return "--out " + out + " exists and is not empty; use --force to replace it";
        }
        return null;
    }

    private static boolean isEmpty(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.findAny().isEmpty();
        } catch (IOException e) {
            return false;
        }
    }

    /** Runs {@code body} on a temporary folder and publishes it as {@code out}; the exit code. */
    static int write(CommandSpec spec, String command, Path out, Body body) {
        PrintWriter err = spec.commandLine().getErr();
        Path target = out.toAbsolutePath().normalize();
        Path tmp = target.resolveSibling("." + target.getFileName() + "." + ProcessHandle.current().pid() + ".tmp");
        try {
            Files.createDirectories(target.getParent());
        } catch (IOException e) {
            err.println("recloop " + command + ": cannot create " + target.getParent() + ": " + e.getMessage());
            return 1;
        }
        try (OutputLock lock = OutputLock.acquireFile(target, Invocation.of(spec))) {
            Folders.deleteTree(tmp);
            Files.createDirectory(tmp);
            int code;
            try {
                code = body.fill(tmp);
            } catch (RuntimeException e) {
                Folders.deleteTree(tmp);
                throw e;
            }
            if (code != 0) {
                Folders.deleteTree(tmp);
                return code;
            }
            publish(tmp, target);
            return 0;
        } catch (OutputLock.BusyException e) {
            err.println("recloop " + command + ": " + e.getMessage());
            return OutputLock.EXIT_BUSY;
        } catch (IOException | UncheckedIOException e) {
            err.println("recloop " + command + ": cannot write " + out + ": " + e.getMessage());
            try {
                Folders.deleteTree(tmp);
            } catch (IOException ignored) {
                // the message above says what failed; a leftover hidden folder is harmless
            }
            return 1;
        }
    }

    /** Moves the complete dataset into place, replacing an old one (--force) only now. */
    private static void publish(Path tmp, Path target) throws IOException {
        Path old = null;
        if (Files.exists(target)) {
            old = target.resolveSibling("." + target.getFileName() + "." + ProcessHandle.current().pid() + ".old");
            Folders.deleteTree(old);
            Files.move(target, old, StandardCopyOption.ATOMIC_MOVE);
        }
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
        if (old != null) {
            Folders.deleteTree(old);
        }
    }
}
