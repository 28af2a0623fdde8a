package org.recloop.scenarios.output;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An exclusive claim on an output folder, held while a command writes into it, so that two
 * commands never write the same files (two sweeps into one {@code --out} would overwrite each
 * other's {@code summary.csv}).
 *
 * <p>The claim is an OS file lock ({@link FileChannel#tryLock}) on {@code <folder>/.recloop.lock}.
 * The operating system drops it when the process ends, however it ends (exit, crash, SIGKILL), so
 * a stale lock never blocks anyone; the file itself stays behind and its existence means nothing.
 * It is never deleted: deleting it would let a third command lock a new file while a second one
 * still waits on the old one. The file holds the holder's description (command, pid, start time)
 * so that the command that finds the folder busy can say who has it. The locked byte range lies
 * beyond that text, so the text stays readable on systems with mandatory locks.
 *
 * <p>Granularity: lock what is actually shared, nothing more. {@code run} creates a new, uniquely
 * named run folder under {@code --out}, so two runs into the same {@code --out} never touch the
 * same files and must keep working side by side; a run locks only its own run folder (which
 * tells {@code recover} that the run is still alive). A sweep owns its whole {@code --out}
 * ({@code summary.csv} and {@code runs/}), and a report owns its {@code --out} folder.
 *
 * <p>A command whose {@code --out} is a single file ({@code evaluate}, {@code sensitivity},
 * {@code metrics}, {@code bench}) claims that file only, through {@link #acquireFile}: the lock
 * file is a hidden sibling, {@code <folder>/.<name>.lock}. Locking the folder instead would make
 * two commands writing different files in one folder (say {@code results/a.csv} and
 * {@code results/b.csv}) refuse each other for no reason, and would clash with a sweep or report
 * that owns that folder; a sibling per file keeps exactly the shared thing exclusive. The lock
 * file is hidden so that globs such as {@code *.csv} do not pick it up.
 *
 * <p>Threading: one process holds a folder at most once; a second claim from the same process
 * (another thread, or an in-process test) is refused like a claim from another process.
 */
public final class OutputLock implements AutoCloseable {

    /** Name of the lock file inside a locked folder. */
    public static final String FILE_NAME = ".recloop.lock";

    /** Exit code of a command whose output folder is in use by another command. */
    public static final int EXIT_BUSY = 5;

    private static final Logger LOG = LoggerFactory.getLogger(OutputLock.class);
    private static final DateTimeFormatter SINCE = DateTimeFormatter.ofPattern("HH:mm:ss");
    /** Far beyond the description text, so the text is never inside the locked range. */
    private static final long LOCK_POSITION = Long.MAX_VALUE - 1;

    /** The folder is held by another command; the message says by whom and what to do. */
    public static final class BusyException extends Exception {
        private static final long serialVersionUID = 1L;

        private final String holder;

        BusyException(Path folder, String holder) {
            super(folder + " is in use by " + holder + "; wait for it or choose another --out");
            this.holder = holder;
        }

        /** Who holds the folder: {@code `<command>` (pid N, since HH:mm:ss)}. */
        public String holder() {
            return holder;
        }
    }

    private final Path folder;
    private final FileChannel channel;
    private final FileLock lock;

    private OutputLock(Path folder, FileChannel channel, FileLock lock) {
        this.folder = folder;
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Claims {@code folder} (created if needed) for the command described by {@code holder}, e.g.
     * {@code "recloop sweep s.yaml --out runs"}.
     *
     * @throws BusyException if another command holds it; its message reads {@code "<folder> is in
     *     use by `<holder>` (pid N, since HH:mm:ss); wait for it or choose another --out"}
     * @throws IOException if the folder or the lock file cannot be created
     */
    public static OutputLock acquire(Path folder, String holder) throws BusyException, IOException {
        Files.createDirectories(folder);
        return claim(folder, folder.resolve(FILE_NAME), holder);
    }

    /**
     * Claims the single output file {@code file} for {@code holder} through the hidden sibling
     * {@link #lockFileOf lock file} (see the class comment). The file's folder is created if
     * needed, as the CSV writers of {@code evaluate} and {@code sensitivity} always did.
     *
     * @throws BusyException if another command holds the file; the message reads {@code "<file> is
     *     in use by `<holder>` (pid N, since HH:mm:ss); wait for it or choose another --out"}
     * @throws IOException if the folder or the lock file cannot be created
     */
    public static OutputLock acquireFile(Path file, String holder) throws BusyException, IOException {
        Files.createDirectories(lockFileOf(file).getParent());
        return claim(file, lockFileOf(file), holder);
    }

    /**
     * Whether a command (in this process or another) holds {@code folder} now. Only looks: it
     * takes a shared lock on the lock file for an instant, opened read-only, so the folder is
     * neither created nor written (a replay must not touch the run it reads). A folder without a
     * lock file is not held.
     */
    public static boolean isHeld(Path folder) {
        Path file = folder.resolve(FILE_NAME);
        if (!Files.isRegularFile(file)) {
            return false;
        }
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            FileLock probe = ch.tryLock(LOCK_POSITION, 1, true);
            if (probe == null) {
                return true;
            }
            probe.release();
            return false;
        } catch (OverlappingFileLockException sameProcess) {
            return true;
        } catch (IOException e) {
            LOG.debug("cannot probe the lock of {}: {}", folder, e.toString());
            return false;
        }
    }

    /** The lock file of a single output file: {@code <folder>/.<name>.lock}. */
    public static Path lockFileOf(Path file) {
        Path abs = file.toAbsolutePath();
        return abs.resolveSibling("." + abs.getFileName() + ".lock");
    }

    private static OutputLock claim(Path folder, Path file, String holder) throws BusyException, IOException {
        FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = ch.tryLock(LOCK_POSITION, 1, false);
        } catch (OverlappingFileLockException sameProcess) {
            lock = null;
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
        if (lock == null) {
            String who = readHolder(ch);
            ch.close();
            throw new BusyException(folder, who);
        }
        try {
            ch.truncate(0);
            ch.write(ByteBuffer.wrap((holder + "\npid " + ProcessHandle.current().pid() + "\nsince "
                    + LocalTime.now().format(SINCE) + "\n").getBytes(StandardCharsets.UTF_8)), 0);
            ch.force(false);
        } catch (IOException e) {
            ch.close(); // releases the lock
            throw e;
        }
        LOG.debug("locked {} for {}", folder, holder);
        return new OutputLock(folder, ch, lock);
    }

    /** The folder (or, for {@link #acquireFile}, the file) this lock claims. */
    public Path folder() {
        return folder;
    }

    private static String readHolder(FileChannel ch) {
        String text;
        try {
            ByteBuffer buf = ByteBuffer.allocate((int) Math.min(ch.size(), 8192));
            ch.read(buf, 0);
            text = new String(buf.array(), 0, buf.position(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            text = "";
        }
        String[] lines = text.split("\n");
        if (lines.length < 3 || !lines[1].startsWith("pid ") || !lines[2].startsWith("since ")) {
            return "another recloop command"; // it is still writing its description
        }
        return "`" + lines[0] + "` (" + lines[1] + ", " + lines[2] + ")";
    }

    /** Releases the claim; the lock file stays (see the class comment). */
    @Override
    public void close() {
        if (!channel.isOpen()) {
            return; // closed already: a continued run's lock is closed by the runner and its caller
        }
        try {
            channel.truncate(0);
        } catch (IOException e) {
            LOG.debug("could not clear the lock file of {}: {}", folder, e.toString());
        }
        try {
            lock.release();
            channel.close();
        } catch (IOException e) {
            LOG.warn("releasing the lock on {} failed: {}", folder, e.toString());
        }
    }
}
