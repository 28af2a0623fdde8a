package org.recloop.scenarios.output;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutputLockTest {

    @TempDir
    Path dir;

    @Test
    void aSecondClaimInTheSameProcessIsBusyAndNamesTheHolder() throws Exception {
        Path out = dir.resolve("sw");
        try (OutputLock first = OutputLock.acquire(out, "recloop sweep s.yaml --out sw")) {
            assertThat(Files.readString(out.resolve(OutputLock.FILE_NAME)))
                    .startsWith("recloop sweep s.yaml --out sw\npid " + ProcessHandle.current().pid() + "\nsince ");
            assertThatThrownBy(() -> OutputLock.acquire(out, "recloop report runs --out sw"))
                    .isInstanceOf(OutputLock.BusyException.class)
                    .hasMessageMatching("\\Q" + out + " is in use by `recloop sweep s.yaml --out sw` (pid "
                            + ProcessHandle.current().pid() + ", since \\E\\d\\d:\\d\\d:\\d\\d\\); wait for it or"
                            + " choose another --out");
        }
        // released: the file stays, but means nothing
        assertThat(out.resolve(OutputLock.FILE_NAME)).exists();
        try (OutputLock again = OutputLock.acquire(out, "recloop report runs --out sw")) {
            assertThat(again.folder()).isEqualTo(out);
        }
    }

    @Test
    void differentFoldersDoNotBlockEachOther() throws Exception {
        try (OutputLock a = OutputLock.acquire(dir.resolve("a"), "a");
                OutputLock b = OutputLock.acquire(dir.resolve("b"), "b")) {
            assertThat(a.folder()).isNotEqualTo(b.folder());
        }
    }

    @Test
    void aFileIsClaimedOnItsOwnNotWithItsFolder() throws Exception {
        Path a = dir.resolve("out/a.csv");
        try (OutputLock first = OutputLock.acquireFile(a, "recloop metrics run --out out/a.csv")) {
            assertThat(OutputLock.lockFileOf(a)).isEqualTo(dir.resolve("out/.a.csv.lock").toAbsolutePath()).exists();
            assertThatThrownBy(() -> OutputLock.acquireFile(a, "recloop bench --out out/a.csv"))
                    .isInstanceOf(OutputLock.BusyException.class)
                    .hasMessageStartingWith(a + " is in use by `recloop metrics run --out out/a.csv` (pid ");
            // a sibling file, and the folder itself, are not claimed
            try (OutputLock b = OutputLock.acquireFile(dir.resolve("out/b.csv"), "b");
                    OutputLock folder = OutputLock.acquire(dir.resolve("out"), "report")) {
                assertThat(b.folder()).isNotEqualTo(folder.folder());
            }
        }
        assertThat(a).doesNotExist();
    }

    @Test
    void anAtomicWriteReplacesTheFileWholeAndLeavesNoTemporaryFile() throws Exception {
        Path f = dir.resolve("r.csv");
        Files.writeString(f, "old\n");
        assertThatThrownBy(() -> AtomicFile.write(f, p -> {
            Files.writeString(p, "half");
            throw new java.io.IOException("disk full");
        })).hasMessage("disk full");
        assertThat(Files.readString(f)).isEqualTo("old\n");
        AtomicFile.write(f, p -> Files.writeString(p, "new\n"));
        assertThat(Files.readString(f)).isEqualTo("new\n");
        try (var files = Files.list(dir)) {
            assertThat(files).containsExactly(f);
        }
    }
}
