package org.recloop.core.world.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.recloop.core.rng.RandomStreams;
import org.recloop.core.world.Catalog;
import org.recloop.core.world.LoadPolicy;
import org.recloop.core.world.LoadReport;

class GoodbooksCatalogTest {

    private static final String BOOKS = """
            book_id,authors,original_publication_year,title,average_rating,ratings_count
            1,Ann Author,2001.0,First,4.0,100
            2,"Bob Writer, Ann Author",,Second,3.0,50
            """;

    @TempDir
    Path dir;

    private Path write(String name, String text) throws IOException {
        Path f = dir.resolve(name);
        Files.writeString(f, text, StandardCharsets.UTF_8);
        return f;
    }

    private List<LoadReport> reports = new ArrayList<>();

    private Catalog load(Path books, Path features, LoadPolicy policy) {
        reports = new ArrayList<>();
        return new GoodbooksCatalog(books, features).build(new RandomStreams(1), policy, reports::add);
    }

    @Test
    void byteOrderMarksBeforeTheHeadersAreSkipped() throws IOException {
        Path books = write("books.csv", "\uFEFF" + BOOKS);
        Path features = write("f.csv", "\uFEFFbook_id,topic,f0,f1\n1,3,0.5,0.5\n2,1,1.0,0.0\n");
        Catalog c = load(books, features, LoadPolicy.STRICT);
        assertThat(c.size()).isEqualTo(2);
        assertThat(c.title(0)).contains("First (Ann Author, 2001)");
        assertThat(reports).containsExactly(new LoadReport(books.toString(), 2, 2, Map.of(), Map.of()),
                new LoadReport(features.toString(), 2, 2, Map.of(), Map.of()));
    }

    @Test
    void duplicateAndUnknownFeatureRowsAreCountedTheLaterRowWins() throws IOException {
        Path books = write("books.csv", BOOKS);
        Path features = write("f.csv", "book_id,topic,f0,f1\n1,3,0.5,0.5\n7,0,1,1\n2,1,1.0,0.0\n1,4,0.0,1.0\n");
        Catalog c = load(books, features, LoadPolicy.LENIENT);
        assertThat(c.topic(0)).isEqualTo(4);
        assertThat(c.feature(0, 0)).isZero();
        assertThat(c.feature(0, 1)).isEqualTo(1f);
        LoadReport r = reports.get(1);
        assertThat(r.summary()).isEqualTo(features + ": 4 rows, kept 2; dropped 1 unknown book_id;"
                + " merged 1 duplicate book_id");
        assertThat(reports.get(0).clean()).isTrue();
    }

    @Test
    void strictRefusesAnUnknownBookWithFileLineAndColumn() throws IOException {
        Path books = write("books.csv", BOOKS);
        Path features = write("f.csv", "book_id,topic,f0,f1\n1,3,0.5,0.5\n2,1,1.0,0.0\n9,0,1,1\n");
        DataFileException e = catchThrowableOfType(DataFileException.class,
                () -> load(books, features, LoadPolicy.STRICT));
        assertThat(e).isNotNull();
        assertThat(e.getMessage()).isEqualTo(features + ":4: column 'book_id': book_id 9 is not in books.csv (2 books)"
                + " (--strict refuses rows that would be dropped)");
    }

    @Test
    void strictRefusesADuplicateBook() throws IOException {
        Path books = write("books.csv", BOOKS);
        Path features = write("f.csv", "book_id,topic,f0,f1\n1,3,0.5,0.5\n2,1,1.0,0.0\n2,1,1.0,0.0\n");
        DataFileException e = catchThrowableOfType(DataFileException.class,
                () -> load(books, features, LoadPolicy.STRICT));
        assertThat(e).isNotNull();
        assertThat(e.line()).isEqualTo(4);
        assertThat(e.reason()).startsWith("column 'book_id': book_id 2 again (earlier on line 3)");
    }
}
