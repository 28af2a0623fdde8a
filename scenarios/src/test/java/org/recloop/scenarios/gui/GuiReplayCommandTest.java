package org.recloop.scenarios.gui;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.recloop.scenarios.cli.RecLoopCli;
import org.recloop.scenarios.output.OutputLock;

/** {@code recloop gui --replay} refuses, with one line and exit 2, what it cannot replay; no display needed. */
class GuiReplayCommandTest {

    @TempDir
    Path dir;

    private static int gui(StringWriter err, String... args) {
        String[] all = new String[args.length + 1];
        all[0] = "gui";
        System.arraycopy(args, 0, all, 1, args.length);
        return RecLoopCli.commandLine(new PrintWriter(new StringWriter(), true), new PrintWriter(err, true))
                .execute(all);
    }

    @Test
    void aFolderThatIsNotARunIsRefused() {
        StringWriter err = new StringWriter();
        assertThat(gui(err, "--replay", dir.toString())).isEqualTo(2);
        assertThat(err.toString().strip()).isEqualTo("recloop gui: cannot replay: " + dir
                + " is not a run folder (it has no recloop.mv.db)");
    }

    @Test
    void aRunStillHeldByALiveRunIsRefusedWithoutTouchingIt() throws Exception {
        Files.writeString(dir.resolve("recloop.mv.db"), "");
        try (OutputLock live = OutputLock.acquire(dir, "recloop run live")) {
            StringWriter err = new StringWriter();
            assertThat(gui(err, "--replay", dir.toString())).isEqualTo(2);
            assertThat(err.toString().strip()).isEqualTo("recloop gui: cannot replay: " + dir
                    + " is still being written by a live run; replay it once that run has ended");
        }
        assertThat(Files.size(dir.resolve("recloop.mv.db"))).isZero();
    }

    @Test
    void eitherAScenarioOrAReplay() {
        StringWriter err = new StringWriter();
        assertThat(gui(err)).isEqualTo(2);
        assertThat(err.toString().strip()).isEqualTo("recloop gui: give either a SCENARIO file or --replay RUN");
    }
}
