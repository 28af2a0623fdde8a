package org.recloop.scenarios.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bench command end to end on a short small workload: the table, the CSV, bad arguments. */
class BenchCommandIT {

    @TempDir
    Path dir;

    private int run(StringWriter out, StringWriter err, String... args) {
        return RecLoopCli.commandLine(new PrintWriter(out, true), new PrintWriter(err, true)).execute(args);
    }

    @Test
    void smallWorkloadWritesItsFiguresAsCsv() throws Exception {
        List<Path> before = benchFolders();
        Path csv = dir.resolve("bench.csv");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        // 12 ticks: ticks 10 and 11 are steady-state ticks after the first refit (tick 9)
        int code = run(out, err, "bench", "--workload", "small", "--ticks", "12", "--threads", "2", "--out",
                csv.toString());
        assertThat(code).as(err.toString()).isZero();
        assertThat(out.toString()).contains("workload small").contains("sessions/s").contains("peak heap");
        List<String> lines = Files.readAllLines(csv);
        assertThat(lines.get(0)).isEqualTo("workload,figure,value,unit");
        String sessions = lines.stream().filter(l -> l.contains("sessions/s (steady state")).findFirst().orElseThrow();
        String[] cols = sessions.split(",");
        double v = Double.parseDouble(cols[cols.length - 2]);
        // 10,000 users, 10% active: about 1,000 sessions per steady tick, in well under a minute
        assertThat(v).isFinite().isGreaterThan(1000.0 / 60);
        assertThat(lines).anyMatch(l -> l.startsWith("small,\"peak heap"));
        assertThat(out.toString()).doesNotContain("run folder");
        assertThat(benchFolders()).as("no run folder left in the temporary directory").isEqualTo(before);
    }

    @Test
    void keepRunKeepsTheRunFolderAndSaysWhere() throws Exception {
        StringWriter kept = new StringWriter();
        StringWriter err = new StringWriter();
        assertThat(run(kept, err, "bench", "--workload", "small", "--ticks", "12", "--threads", "2", "--keep-run"))
                .as(err.toString()).isZero();
        String line = kept.toString().lines().filter(l -> l.startsWith("run folder")).findFirst().orElseThrow();
        Path folder = Path.of(line.substring(line.indexOf(": ") + 2));
        try {
            assertThat(benchFolders()).contains(folder);
            try (var files = Files.walk(folder)) {
                assertThat(files.map(p -> p.getFileName().toString())).contains("recloop.mv.db");
            }
        } finally {
            org.recloop.scenarios.output.Folders.deleteTree(folder);
        }
    }

    private static List<Path> benchFolders() throws Exception {
        try (var all = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return all.filter(p -> p.getFileName().toString().startsWith("recloop-bench-")).sorted().toList();
        }
    }

    @Test
    void unknownWorkloadIsRejectedWithTheList() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = run(out, err, "bench", "--workload", "huge");
        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("huge").contains("small").contains("medium").contains("large");
    }

    @Test
    void chaneyRejectsAnUnknownSizeNamingTheChoices() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = run(out, err, "bench", "--workload", "chaney", "--size", "huge");
        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("--size").contains("'huge'").contains("small, large");
    }

    @Test
    void anUnknownStoreIsRejectedNamingTheChoicesForEveryWorkload() {
        for (String workload : List.of("chaney", "small")) {
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            int code = run(out, err, "bench", "--workload", workload, "--store", "lmdb");
            assertThat(code).as(workload).isEqualTo(2);
            assertThat(err.toString()).contains("--store").contains("h2, parquet").contains("'lmdb'");
        }
    }
}
