package org.recloop.scenarios.output;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;

/** Folder chores shared by the commands that make scratch folders. */
public final class Folders {

    private Folders() {}

    /** Deletes {@code root} and everything under it; nothing happens when it does not exist. */
    public static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path f, BasicFileAttributes a) throws IOException {
                Files.delete(f);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                if (e != null) {
                    throw e;
                }
                Files.delete(d);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    /**
     * Deletes scratch that is not worth failing a command for: a folder that cannot be deleted is
     * reported on {@code err} with the reason, and the command goes on (or ends with its own result
     * or exception).
     */
    public static void deleteQuietly(Path root, java.io.PrintWriter err) {
        try {
            deleteTree(root);
        } catch (IOException | RuntimeException e) {
            err.println("warning: could not delete the scratch folder " + root + ": " + e);
            err.flush();
        }
    }
}
