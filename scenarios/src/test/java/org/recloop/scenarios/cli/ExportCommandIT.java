package org.recloop.scenarios.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code recloop export} and {@code generate} on real runs: formats, card, splits, round trip, bad input. */
class ExportCommandIT {

    @TempDir
    static Path shared;

    private static Path run;

    record Result(int code, String out, String err) {}

    static Result cli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = RecLoopCli.commandLine(new PrintWriter(out, true), new PrintWriter(err, true)).execute(args);
        return new Result(code, out.toString(), err.toString());
    }

    /** A small random-slate world where 150 users are active enough that everyone clicks; 20 users forgotten. */
    static String scenario(String name, int users, int items, int ticks, boolean forget) {
        return "name: " + name + "\nseed: 5\nticks: " + ticks + "\nslateSize: 8\n"
                + "world:\n  catalog: {type: synthetic, items: " + items + ", dimensions: 8, topics: 5}\n"
                + "  population: {type: synthetic, users: " + users + ", meanActivity: 1.5, activitySpread: 0.3}\n"
                + "users: {type: mnl, beta: 5.0, noClickUtility: 0.2}\n"
                + "recommender: random\nmetrics: [ctr]\n"
                + (forget ? "interventions:\n  - {type: forget, at: 6, scope: users, ids: [3, 4, 5, 6, 7]}\n" : "");
    }

    @BeforeAll
    static void makeRun() throws Exception {
        Path yaml = shared.resolve("small.yaml");
        Files.writeString(yaml, scenario("small", 150, 60, 12, true));
        Result r = cli("run", yaml.toString(), "--out", shared.resolve("runs").toString(), "--no-progress");
        assertThat(r.code()).as(r.out() + r.err()).isZero();
        try (Stream<Path> s = Files.list(shared.resolve("runs"))) {
            run = s.filter(Files::isDirectory).findFirst().orElseThrow();
        }
    }

    private static Map<String, Double> results(Path csv) throws Exception {
        Map<String, Double> m = new TreeMap<>();
        for (String line : Files.readAllLines(csv).subList(1, Files.readAllLines(csv).size())) {
            String[] f = line.split(",");
            m.put(f[0] + "/" + f[1] + "@" + f[2], Double.parseDouble(f[3]));
        }
        return m;
    }

    @Test
    void movielensCsvEvaluatesLikeTheRunItself(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("ml");
        Result e = cli("export", run.toString(), "--format", "movielens", "--out", out.toString());
        assertThat(e.code()).as(e.out() + e.err()).isZero();
        List<String> rows = Files.readAllLines(out.resolve("ratings.csv"));
        assertThat(rows.get(0)).isEqualTo("user,item,rating,timestamp");
        for (String algorithms : List.of("most-popular,item-knn")) {
            Result fromRun = cli("evaluate", "--data", run.toString(), "--algorithms", algorithms, "--split", "temporal",
                    "--k", "5,10", "--out", dir.resolve("run.csv").toString());
            Result fromCsv = cli("evaluate", "--data", out.resolve("ratings.csv").toString(), "--algorithms",
                    algorithms, "--split", "temporal", "--k", "5,10", "--out", dir.resolve("csv.csv").toString());
            assertThat(fromRun.code()).as(fromRun.err()).isZero();
            assertThat(fromCsv.code()).as(fromCsv.err()).isZero();
            Map<String, Double> a = results(dir.resolve("run.csv"));
            Map<String, Double> b = results(dir.resolve("csv.csv"));
            int compared = 0;
            for (String metric : List.of("precision", "recall", "ndcg", "map", "mrr", "hit_rate")) {
                for (Map.Entry<String, Double> x : a.entrySet()) {
                    if (x.getKey().contains("/" + metric + "@")) {
                        assertThat(b.get(x.getKey())).as(x.getKey()).isEqualTo(x.getValue());
                        compared++;
                    }
                }
            }
            assertThat(compared).isGreaterThanOrEqualTo(12);
        }
    }

    /**
     * A RecBole export keeps the run's ids, rows and full catalog, so even a seeded random split
     * (which draws per user id) partitions it as it partitions the run, and every metric matches:
     * accuracy and the catalog-wide ones (coverage, intra-list diversity from the item features).
     */
    @Test
    void recboleInterEvaluatesLikeTheRunItselfUnderEverySplit(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("rb");
        Result e = cli("export", run.toString(), "--format", "recbole", "--ground-truth", "--out", out.toString());
        assertThat(e.code()).as(e.out() + e.err()).isZero();
        for (String split : List.of("random", "temporal", "loo")) {
            Result fromRun = cli("evaluate", "--data", run.toString(), "--algorithms", "most-popular,item-knn",
                    "--split", split, "--k", "5,10", "--out", dir.resolve("run-" + split + ".csv").toString());
            Result fromInter = cli("evaluate", "--data", out.resolve("rb.inter").toString(), "--algorithms",
                    "most-popular,item-knn", "--split", split, "--k", "5,10", "--out",
                    dir.resolve("inter-" + split + ".csv").toString());
            assertThat(fromRun.code()).as(fromRun.err()).isZero();
            assertThat(fromInter.code()).as(fromInter.err()).isZero();
            assertThat(fromInter.out()).contains("catalog from rb.item");
            Map<String, Double> a = results(dir.resolve("run-" + split + ".csv"));
            Map<String, Double> b = results(dir.resolve("inter-" + split + ".csv"));
            assertThat(a.keySet()).anyMatch(k -> k.contains("/coverage@")).anyMatch(k -> k.contains("/ild@"));
            assertThat(b).as(split).isEqualTo(a);
        }
    }

    @Test
    void aMalformedInterFileIsRefusedNamingFileLineAndField(@TempDir Path dir) throws Exception {
        Path inter = dir.resolve("bad.inter");
        Files.writeString(inter, "user_id:token\titem_id:token\ttimestamp:float\n0\t1\t0\nu7\t2\t1\n");
        Result r = cli("evaluate", "--data", inter.toString(), "--algorithms", "most-popular", "--split", "loo",
                "--k", "5", "--out", dir.resolve("r.csv").toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains(inter.toString()).contains("3").contains("user_id must be a whole number");
    }

    /**
     * The fake-account marks come from the ground truth the kernel logs when an attack opens
     * accounts (the fake_accounts table), not from the intervention's wording: rewriting every
     * intervention description leaves the marks as they were.
     */
    @Test
    void fakeAccountsOpenedByAnAttackAreMarkedInTheUsersFile(@TempDir Path dir) throws Exception {
        Path yaml = dir.resolve("attack.yaml");
        Files.writeString(yaml, scenario("attack", 60, 30, 6, false)
                + "interventions:\n  - {type: attack, at: 2, accounts: 7, strategy: average, goal: push,"
                + " targets: [3], actionsPerTick: 2}\n");
        Result r = cli("run", yaml.toString(), "--out", dir.resolve("runs").toString(), "--no-progress");
        assertThat(r.code()).as(r.out() + r.err()).isZero();
        Path attacked;
        try (Stream<Path> s = Files.list(dir.resolve("runs"))) {
            attacked = s.filter(Files::isDirectory).findFirst().orElseThrow();
        }
        try (Connection c = DriverManager.getConnection("jdbc:h2:file:" + attacked.resolve("recloop"), "sa", "");
                Statement st = c.createStatement()) {
            st.execute("UPDATE interventions SET description = 'reworded'");
        }
        Path out = dir.resolve("d");
        Result e = cli("export", attacked.toString(), "--format", "movielens", "--ground-truth", "--out",
                out.toString());
        assertThat(e.code()).as(e.err()).isZero();
        List<String> users = Files.readAllLines(out.resolve("users.csv"));
        int fakeCol = List.of(users.get(0).split(",")).indexOf("fake");
        Set<Integer> fake = new HashSet<>();
        users.stream().skip(1).map(l -> l.split(",")).filter(f -> f[fakeCol].equals("1"))
                .forEach(f -> fake.add(Integer.parseInt(f[0])));
        assertThat(users).hasSize(1 + 67);
        assertThat(fake).containsExactlyInAnyOrder(60, 61, 62, 63, 64, 65, 66);
    }

    @Test
    void calibrateComparesADatasetWithARealFile(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("ml");
        assertThat(cli("export", run.toString(), "--format", "movielens", "--out", out.toString()).code()).isZero();
        Path csv = dir.resolve("cal.csv");
        Result r = cli("calibrate", "--data", out.resolve("ratings.csv").toString(), "--dataset", out.toString(),
                "--real-session-gap", "0", "--out", csv.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("activity_gini").contains("popularity_mean").contains("session_length_mean");
        List<String> lines = Files.readAllLines(csv);
        assertThat(lines.get(0)).isEqualTo("statistic,real,dataset,ks_distance");
        // the same file on both sides: every distance 0, every statistic equal
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",", -1);
            assertThat(f[1]).as(line).isEqualTo(f[2]);
            assertThat(f[3]).as(line).isIn("", "0.0");
        }
        r = cli("calibrate", "--data", out.resolve("ratings.csv").toString(), "--dataset", dir.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err().strip()).isEqualTo("recloop calibrate: --dataset " + dir
                + " holds no ratings.csv (export the run with --format movielens)");
        r = cli("calibrate", "--data", dir.resolve("missing.csv").toString(), "--dataset", out.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).startsWith("recloop calibrate: invalid data file " + dir.resolve("missing.csv"));
    }

    @Test
    void forgottenUsersNeverAppear(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("f");
        Result e = cli("export", run.toString(), "--format", "movielens", "--exposures", "--events",
                "click,consume", "--out", out.toString());
        assertThat(e.code()).as(e.err()).isZero();
        Set<String> forgotten = Set.of("3", "4", "5", "6", "7");
        for (String file : List.of("ratings.csv", "exposures.csv")) {
            List<String> lines = Files.readAllLines(out.resolve(file));
            int userCol = List.of(lines.get(0).split(",")).indexOf("user");
            assertThat(lines.size()).isGreaterThan(100);
            assertThat(lines.stream().skip(1).map(l -> l.split(",")[userCol])).doesNotContainAnyElementsOf(forgotten)
                    .contains("8");
        }
    }

    @Test
    void recboleFilesHaveTheDocumentedTypedHeadersAndSplitsPartitionTheRows(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("sim");
        Result e = cli("export", run.toString(), "--format", "recbole", "--ground-truth", "--exposures", "--split",
                "loo", "--out", out.toString());
        assertThat(e.code()).as(e.err()).isZero();
        assertThat(Files.readAllLines(out.resolve("sim.inter")).get(0))
                .isEqualTo("user_id:token\titem_id:token\trating:float\ttimestamp:float\tevent:token");
        assertThat(Files.readAllLines(out.resolve("sim.user")).get(0))
                .isEqualTo("user_id:token\tarchetype:float\tactivity:float\tpreference:float_seq\tfake:float");
        assertThat(Files.readAllLines(out.resolve("sim.item")).get(0)).isEqualTo("item_id:token\ttopic:token"
                + "\tcreator:token\tcreated_tick:float\tfeatures:float_seq\tquality:float\tpopularity:float");
        // every header field is name:type with a type of RecBole's atomic files
        Set<String> types = Set.of("token", "token_seq", "float", "float_seq");
        for (String f : List.of("sim.inter", "sim.user", "sim.item", "sim.exposures", "sim.train.inter")) {
            for (String field : Files.readAllLines(out.resolve(f)).get(0).split("\t")) {
                assertThat(types).as(f + " " + field).contains(field.substring(field.indexOf(':') + 1));
            }
        }
        // a preference vector is space-separated floats (float_seq) of the world's 8 dimensions
        String user0 = Files.readAllLines(out.resolve("sim.user")).get(1);
        assertThat(user0.split("\t")[3].split(" ")).hasSize(8);
        long all = Files.lines(out.resolve("sim.inter")).count() - 1;
        long parts = 0;
        for (String p : List.of("train", "valid", "test")) {
            parts += Files.lines(out.resolve("sim." + p + ".inter")).count() - 1;
        }
        assertThat(parts).isEqualTo(all);
        // loo: at most one test row per user
        List<String> test = Files.readAllLines(out.resolve("sim.test.inter"));
        Set<String> users = new HashSet<>();
        test.stream().skip(1).forEach(l -> assertThat(users.add(l.split("\t")[0])).isTrue());
        JsonNode card = new ObjectMapper().readTree(out.resolve("card.json").toFile());
        assertThat(card.at("/source/complete").asBoolean()).isTrue();
        assertThat(card.at("/source/seed").asLong()).isEqualTo(5);
        assertThat(card.at("/source/scenario_sha256").asText()).hasSize(64);
        assertThat(card.at("/statistics/interactions").asLong()).isEqualTo(all);
        assertThat(card.at("/statistics/popularity/gini").asDouble()).isBetween(0.0, 1.0);
        assertThat(card.at("/parameters/ticks").asInt()).isEqualTo(12);
        assertThat(Files.readString(out.resolve("CARD.md"))).contains("| `preference` | float_seq |");
    }

    @Test
    void parquetReadsBackThroughDuckDb(@TempDir Path dir) throws Exception {
        Path csv = dir.resolve("csv");
        Path pq = dir.resolve("pq");
        assertThat(cli("export", run.toString(), "--format", "movielens", "--exposures", "--out", csv.toString())
                .code()).isZero();
        Result e = cli("export", run.toString(), "--format", "parquet", "--exposures", "--ground-truth", "--split",
                "temporal", "--out", pq.toString());
        assertThat(e.code()).as(e.err()).isZero();
        try (Stream<Path> s = Files.list(pq)) {
            assertThat(s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".csv"))).isEmpty();
        }
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement st = c.createStatement()) {
            ResultSet rs = st.executeQuery("SELECT COUNT(*), MIN(\"user\"), MAX(timestamp) FROM read_parquet('"
                    + pq.resolve("interactions.parquet") + "')");
            rs.next();
            assertThat(rs.getLong(1)).isEqualTo(Files.lines(csv.resolve("ratings.csv")).count() - 1);
            rs = st.executeQuery("SELECT COUNT(*), SUM(clicked) FROM read_parquet('" + pq.resolve("exposures.parquet")
                    + "')");
            rs.next();
            assertThat(rs.getLong(1)).isEqualTo(Files.lines(csv.resolve("exposures.csv")).count() - 1);
            assertThat(rs.getLong(2)).isPositive();
            rs = st.executeQuery("SELECT len(preference), typeof(preference) FROM read_parquet('"
                    + pq.resolve("users.parquet") + "') LIMIT 1");
            rs.next();
            assertThat(rs.getInt(1)).isEqualTo(8);
            assertThat(rs.getString(2)).isEqualTo("FLOAT[]");
            rs = st.executeQuery("SELECT (SELECT COUNT(*) FROM read_parquet('" + pq.resolve("interactions.train.parquet")
                    + "')) + (SELECT COUNT(*) FROM read_parquet('" + pq.resolve("interactions.valid.parquet")
                    + "')) + (SELECT COUNT(*) FROM read_parquet('" + pq.resolve("interactions.test.parquet") + "'))");
            rs.next();
            assertThat(rs.getLong(1)).isEqualTo(Files.lines(csv.resolve("ratings.csv")).count() - 1);
        }
    }

    @Test
    void sequentialWritesOneLinePerUserInTimeOrder(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("seq");
        assertThat(cli("export", run.toString(), "--format", "sequential", "--out", out.toString()).code()).isZero();
        Path csv = dir.resolve("csv");
        assertThat(cli("export", run.toString(), "--format", "movielens", "--out", csv.toString()).code()).isZero();
        Map<String, StringBuilder> expected = new TreeMap<>();
        Files.readAllLines(csv.resolve("ratings.csv")).stream().skip(1).map(l -> l.split(","))
                .forEach(f -> expected.computeIfAbsent(f[0], k -> new StringBuilder(k)).append(' ').append(f[1]));
        Map<String, String> got = new TreeMap<>();
        for (String line : Files.readAllLines(out.resolve("sequences.txt"))) {
            got.put(line.substring(0, line.indexOf(' ')), line);
        }
        assertThat(got).hasSameSizeAs(expected);
        expected.forEach((u, sb) -> assertThat(got.get(u)).isEqualTo(sb.toString()));
    }

    @Test
    void aKilledRunExportsItsCommittedTicksAndTheCardSaysSo(@TempDir Path dir) throws Exception {
        Path killed = dir.resolve("killed");
        Files.createDirectories(killed);
        Files.copy(run.resolve("recloop.mv.db"), killed.resolve("recloop.mv.db"));
        // what a SIGKILL after tick 4 leaves: status running, ticks after the last committed one present
        try (Connection c = DriverManager.getConnection("jdbc:h2:file:" + killed.resolve("recloop"), "sa", "");
                Statement st = c.createStatement()) {
            st.execute("UPDATE runs SET status = 'running', last_committed_tick = 4");
        }
        Path out = dir.resolve("k");
        Result e = cli("export", killed.toString(), "--format", "movielens", "--out", out.toString());
        assertThat(e.code()).as(e.err()).isZero();
        assertThat(e.out()).contains("incomplete run 'running': only the committed ticks 0..4 are exported");
        assertThat(Files.readAllLines(out.resolve("ratings.csv")).stream().skip(1)
                .mapToInt(l -> Integer.parseInt(l.split(",")[3])).max().orElseThrow()).isEqualTo(4);
        JsonNode card = new ObjectMapper().readTree(out.resolve("card.json").toFile());
        assertThat(card.at("/source/complete").asBoolean()).isFalse();
        assertThat(card.at("/source/note").asText()).contains("killed").contains("0..4");
        assertThat(Files.readString(out.resolve("CARD.md"))).contains("only the committed ticks 0..4 are exported");
    }

    @Test
    void badInputGivesOneLineExitTwoAndWritesNothing(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("x");
        Result r = cli("export", run.toString(), "--format", "csv", "--out", out.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err().strip()).isEqualTo(
                "recloop export: unknown --format 'csv'; available: movielens, recbole, sequential, parquet");
        r = cli("export", dir.toString(), "--format", "movielens", "--out", out.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err().strip()).isEqualTo("recloop export: " + dir + " is not a run folder (no recloop.mv.db in it)");
        r = cli("export", run.toString(), "--format", "movielens", "--events", "clik", "--out", out.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err().strip()).startsWith("recloop export: unknown event type 'clik' in --events; available: click,");
        assertThat(out).doesNotExist();
        Files.createDirectories(out);
        Files.writeString(out.resolve("keep.txt"), "mine");
        r = cli("export", run.toString(), "--format", "movielens", "--out", out.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err().strip()).isEqualTo(
                "recloop export: --out " + out + " exists and is not empty; use --force to replace it");
        assertThat(Files.readString(out.resolve("keep.txt"))).isEqualTo("mine");
        r = cli("export", run.toString(), "--format", "movielens", "--out", out.toString(), "--force");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(out.resolve("keep.txt")).doesNotExist();
        assertThat(out.resolve("ratings.csv")).exists();
        try (Stream<Path> s = Files.list(dir)) { // no temporary folder left beside it
            assertThat(s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".tmp") || n.endsWith(".old")))
                    .isEmpty();
        }
    }

    @Test
    void generateRunsExportsAndDeletesTheRun(@TempDir Path dir) throws Exception {
        Path yaml = dir.resolve("gen.yaml");
        Files.writeString(yaml, scenario("gen", 80, 30, 5, false));
        Path out = dir.resolve("data");
        Result r = cli("generate", yaml.toString(), "--format", "recbole", "--out", out.toString());
        assertThat(r.code()).as(r.out() + r.err()).isZero();
        assertThat(out.resolve("data.inter")).exists();
        assertThat(out.resolve("card.json")).exists();
        try (Stream<Path> s = Files.list(dir)) {
            assertThat(s.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("gen.yaml", "data",
                    ".data.lock");
        }
        Path runs = dir.resolve("kept");
        r = cli("generate", yaml.toString(), "--format", "movielens", "--out", dir.resolve("data2").toString(),
                "--keep-run", "--runs", runs.toString());
        assertThat(r.code()).as(r.out() + r.err()).isZero();
        try (Stream<Path> s = Files.list(runs)) {
            List<Path> kept = s.toList();
            assertThat(kept).hasSize(1);
            assertThat(kept.get(0).resolve("recloop.mv.db")).exists();
        }
    }
}
