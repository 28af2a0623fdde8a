package org.recloop.core.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StorageFailureTest {

    @TempDir
    Path dir;

    /** A real ENOSPC from the operating system: /dev/full fails every write with it. */
    private static IOException realDiskFull() {
        Path full = Path.of("/dev/full");
        assumeTrue(Files.isWritable(full), "needs Linux's /dev/full");
        Throwable t = catchThrowable(() -> {
            try (OutputStream out = Files.newOutputStream(full)) {
                out.write(new byte[8192]);
                out.flush();
            }
        });
        assertThat(t).isInstanceOf(IOException.class);
        return (IOException) t;
    }

    @Test
    void namesAFullDiskHoweverDeepH2BuriesIt() {
        Path db = dir.resolve("recloop.mv.db");
        IOException enospc = realDiskFull();
        // the shape H2 reports it in: a SQLException around an IllegalStateException around the I/O error
        Exception h2 = new SQLException("General error: Writing to " + db + " failed", "HY000", 50000,
                new IllegalStateException("Writing to " + db + " failed; length 4096 at 0", enospc));
        assertThat(StorageFailure.isDiskFull(h2)).isTrue();
        assertThat(StorageFailure.describe(h2, db)).isEqualTo("disk full: " + db + " (No space left on device)");
        Exception suppressed = new RuntimeException("commit failed");
        suppressed.addSuppressed(enospc);
        assertThat(StorageFailure.isDiskFull(suppressed)).isTrue();
    }

    @Test
    void otherFileFailuresNameTheFileAndReason() throws Exception {
        Path file = Files.writeString(dir.resolve("a-file"), "x");
        Throwable t = catchThrowable(() -> Files.createDirectories(file.resolve("sub")));
        assertThat(StorageFailure.isDiskFull(t)).isFalse();
        assertThat(StorageFailure.describe(new IllegalStateException("wrapped", t), dir))
                .startsWith("cannot write " + file).doesNotContain("\n");
        assertThat(StorageFailure.describe(new SQLException("Value too long for column\nSQL statement: ..."), dir))
                .isEqualTo("Value too long for column");
    }
}
