package org.recloop.core.log;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Makes what the writer has committed survive the process being killed (SIGKILL, an out-of-memory
 * kill): the run's opening rows before tick 0, and each tick as it is committed.
 *
 * <p>Why it is needed: H2's MVStore keeps committed transactions in memory and writes them to the
 * file from a background thread about {@code WRITE_DELAY} (500 ms) later, or sooner once its
 * unsaved changes fill {@code autoCommitBufferSize} (19 MiB of heap on most machines); a {@code
 * COMMIT} writes nothing by itself (H2 2.x source: {@code TransactionStore.endTransaction},
 * {@code FileStore.writeInBackground}). A run killed within
 * that delay lost the commits made since the last background write: a run killed early even lost
 * its {@code runs}, {@code items} and {@code users} rows, so it could not be resumed. {@code
 * CHECKPOINT} makes H2 write the store now ({@code MVStore.commit()}): a new chunk holding every
 * change so far, written to the file with the OS's ordinary writes. That is what a killed process
 * needs, and costs one chunk write a tick. It is deliberately not {@code CHECKPOINT SYNC}: an
 * fsync a tick would cost milliseconds on many disks and only protects against a power cut or an
 * operating system crash, which {@link H2EventLog#recover} handles by recovering to an older
 * tick. The writer's connection also sets {@code WRITE_DELAY=0} and {@code REUSE_SPACE=FALSE}
 * ({@link H2Url.Setting#WRITE_ON_COMMIT}, {@link H2Url.Setting#APPEND_ONLY}): with H2's default
 * delay the store could be handed to its background thread and this call return before the
 * bytes were written.
 */
final class StoreFlush {

    private StoreFlush() {}

    /** Writes H2's store to its file; call on the writer's connection right after a commit. */
    static void afterCommit(Connection c) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute("CHECKPOINT");
        }
    }
}
