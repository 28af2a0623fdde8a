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
import org.recloop.core.world.LoadPolicy;
import org.recloop.core.world.LoadReport;

class RatingsFileTest {

    @TempDir
    Path dir;

    private Path write(String name, String text) throws IOException {
        Path f = dir.resolve(name);
        Files.writeString(f, text, StandardCharsets.UTF_8);
        return f;
    }

    /** Rows as "rawUser,rawItem,rating,timestamp", in the order the file keeps them. */
    private static List<String> rows(RatingsFile f) {
        List<String> out = new ArrayList<>();
        for (int r = 0; r < f.size(); r++) {
            out.add(f.rawUserIds()[f.users()[r]] + "," + f.rawItemIds()[f.items()[r]] + "," + f.ratings()[r] + ","
                    + f.timestamps()[r]);
        }
        return out;
    }

    @Test
    void byteOrderMarkOnAHeaderlessFileKeepsTheFirstRow() throws IOException {
        Path f = write("bom.csv", "\uFEFF1,10,4,100\n2,10,5,101\n");
        RatingsFile r = RatingsFile.read(f);
        assertThat(rows(r)).containsExactly("1,10,4.0,100", "2,10,5.0,101");
        assertThat(r.report()).isEqualTo(new LoadReport(f.toString(), 2, 2, Map.of(), Map.of()));
        assertThat(r.report().clean()).isTrue();
    }

    @Test
    void byteOrderMarkBeforeAHeaderStillSkipsTheHeader() throws IOException {
        Path f = write("bomh.csv", "\uFEFFuserId,movieId,rating,timestamp\r\n1,10,4,100\r\n");
        RatingsFile r = RatingsFile.read(f);
        assertThat(rows(r)).containsExactly("1,10,4.0,100");
        assertThat(r.report().rowsRead()).isEqualTo(1);
    }

    @Test
    void duplicateRatingsAreMergedLatestTimestampWinsAndCounted() throws IOException {
        Path f = write("dups.csv", String.join("\n",
                "user,item,rating,timestamp",
                "1,10,2,300", // superseded by nothing: it is the latest of (1,10)
                "2,10,5,100",
                "1,10,4,200",
                "1,20,3,50",
                "1,10,1,250",
                "2,10,1,100", // same timestamp as line 3: the later line wins
                ""));
        RatingsFile r = RatingsFile.read(f);
        assertThat(rows(r)).containsExactly("1,10,2.0,300", "1,20,3.0,50", "2,10,1.0,100");
        assertThat(r.report().rowsRead()).isEqualTo(6);
        assertThat(r.report().rowsKept()).isEqualTo(3);
        assertThat(r.report().merged()).containsExactly(Map.entry("duplicate rating", 3L));
        assertThat(r.report().dropped()).isEmpty();
        assertThat(r.report().summary()).isEqualTo(f + ": 6 rows, kept 3; merged 3 duplicate rating");
        // the users and items of merged rows are still there
        assertThat(r.numUsers()).isEqualTo(2);
        assertThat(r.numItems()).isEqualTo(2);
    }

    @Test
    void withoutTimestampsTheLaterLineWins() throws IOException {
        Path f = write("u.data", "1\t10\t2\n1\t10\t5\n");
        assertThat(rows(RatingsFile.read(f))).containsExactly("1,10,5.0,0");
    }

    @Test
    void negativeRatingsAreDroppedAndCountedZeroIsKept() throws IOException {
        Path f = write("neg.csv", "1,10,-1,1\n1,11,0,2\n2,10,4.5,3\n3,12,-0.5,4\n");
        RatingsFile r = RatingsFile.read(f);
        assertThat(rows(r)).containsExactly("1,11,0.0,2", "2,10,4.5,3");
        // user 3 and item 12 had only a dropped row: they are not in the file's ids
        assertThat(r.rawUserIds()).containsExactly(1, 2);
        assertThat(r.rawItemIds()).containsExactly(10, 11);
        assertThat(r.report().summary()).isEqualTo(f + ": 4 rows, kept 2; dropped 2 negative rating");
    }

    @Test
    void blankLinesAndCommentsAreNotRows() throws IOException {
        Path f = write("c.csv", "# ratings\n\n1,10,4\n   \n2,10,3\n");
        assertThat(RatingsFile.read(f).report()).isEqualTo(new LoadReport(f.toString(), 2, 2, Map.of(), Map.of()));
    }

    @Test
    void strictRefusesANegativeRatingWithFileLineAndColumn() throws IOException {
        Path f = write("neg.csv", "user,item,rating\n1,10,4\n\n2,10,-1\n");
        DataFileException e = catchThrowableOfType(DataFileException.class,
                () -> RatingsFile.read(f, LoadPolicy.STRICT));
        assertThat(e).isNotNull();
        assertThat(e.file()).isEqualTo(f.toString());
        assertThat(e.line()).isEqualTo(4);
        assertThat(e.getMessage()).isEqualTo(f + ":4: column 'rating': negative rating -1 of user 2 for item 10"
                + " (--strict refuses rows that would be dropped)");
        // lenient reads the same file
        assertThat(RatingsFile.read(f, LoadPolicy.LENIENT).size()).isEqualTo(1);
    }

    @Test
    void strictRefusesTheFirstRepeatedRating() throws IOException {
        Path f = write("dups.csv", "1,10,4,1\n1,11,4,1\n1,11,5,2\n1,10,3,3\n");
        DataFileException e = catchThrowableOfType(DataFileException.class,
                () -> RatingsFile.read(f, LoadPolicy.STRICT));
        assertThat(e).isNotNull();
        assertThat(e.line()).isEqualTo(3);
        assertThat(e.getMessage()).startsWith(f + ":3: column 'item': user 1 rated item 11 again (first on line 2)")
                .endsWith("(--strict refuses rows that would be merged)");
    }

    @Test
    void strictAcceptsACleanFile() throws IOException {
        Path f = write("ok.csv", "\uFEFF1,10,4\n1,11,0\n");
        assertThat(RatingsFile.read(f, LoadPolicy.STRICT).size()).isEqualTo(2);
    }

    @Test
    void aFileWhoseEveryRowIsDroppedSaysSo() throws IOException {
        Path f = write("allneg.csv", "1,10,-1\n");
        DataFileException e = catchThrowableOfType(DataFileException.class, () -> RatingsFile.read(f));
        assertThat(e.getMessage()).isEqualTo(f + ": no interactions left: dropped 1 negative rating");
    }
}
