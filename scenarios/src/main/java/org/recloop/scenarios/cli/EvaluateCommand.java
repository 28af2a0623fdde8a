package org.recloop.scenarios.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.recloop.analysis.offline.Evaluator;
import org.recloop.analysis.offline.OfflineData;
import org.recloop.analysis.offline.ResultsTable;
import org.recloop.analysis.offline.Split;
import org.recloop.scenarios.registry.Registry;
import org.recloop.scenarios.registry.StandardComponents;
import org.recloop.scenarios.output.AtomicFile;
import org.recloop.scenarios.runner.StopSignal;
import org.recloop.scenarios.schema.FieldException;
import org.recloop.scenarios.schema.ScenarioLoader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code recloop evaluate --data FILE|RUN_DIR --algorithms SPEC,... --split random|temporal|loo --k 10,20
 * [--grid 'TYPE.PARAM=V1,V2 ...'] [--sampled N] [--test-fraction 0.2] [--seed N] [--min-rating R]
 * [--strict] --out results.csv}: offline evaluation of registered recommenders (specs as in
 * {@link EvaluatedAlgorithms}, grid search as in {@link GridSearch}) on a MovieLens-style
 * interaction file or on a run folder's clicks (see {@link org.recloop.analysis.offline}). Prints
 * a table and writes the CSV {@code algorithm,metric,k,value,phase}.
 *
 * <p>Exit codes: 0 done, 1 an algorithm failed or the CSV could not be written, 2 invalid
 * arguments, unknown algorithm or malformed data file (with {@code --strict}: also a rating file
 * with duplicate or negative ratings), 3 interrupted (SIGTERM, Ctrl-C): the algorithm in progress
 * is finished, the rest skipped, and the table and CSV hold those done.
 */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = "Offline evaluation: split interactions into train and test, fit each recommender on the"
                + " training part and score its top-K lists (precision, recall, ndcg, map, mrr, hit_rate, coverage,"
                + " arp, aplt, pop_reo, novelty, ild).")
