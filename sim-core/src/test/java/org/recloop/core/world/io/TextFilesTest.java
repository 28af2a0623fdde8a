package org.recloop.core.world.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A file that is not UTF-8 text is refused before reading, saying what it looks like. */
class TextFilesTest {

    @TempDir
    Path dir;

    @Test
    void utf16ByteOrderMarksAreNamed() {
        assertThat(TextFiles.problem(new byte[] {(byte) 0xFF, (byte) 0xFE, 'a', 0}))
                .hasValue("looks like UTF-16 (byte-order mark FF FE); RecLoop reads UTF-8 text");
        assertThat(TextFiles.problem(new byte[] {(byte) 0xFE, (byte) 0xFF, 0, 'a'}))
                .hasValue("looks like UTF-16 (byte-order mark FE FF); RecLoop reads UTF-8 text");
    }

    @Test
    void aNulByteMakesAFileLookBinary() {
        assertThat(TextFiles.problem("user,item\n1,2\0".getBytes(StandardCharsets.UTF_8)))
                .hasValue("looks binary (NUL byte at offset 13); RecLoop reads UTF-8 text");
    }

    @Test
    void anInvalidUtf8ByteIsGivenWithItsOffset() {
        byte[] latin1 = "id,title\n1,Caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1);
        assertThat(TextFiles.problem(latin1)).hasValue("is not UTF-8 text (byte E9 at offset 14); RecLoop reads UTF-8 text");
    }

    @Test
    void utf8TextPassesEvenWhenACharacterIsCutByTheSniffedPrefix() {
        assertThat(TextFiles.problem("\uFEFFid,title\n1,Caf\u00e9 \u00fcber\n".getBytes(StandardCharsets.UTF_8))).isEmpty();
        byte[] e = "\u00e9".getBytes(StandardCharsets.UTF_8);
        assertThat(TextFiles.problem(Arrays.copyOf(e, 1))).isEmpty(); // the rest would follow in the file
    }

    @Test
    void aFolderIsNotAFile() throws Exception {
        assertThat(TextFiles.problem(Files.createDirectories(dir.resolve("data.csv")))).hasValue("is a folder, not a file");
    }

    @Test
    void longValuesAreQuotedByAPrefixAndTheirLength() {
        assertThat(TextFiles.quote("abc")).isEqualTo("'abc'");
        assertThat(TextFiles.quote("y".repeat(80))).isEqualTo("'" + "y".repeat(80) + "'");
        assertThat(TextFiles.quote("y".repeat(50_000_000))).isEqualTo("'" + "y".repeat(80) + "…' (50000000 chars)");
    }

    @Test
    void csvReaderRefusesUtf16AndQuotesAHugeFieldShortly() throws Exception {
        Path u16 = dir.resolve("u16.csv");
        byte[] body = "book_id,f0\n1,0.5\n".getBytes(StandardCharsets.UTF_16LE);
        byte[] b = new byte[body.length + 2];
        b[0] = (byte) 0xFF;
        b[1] = (byte) 0xFE;
        System.arraycopy(body, 0, b, 2, body.length);
        Files.write(u16, b);
        assertThatThrownBy(() -> new CsvReader(u16)).isInstanceOf(DataFileException.class)
                .hasMessage(u16 + ": looks like UTF-16 (byte-order mark FF FE); RecLoop reads UTF-8 text");
        Path big = dir.resolve("big.csv");
        Files.writeString(big, "n\n" + "9".repeat(100) + "z" + "\n");
        try (CsvReader r = new CsvReader(big)) {
            var rec = r.next();
            assertThatThrownBy(() -> r.doubleField(rec, 0, "n", 0)).hasMessage(big + ":2: column 'n': expected a number,"
                    + " found '" + "9".repeat(80) + "…' (101 chars)");
        }
    }

    @Test
    void invalidUtf8PastThePrefixIsReportedInWordsWithItsLine() throws Exception {
        Path f = dir.resolve("late.csv");
        byte[] head = ("n\n" + "1\n".repeat(40_000)).getBytes(StandardCharsets.UTF_8);
        byte[] all = Arrays.copyOf(head, head.length + 2);
        all[head.length] = (byte) 0xE9;
        all[head.length + 1] = '\n';
        Files.write(f, all);
        try (CsvReader r = new CsvReader(f)) {
            assertThatThrownBy(() -> {
                while (r.next() != null) {
                    // read on
                }
            }).isInstanceOf(DataFileException.class).hasMessageContaining(f.toString())
                    .hasMessageContaining("is not UTF-8 text").hasMessageNotContaining("Input length");
        }
    }
}
