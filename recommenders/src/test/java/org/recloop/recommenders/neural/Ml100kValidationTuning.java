package org.recloop.recommenders.neural;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.recloop.core.serve.Recommender;
import org.recloop.recommenders.mf.BprRecommender;

/**
 * How the neural defaults were chosen: MovieLens 100k under leave-last-out, tuned on a
 * validation split cut from the training part only (each user's last rating by time is the
 * test item and is dropped; of the rest, the user's last one is the validation item). Prints
 * NDCG@10 on the validation items and the fit time; the test items are never read.
 *
 * <p>Development only, never run by the build (the data is not shipped):
 * {@code mvn -B -q -pl recommenders -am verify -Dtest=Ml100kValidationTuning
 * -Dsurefire.failIfNoSpecifiedTests=false -Drecloop.ml100k=/path/to/ml-100k/u.data
 * "-Drecloop.tune=bpr;sasrec epochs=100;lightgcn learningRate=0.005"} (models separated by
 * {@code ;}, parameters as {@code name=value}).
 */
@EnabledIfSystemProperty(named = "recloop.ml100k", matches = ".+")
class Ml100kValidationTuning {

    @Test
    void printValidationNdcg() throws IOException {
        HeldOutData data = validationSplit(Path.of(System.getProperty("recloop.ml100k")));
        for (String config : System.getProperty("recloop.tune", "bpr;sasrec;lightgcn").split(";")) {
            String[] parts = config.trim().split("\\s+");
            Map<String, String> kv = new TreeMap<>();
            for (int i = 1; i < parts.length; i++) {
                String[] e = parts[i].split("=", 2);
                kv.put(e[0], e[1]);
            }
            Recommender rec = build(parts[0], kv);
            long t0 = System.nanoTime();
            rec.fit(data.train, data.trainContext());
            double seconds = (System.nanoTime() - t0) / 1e9;
            System.out.printf(Locale.ROOT, "TUNE %-60s validation NDCG@10 %.4f  fit %.1f s%n", config.trim(),
                    data.ndcgAt10(rec), seconds);
        }
    }

    private static Recommender build(String model, Map<String, String> kv) {
        switch (model) {
            case "bpr":
                return new BprRecommender(BprRecommender.Params.defaults());
            case "sasrec":
                return new SasRecRecommender(new SasRecRecommender.Params(i(kv, "maxLength"), i(kv, "blocks"),
                        i(kv, "heads"), i(kv, "dimensions"), d(kv, "dropout"), i(kv, "epochs"), i(kv, "batchSize"),
                        d(kv, "learningRate"), null, null, d(kv, "validation"), i(kv, "patience"), null));
            case "lightgcn":
                return new LightGcnRecommender(new LightGcnRecommender.Params(i(kv, "dimensions"), i(kv, "layers"),
                        i(kv, "epochs"), i(kv, "batchSize"), d(kv, "learningRate"), d(kv, "l2"), null, null,
                        d(kv, "validation"), i(kv, "patience"), null));
            case "two-tower":
                return new TwoTowerRecommender(new TwoTowerRecommender.Params(i(kv, "dimensions"), i(kv, "history"),
                        null, i(kv, "epochs"), i(kv, "batchSize"), d(kv, "learningRate"), null, null,
                        d(kv, "validation"), i(kv, "patience"), null), org.recloop.core.capability.Capabilities.NONE);
            default:
                throw new IllegalArgumentException("unknown model " + model);
        }
    }

    private static Integer i(Map<String, String> kv, String k) {
        return kv.containsKey(k) ? Integer.valueOf(kv.get(k)) : null;
    }

    private static Double d(Map<String, String> kv, String k) {
        return kv.containsKey(k) ? Double.valueOf(kv.get(k)) : null;
    }

    /** u.data (user, item, rating, timestamp; 1-based ids) minus each user's last two ratings by time. */
    static HeldOutData validationSplit(Path uData) throws IOException {
        List<long[]> rows = new ArrayList<>();
        int users = 0;
        int items = 0;
        int line = 0;
        for (String l : Files.readAllLines(uData)) {
            if (l.isBlank()) {
                continue;
            }
            String[] f = l.trim().split("\\s+");
            int u = Integer.parseInt(f[0]) - 1;
            int i = Integer.parseInt(f[1]) - 1;
            users = Math.max(users, u + 1);
            items = Math.max(items, i + 1);
            rows.add(new long[] {u, i, Long.parseLong(f[3]), line++});
        }
        // time order, ties by file line (as the evaluator's leave-one-out)
        rows.sort(Comparator.<long[]>comparingLong(r -> r[2]).thenComparingLong(r -> r[3]));
        int[] count = new int[users];
        for (long[] r : rows) {
            count[(int) r[0]]++;
        }
        int[] seen = new int[users];
        int[][] valid = new int[users][];
        List<int[]> train = new ArrayList<>();
        for (long[] r : rows) {
            int u = (int) r[0];
            int k = seen[u]++;
            if (k == count[u] - 1) {
                continue; // the test item: never used
            }
            if (k == count[u] - 2) {
                valid[u] = new int[] {(int) r[1]};
                continue;
            }
            train.add(new int[] {u, (int) r[1], (int) (r[2] - rows.get(0)[2])});
        }
        for (int u = 0; u < users; u++) {
            if (valid[u] == null) {
                valid[u] = new int[0];
            }
        }
        return HeldOutData.of(users, items, train, valid, 0);
    }
}
