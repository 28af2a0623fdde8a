package org.recloop.scenarios.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.function.IntSupplier;
import org.recloop.scenarios.output.OutputLock;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The claim on a command's {@code --out FILE} ({@link OutputLock#acquireFile}), held for the
 * whole command so that a second command writing the same file fails at once (exit 5) instead of
 * after minutes of work, and the two never interleave.
 */
final class OutFile {

    private OutFile() {}

    /** Runs {@code body} while holding {@code out}'s lock; its exit code, or 5 if the file is busy. */
    static int locked(CommandSpec spec, String command, Path out, IntSupplier body) {
        PrintWriter err = spec.commandLine().getErr();
        try (OutputLock lock = OutputLock.acquireFile(out, Invocation.of(spec))) {
            return body.getAsInt();
        } catch (OutputLock.BusyException e) {
            err.println("recloop " + command + ": " + e.getMessage());
            return OutputLock.EXIT_BUSY;
        } catch (IOException e) {
            err.println("recloop " + command + ": cannot write " + out + ": "
                    + (e.getMessage() == null ? "input/output error" : e.getMessage()));
            return 1;
        }
    }
}
