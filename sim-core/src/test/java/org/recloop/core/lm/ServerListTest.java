package org.recloop.core.lm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.recloop.core.config.InvalidParameterException;

class ServerListTest {

    @TempDir
    Path dir;

    @Test
    void oneUrlAListOrAFileWithOneUrlALine() throws Exception {
        assertThat(ServerList.resolve("http://a/v1", null, null, dir::resolve)).containsExactly("http://a/v1");
        assertThat(ServerList.resolve(null, List.of("http://a/v1", "https://b/v1"), null, dir::resolve))
                .containsExactly("http://a/v1", "https://b/v1");
        Files.writeString(dir.resolve("servers.txt"), "# the cluster\nhttp://a:8000/v1\n\n  http://b:8000/v1  \n");
        assertThat(ServerList.resolve(null, null, "servers.txt", dir::resolve))
                .containsExactly("http://a:8000/v1", "http://b:8000/v1");
    }

    @Test
    void badServerListsAreRefusedNamingTheFieldAndTheReason() throws Exception {
        assertThatThrownBy(() -> ServerList.check("http://a/v1", List.of("http://b/v1"), null))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessage("baseUrls: set only one of baseUrl, baseUrls, baseUrlsFile");
        assertThatThrownBy(() -> ServerList.check(null, List.of(), null))
                .hasMessage("baseUrls: must name at least one server");
        assertThatThrownBy(() -> ServerList.check(null, List.of("http://a/v1", "ftp://b"), null))
                .hasMessage("baseUrls: must start with http:// or https://, was 'ftp://b'");
        assertThatThrownBy(() -> ServerList.check(null, List.of("http://a/v1", "http://a/v1"), null))
                .hasMessage("baseUrls: names 'http://a/v1' twice");
        Path missing = dir.resolve("nope.txt");
        assertThatThrownBy(() -> ServerList.resolve(null, null, "nope.txt", dir::resolve))
                .hasMessage("baseUrlsFile: " + missing + ": no such file");
        Path bad = dir.resolve("bad.txt");
        Files.writeString(bad, "http://a/v1\nlocalhost:8000\n");
        assertThatThrownBy(() -> ServerList.resolve(null, null, "bad.txt", dir::resolve))
                .hasMessage("baseUrlsFile (" + bad + ", line 2): must start with http:// or https://, was"
                        + " 'localhost:8000'");
        Path empty = dir.resolve("empty.txt");
        Files.writeString(empty, "# nothing yet\n");
        assertThatThrownBy(() -> ServerList.resolve(null, null, "empty.txt", dir::resolve))
                .hasMessage("baseUrlsFile: " + empty + ": names no server (one http(s) URL a line)");
    }
}
