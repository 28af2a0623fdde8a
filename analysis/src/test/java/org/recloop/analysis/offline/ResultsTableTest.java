package org.recloop.analysis.offline;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResultsTableTest {

    @TempDir
    Path dir;

    private static final List<Evaluator.Row> ROWS = List.of(
            new Evaluator.Row("als", "ndcg", 10, 0.123456789),
            new Evaluator.Row("als", "ndcg", 20, 0.2),
            new Evaluator.Row("als", "pop_reo", 10, Double.NaN),
            new Evaluator.Row("random", "ndcg", 10, 0.01),
            new Evaluator.Row("random", "ndcg", 20, 0.02),
            new Evaluator.Row("random", "pop_reo", 10, 0.5));

    @Test
    void csvHasTheHeaderAndOneLinePerRow() throws Exception {
        String csv = new ResultsTable(ROWS).csv();
        assertThat(csv).isEqualTo("""
                algorithm,metric,k,value,phase
                als,ndcg,10,0.123457,test
                als,ndcg,20,0.200000,test
                als,pop_reo,10,NaN,test
                random,ndcg,10,0.010000,test
                random,ndcg,20,0.020000,test
                random,pop_reo,10,0.500000,test
                """);
        Path f = dir.resolve("sub/results.csv");
        new ResultsTable(ROWS).writeCsv(f);
        assertThat(Files.readString(f)).isEqualTo(csv);
    }

    @Test
    void validationRowsFollowTheTestRowsWithTheirPhase() {
        String csv = new ResultsTable(List.of(ROWS.get(0)),
                List.of(new Evaluator.Row("bpr:factors=8,epochs=2", "ndcg", 10, 0.5))).csv();
        assertThat(csv).isEqualTo("""
                algorithm,metric,k,value,phase
                als,ndcg,10,0.123457,test
                "bpr:factors=8,epochs=2",ndcg,10,0.500000,validation
                """);
    }

    @Test
    void namesWithCommasAreQuoted() {
        String csv = new ResultsTable(List.of(new Evaluator.Row("als,\"big\"", "ndcg", 5, 1))).csv();
        assertThat(csv).endsWith("\"als,\"\"big\"\"\",ndcg,5,1.000000,test\n");
    }

    @Test
    void prettyTableHasOneLinePerMetricAtKAndOneColumnPerAlgorithm() {
        String t = new ResultsTable(ROWS).pretty();
        String[] lines = t.split("\n");
        assertThat(lines).hasSize(4);
        assertThat(lines[0]).matches("\\s+metric\\s+als\\s+random");
        assertThat(lines[1]).matches("\\s+ndcg@10\\s+0\\.1235\\s+0\\.0100");
        assertThat(lines[2]).matches("\\s+ndcg@20\\s+0\\.2000\\s+0\\.0200");
        assertThat(lines[3]).matches("\\s+pop_reo@10\\s+NaN\\s+0\\.5000");
    }

    @Test
    void missingCellsShowADash() {
        String t = new ResultsTable(List.of(new Evaluator.Row("a", "ild", 10, 0.5),
                new Evaluator.Row("b", "ndcg", 10, 0.25))).pretty();
        assertThat(t).contains("ild@10").contains("ndcg@10");
        assertThat(t.split("\n")[1]).matches("\\s+ild@10\\s+0\\.5000\\s+-");
    }
}
