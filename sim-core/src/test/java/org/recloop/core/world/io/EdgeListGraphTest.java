package org.recloop.core.world.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
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
import org.recloop.core.config.InvalidParameterException;
import org.recloop.core.rng.RandomStreams;
import org.recloop.core.world.Catalog;
import org.recloop.core.world.LoadPolicy;
import org.recloop.core.world.LoadReport;
import org.recloop.core.world.Population;
import org.recloop.core.world.SocialGraph;

class EdgeListGraphTest {

    private static final int USERS = 5;

    @TempDir
    Path dir;

    private Path write(String name, String text) throws IOException {
        Path f = dir.resolve(name);
        Files.writeString(f, text, StandardCharsets.UTF_8);
        return f;
    }

    private static SocialGraph load(Path file, int users) {
        return new EdgeListGraph(file).build(new Population(users, 2), new Catalog(2, 1), new RandomStreams(1));
    }

    /** All edges as "a->b", in follower then followee order. */
    private static List<String> edges(SocialGraph g) {
        List<String> out = new ArrayList<>();
        for (int u = 0; u < g.users(); u++) {
            for (int i = 0; i < g.outDegree(u); i++) {
                out.add(u + "->" + g.followee(u, i));
            }
        }
        return out;
    }

    private static DataFileException failure(Path file, int users) {
        DataFileException e = catchThrowableOfType(DataFileException.class, () -> load(file, users));
        assertThat(e).as("loading %s must fail", file).isNotNull();
        return e;
    }

    @Test
    void loadsHeaderCommentsBlankLinesAndAllSeparators() throws IOException {
        Path f = write("follows.csv", String.join("\n",
                "# who follows whom",
                "follower,followee",
                "",
                "0,1",
                "   ",
                "1\t2",
                "# a comment in the middle",
                "2 3",
                "  3 ,  4  ",
                "4\t 0",
                ""));
        SocialGraph g = load(f, USERS);
        assertThat(edges(g)).containsExactly("0->1", "1->2", "2->3", "3->4", "4->0");
        assertThat(g.edgeCount()).isEqualTo(5);
    }

    @Test
    void aFileWithoutHeaderKeepsItsFirstEdge() throws IOException {
        Path f = write("plain.txt", "0 1\n2 1\n");
        assertThat(edges(load(f, USERS))).containsExactly("0->1", "2->1");
    }

    @Test
    void windowsLineEndingsAreAccepted() throws IOException {
        Path f = write("crlf.csv", "src,dst\r\n0,1\r\n1,0\r\n");
        assertThat(edges(load(f, USERS))).containsExactly("0->1", "1->0");
    }

    @Test
    void duplicatesAndSelfLoopsAreDropped() throws IOException {
        Path f = write("dups.csv", "0,1\n0,1\n2,2\n1,0\n0,1\n4,4\n");
        SocialGraph g = load(f, USERS);
        assertThat(edges(g)).containsExactly("0->1", "1->0");
        assertThat(g.edgeCount()).isEqualTo(2);
        assertThat(g.follows(2, 2)).isFalse();
    }

    private static LoadReport report(Path file, int users, LoadPolicy policy) {
        List<LoadReport> reports = new ArrayList<>();
        new EdgeListGraph(file).build(new Population(users, 2), new Catalog(2, 1), new RandomStreams(1), policy,
                reports::add);
        assertThat(reports).hasSize(1);
        return reports.get(0);
    }

    @Test
    void selfFollowsAndDuplicateEdgesAreCounted() throws IOException {
        Path f = write("dups.csv", "follower,followee\n0,1\n0,1\n2,2\n1,0\n0,1\n4,4\n# c\n\n3,4\n");
        LoadReport r = report(f, USERS, LoadPolicy.LENIENT);
        assertThat(r.rowsRead()).isEqualTo(7);
        assertThat(r.rowsKept()).isEqualTo(3);
        assertThat(r.dropped()).containsExactly(Map.entry("self-follow", 2L));
        assertThat(r.merged()).containsExactly(Map.entry("duplicate edge", 2L));
        assertThat(r.summary()).isEqualTo(f + ": 7 rows, kept 3; dropped 2 self-follow; merged 2 duplicate edge");
    }

    @Test
    void aCleanFileReportsEveryRowKept() throws IOException {
        Path f = write("ok.csv", "a,b\n0,1\n1,0\n");
        assertThat(report(f, USERS, LoadPolicy.STRICT)).isEqualTo(new LoadReport(f.toString(), 2, 2, Map.of(), Map.of()));
    }

    @Test
    void byteOrderMarkOnAHeaderlessFileKeepsTheFirstEdge() throws IOException {
        Path f = write("bom.csv", "\uFEFF0,1\n2,1\n");
        assertThat(edges(load(f, USERS))).containsExactly("0->1", "2->1");
        Path h = write("bomh.csv", "\uFEFFfollower,followee\n0,1\n");
        assertThat(edges(load(h, USERS))).containsExactly("0->1");
    }

    @Test
    void strictRefusesASelfFollowWithFileLineAndColumn() throws IOException {
        Path f = write("self.csv", "0,1\n\n3,3\n");
        DataFileException e = catchThrowableOfType(DataFileException.class,
                () -> report(f, USERS, LoadPolicy.STRICT));
        assertThat(e).isNotNull();
        assertThat(e.getMessage()).isEqualTo(f + ":3: column 'followee': user 3 follows itself"
                + " (--strict refuses rows that would be dropped)");
        assertThat(e.line()).isEqualTo(3);
    }