final class EvaluateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    OfflineInput input;

    @Option(names = "--algorithms", required = true, paramLabel = "SPEC",
            description = "recommenders, comma-separated (or the option repeated); each a registry name (als),"
                    + " NAME:PARAMS (bpr:factors=64,epochs=30), a spec in scenario syntax"
                    + " ('{type: bpr, factors: 64, epochs: 30}') or @FILE, a YAML list of specs. Results are labelled"
                    + " with the name plus the parameters that differ from the defaults")
    List<String> algorithms;

    @Option(names = "--grid", paramLabel = "'TYPE.PARAM=V1,V2 ...'",
            description = "grid search, e.g. 'bpr.factors=32,64 bpr.epochs=20,30': every combination is scored on a"
                    + " validation split cut from the training data (same split method), never on the test split;"
                    + " the setting with the best ndcg at the smallest --k is then scored on the test split."
                    + " The CSV keeps every setting's validation rows (phase=validation)")
    String grid;

    @Option(names = "--sampled", paramLabel = "N",
            description = "also report sampled metrics (sampled_hit_rate, sampled_ndcg, sampled_mrr): each test item"
                    + " ranked against N random unseen items (seeded). The full ranking over every unseen item stays"
                    + " the default and the measure to trust: sampled metrics are inconsistent with it and can even"
                    + " reverse the order of two algorithms (Krichene & Rendle, KDD 2020); use them only to compare"
                    + " with papers that report them")
    Integer sampled;

    @Option(names = "--split", required = true, paramLabel = "random|temporal|loo",
            description = "random: per-user random holdout; temporal: each user's latest interactions;"
                    + " loo: each user's last interaction")
    String split;

    @Option(names = "--k", required = true, split = ",", paramLabel = "K", description = "cutoffs, e.g. 10,20")
    List<Integer> ks;

    @Option(names = "--test-fraction", paramLabel = "F",
            description = "share of each user's interactions held out by random and temporal splits (default: 0.2)")
    Double testFraction;

    @Option(names = "--seed", defaultValue = "1", description = "seed of the random split and of the recommenders"
            + " (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "results CSV to write")
    Path out;

    @Override
    public Integer call() {
        try (StopSignal.Command stop = StopSignal.command()) {
            return stop.exit(OutFile.locked(spec, "evaluate", out, this::execute));
        }
    }

    private int execute() {
        PrintWriter o = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        // ---- arguments
        if (input.refused(err, "evaluate")) {
            return 2;
        }
        Split.Method method;
        try {
            method = Split.Method.parse(split);
        } catch (IllegalArgumentException e) {
            return usage(err, "--split must be random, temporal or loo, was '" + split + "'");
        }
        String problem = optionProblem(method);
        if (problem != null) {
            return usage(err, problem);
        }
        double fraction = testFraction == null ? 0.2 : testFraction;
        // ---- algorithms and grid, resolved before any data is read
        List<EvaluatedAlgorithms.Labelled> algs;
        List<GridSearch.Plan> plans;
        try {
            ObjectMapper mapper = ScenarioLoader.newMapper();
            Registry registry = StandardComponents.registry(mapper);
            algs = EvaluatedAlgorithms.resolve(algorithms, mapper, registry);
            plans = grid == null ? Collections.nCopies(algs.size(), null)
                    : GridSearch.plan(grid, algs, mapper, registry);
        } catch (FieldException | IllegalArgumentException e) {
            return usage(err, e.getMessage());
        }
        // ---- data and split
        OfflineData d = input.load(o, err);
        if (d == null) {
            return 2;
        }
        Split.Result s = Split.apply(method, d.interactions(), fraction, seed);
        int[] testUsers = s.testUsers();
        o.printf(Locale.ROOT, "split     %s%s: %,d training interactions, %,d test users, %,d test items%n",
                method.label(), method == Split.Method.LEAVE_ONE_OUT ? "" : String.format(Locale.ROOT, " %.2f", fraction),
                s.train().size(), testUsers.length, s.testPairs());
        o.flush();
        if (testUsers.length == 0) {
            err.println("recloop evaluate: the split left no test users (no user has two interactions with a new item"
                    + " among the held-out ones)");
            return 2;
        }
        Split.Result validation = null;
        if (grid != null) {
            validation = Split.apply(method, s.train(), fraction, seed);
            if (validation.testUsers().length == 0) {
                err.println("recloop evaluate: --grid: the validation split of the training data left no users to"
                        + " validate on");
                return 2;
            }
            o.printf(Locale.ROOT, "validate  %s split of the training data: %,d interactions, %,d validation users%n",
                    method.label(), validation.train().size(), validation.testUsers().length);
        }
        return evaluate(o, err, new Evaluation(s, validation, d), algs, plans);
    }

    /** The data of one evaluation: the test split, the grid's validation split (or null) and the input. */
    private record Evaluation(Split.Result test, Split.Result validation, OfflineData data) {}

    /** What is wrong with the numeric options and their combination with the split, or null. */
    private String optionProblem(Split.Method method) {
        for (Integer k : ks) {
            if (k == null || k <= 0) {
                return "--k values must be > 0, was " + k;
            }
        }
        if (sampled != null && sampled <= 0) {
            return "--sampled must be > 0, was " + sampled;
        }
        if (testFraction != null && method == Split.Method.LEAVE_ONE_OUT) {
            return "--test-fraction does not apply to --split loo";
        }
        double fraction = testFraction == null ? 0.2 : testFraction;
        if (!(fraction > 0 && fraction < 1)) {
            return "--test-fraction must be in (0, 1), was " + testFraction;
        }
        return null;
    }

    /**
     * Evaluates the algorithms in turn (a stop request skips those not started), prints the table
     * and writes the CSV; the exit code.
     */
    private int evaluate(PrintWriter o, PrintWriter err, Evaluation e, List<EvaluatedAlgorithms.Labelled> algs,
            List<GridSearch.Plan> plans) {
        Evaluator ev = new Evaluator(Evaluator.Options.of(ks, seed));
        List<Evaluator.Row> rows = new ArrayList<>();
        List<Evaluator.Row> validationRows = new ArrayList<>();
        int evaluated = 0;
        for (int i = 0; i < algs.size(); i++) {
            if (StopSignal.stopRequested()) {
                break; // SIGTERM / Ctrl-C: keep what is evaluated, start nothing new
            }
            EvaluatedAlgorithms.Labelled a = algs.get(i);
            long t0 = System.nanoTime();
            try {
                GridSearch.Outcome chosen = null;
                if (plans.get(i) != null) {
                    chosen = GridSearch.run(plans.get(i), e.validation(), e.data().catalog(), ev);
                    validationRows.addAll(chosen.validation());
                    o.printf(Locale.ROOT, "grid      %s: %d settings on the validation split, chosen %s (ndcg@%d %.4f)%n",
                            a.label(), plans.get(i).settings().size(), chosen.chosen().label(), ev.options().ks().get(0),
                            chosen.score());
                    a = chosen.chosen();
                }
                List<Evaluator.Row> r = ev.evaluate(e.test(), e.data().catalog(),
                        new Evaluator.Algorithm(a.label(), a.component().factory()), sampled == null ? 0 : sampled);
                rows.addAll(r);
                if (chosen != null) {
                    o.printf(Locale.ROOT, "chosen    %s: test ndcg@%d %.4f%n", a.label(), ev.options().ks().get(0),
                            GridSearch.ndcg(r, ev.options().ks().get(0)));
                }
            } catch (RuntimeException ex) {
                err.println("evaluation failed: algorithm " + a.label() + ": " + ex);
                for (Throwable c = ex.getCause(); c != null; c = c.getCause()) {
                    err.println("  caused by: " + c);
                }
                return 1;
            }
            evaluated++;
            o.printf(Locale.ROOT, "evaluated %s in %.1f s%n", a.label(), (System.nanoTime() - t0) / 1e9);
            o.flush();
        }
        ResultsTable table = new ResultsTable(rows, validationRows);
        o.println();
        o.print(table.pretty());
        try {
            AtomicFile.write(out, table::writeCsv);
        } catch (UncheckedIOException ex) {
            err.println("recloop evaluate: " + ex.getMessage());
            return 1;
        } catch (IOException ex) {
            err.println("recloop evaluate: cannot write " + out + ": " + ex.getMessage());
            return 1;
        }
        o.println();
        if (evaluated < algs.size()) {
            o.printf(Locale.ROOT, "interrupted: %d of %d algorithms evaluated%n", evaluated, algs.size());
        }
        o.println("results   " + out.toAbsolutePath());
        o.flush();
        return evaluated < algs.size() ? StopSignal.EXIT_INTERRUPTED : 0;
    }

    private static int usage(PrintWriter err, String message) {
        err.println("recloop evaluate: " + message);
        return 2;
    }
}
