package org.recloop.core.world.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvReaderTest {

    @TempDir
    Path dir;

    @Test
    void aByteOrderMarkIsNotPartOfTheFirstColumnName() throws IOException {
        Path f = dir.resolve("tags.csv");
        Files.writeString(f, "\uFEFFtag_id,tag_name\n1,fantasy\n", StandardCharsets.UTF_8);
        try (CsvReader r = new CsvReader(f)) {
            assertThat(r.column("tag_id")).isZero();
            assertThat(r.next()).containsExactly("1", "fantasy");
            assertThat(r.line()).isEqualTo(2);
        }
    }

    @Test
    void aMarkOnlyInsideTheFileIsData() throws IOException {
        Path f = dir.resolve("t.csv");
        Files.writeString(f, "a,b\n\uFEFFx,y\n", StandardCharsets.UTF_8);
        try (CsvReader r = new CsvReader(f)) {
            assertThat(r.next()).containsExactly("\uFEFFx", "y");
        }
    }
}