    @Test
    void strictRefusesTheFirstRepeatedEdge() throws IOException {
        Path f = write("dup.csv", "0,1\n1,2\n2,3\n1,2\n0,1\n");
        DataFileException e = catchThrowableOfType(DataFileException.class,
                () -> report(f, USERS, LoadPolicy.STRICT));
        assertThat(e).isNotNull();
        assertThat(e.getMessage()).isEqualTo(f + ":4: column 'followee': user 1 follows user 2 again (first on line 2)"
                + " (--strict refuses rows that would be merged)");
    }

    @Test
    void emptyFileGivesEmptyGraph() throws IOException {
        Path f = write("empty.csv", "# nothing here\n\nfollower,followee\n");
        SocialGraph g = load(f, USERS);
        assertThat(g.users()).isEqualTo(USERS);
        assertThat(g.edgeCount()).isZero();
    }

    @Test
    void growsBeyondItsInitialBuffer() throws IOException {
        // 3000 edges > the loader's initial 1024-slot arrays
        StringBuilder sb = new StringBuilder("a,b\n");
        int n = 100;
        int count = 0;
        for (int a = 0; a < n && count < 3000; a++) {
            for (int b = 0; b < n && count < 3000; b++) {
                if (a != b) {
                    sb.append(a).append(',').append(b).append('\n');
                    count++;
                }
            }
        }
        SocialGraph g = load(write("big.csv", sb.toString()), n);
        assertThat(g.edgeCount()).isEqualTo(3000);
    }

    @Test
    void lineWithOneFieldNamesFileAndLine() throws IOException {
        Path f = write("one.csv", "follower,followee\n0,1\n\n2\n");
        DataFileException e = failure(f, USERS);
        assertThat(e.getMessage()).isEqualTo(f + ":4: expected 2 fields (follower,followee), found 1");
        assertThat(e.file()).isEqualTo(f.toString());
        assertThat(e.line()).isEqualTo(4);
    }

    @Test
    void lineWithThreeFieldsIsRejected() throws IOException {
        Path f = write("three.csv", "# c\n0,1\n1,2,3\n");
        DataFileException e = failure(f, USERS);
        assertThat(e.getMessage()).isEqualTo(f + ":3: expected 2 fields (follower,followee), found 3");
        assertThat(e.line()).isEqualTo(3);
    }

    @Test
    void nonNumberAfterTheHeaderIsRejected() throws IOException {
        Path f = write("words.csv", "follower,followee\n0,1\n# ok so far\nx,1\n");
        DataFileException e = failure(f, USERS);
        assertThat(e.getMessage()).isEqualTo(f + ":4: user ids must be whole numbers, found 'x,1'");
        assertThat(e.line()).isEqualTo(4);
    }

    @Test
    void onlyTheFirstLineMayBeAHeader() throws IOException {
        // a second non-numeric line right after the header is an error, not a second header
        Path f = write("twoheaders.csv", "a,b\nc,d\n");
        assertThat(failure(f, USERS).getMessage()).isEqualTo(f + ":2: user ids must be whole numbers, found 'c,d'");
        // once a numeric line was read, a non-numeric line is no header either
        Path g = write("late.csv", "0,1\nfollower,followee\n");
        assertThat(failure(g, USERS).line()).isEqualTo(2);
    }

    @Test
    void fractionalIdsAreRejected() throws IOException {
        Path f = write("frac.csv", "0,1\n1.5,2\n");
        DataFileException e = failure(f, USERS);
        assertThat(e.line()).isEqualTo(2);
        assertThat(e.reason()).startsWith("user ids must be whole numbers");
    }

    @Test
    void idOutOfRangeIsRejected() throws IOException {
        Path f = write("range.csv", "follower followee\n0 1\n0 5\n");
        DataFileException e = failure(f, USERS);
        assertThat(e.getMessage()).isEqualTo(f + ":3: user id out of range [0, 5): '0 5'");
        Path neg = write("neg.csv", "\n\n-1,0\n");
        assertThat(failure(neg, USERS).getMessage()).isEqualTo(neg + ":3: user id out of range [0, 5): '-1,0'");
        // the bound is the population size: the same file loads for a larger population
        assertThat(edges(load(f, 6))).containsExactly("0->1", "0->5");
    }

    @Test
    void missingFileIsReportedWithoutLine() {
        Path f = dir.resolve("does-not-exist.csv");
        DataFileException e = failure(f, USERS);
        assertThat(e.getMessage()).isEqualTo(f + ": no such file");
        assertThat(e.line()).isZero();
    }

    @Test
    void paramsConstructorResolvesThePathAndRequiresIt() throws IOException {
        Path f = write("p.csv", "1,0\n");
        SocialGraph g = new EdgeListGraph(new EdgeListGraph.Params(f.toString()))
                .build(new Population(2, 2), new Catalog(2, 1), new RandomStreams(1));
        assertThat(edges(g)).containsExactly("1->0");
        assertThatThrownBy(() -> new EdgeListGraph.Params(" "))
                .isInstanceOfSatisfying(InvalidParameterException.class, e -> assertThat(e.field()).isEqualTo("path"));
        assertThatThrownBy(() -> new EdgeListGraph.Params(null))
                .isInstanceOfSatisfying(InvalidParameterException.class, e -> assertThat(e.field()).isEqualTo("path"));
    }
}
