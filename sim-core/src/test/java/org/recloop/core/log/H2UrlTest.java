package org.recloop.core.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class H2UrlTest {

    @TempDir
    Path dir;

    @Test
    void buildsTheAddressFromTheCanonicalPathWithChosenSettingsOnly() throws Exception {
        Path messy = dir.resolve("a/../b/./db.mv.db");
        String canonical = dir.toRealPath().resolve("b/db").toString();
        assertThat(H2Url.of(messy)).isEqualTo("jdbc:h2:file:" + canonical);
        assertThat(H2Url.of(messy, H2Url.Setting.EXISTING_ONLY, H2Url.Setting.READ_ONLY, H2Url.Setting.EXISTING_ONLY))
                .isEqualTo("jdbc:h2:file:" + canonical + ";IFEXISTS=TRUE;ACCESS_MODE_DATA=r");
        assertThat(H2Url.ofRun(dir, H2Url.Setting.KEEP_OPEN_AT_EXIT))
                .isEqualTo("jdbc:h2:file:" + dir.toRealPath().resolve("recloop") + ";DB_CLOSE_ON_EXIT=FALSE");
    }

    @Test
    void resolvesSymbolicLinksOfTheExistingPart() throws Exception {
        Path real = Files.createDirectories(dir.resolve("real"));
        Path link = Files.createSymbolicLink(dir.resolve("link"), real);
        assertThat(H2Url.of(link.resolve("x/db"))).isEqualTo("jdbc:h2:file:" + real.toRealPath().resolve("x/db"));
    }

    @Test
    void refusesSemicolonsAndControlCharactersNamingThemAndWhy() {
        Path evil = dir.resolve("x;INIT=RUNSCRIPT FROM 'y'");
        assertThatThrownBy(() -> H2Url.ofRun(evil)).isInstanceOf(H2Url.UnsafePathException.class)
                .hasMessageContaining("';'").hasMessageContaining("connection settings").hasMessageContaining("INIT=");
        assertThatThrownBy(() -> H2Url.checkUsable(dir.resolve("a\nb"))).isInstanceOf(H2Url.UnsafePathException.class)
                .hasMessageContaining("U+000A").hasMessageContaining("a\\u000ab");
        assertThat(H2Url.problem("cache/x;INIT=1")).get().asString().contains("';'");
        assertThat(H2Url.problem("llm-cache/run one")).isEmpty();
    }

    @Test
    void aSymbolicLinkToAnUnsafeFolderIsRefused() throws Exception {
        Path unsafe = Files.createDirectories(dir.resolve("u;INIT=x"));
        Path link = Files.createSymbolicLink(dir.resolve("safe"), unsafe);
        assertThatThrownBy(() -> H2Url.ofRun(link)).isInstanceOf(H2Url.UnsafePathException.class);
    }

    @Test
    void theAddressOpensARealDatabaseAndExistingOnlyRefusesAMissingOne() throws Exception {
        try (Connection c = DriverManager.getConnection(H2Url.of(dir.resolve("db")), "sa", "");
                ResultSet rs = c.createStatement().executeQuery("SELECT 1")) {
            rs.next();
            assertThat(rs.getInt(1)).isEqualTo(1);
        }
        assertThat(Files.exists(dir.resolve("db.mv.db"))).isTrue();
        assertThatThrownBy(() -> DriverManager.getConnection(H2Url.of(dir.resolve("none"), H2Url.Setting.EXISTING_ONLY),
                "sa", "")).hasMessageContaining("not found");
    }

    /** No main source of any module pastes a path into an H2 address itself. */
    @Test
    void noOtherMainSourceBuildsAnH2Address() throws Exception {
        Path root = Path.of("").toAbsolutePath().getParent();
        java.util.List<Path> offenders;
        try (var files = Files.walk(root)) {
            offenders = files.filter(p -> p.toString().endsWith(".java") && p.toString().contains("/src/main/java/"))
                    .filter(p -> !p.getFileName().toString().equals("H2Url.java"))
                    .filter(p -> {
                        try {
                            return Files.readString(p).contains("jdbc:h2:");
                        } catch (java.io.IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    }).toList();
        }
        assertThat(root.resolve("sim-core/src/main/java/org/recloop/core/log/H2Url.java")).exists();
        assertThat(offenders).isEmpty();
    }
}
