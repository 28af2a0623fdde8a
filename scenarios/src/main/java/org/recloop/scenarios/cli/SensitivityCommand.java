package org.recloop.scenarios.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.recloop.analysis.offline.OfflineData;
import org.recloop.analysis.sensitivity.RankListSensitivity;
import org.recloop.analysis.sensitivity.SensitivityTable;
import org.recloop.core.serve.Recommender;
import org.recloop.scenarios.registry.Component;
import org.recloop.scenarios.registry.Kind;
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
 * {@code recloop sensitivity --data FILE|RUN_DIR --algorithm NAME[:PARAMS] [--k 10]
 * [--perturbations 20] [--seed 1] [--users N] [--min-rating R] [--strict] --out FILE.csv}: the
 * rank-list sensitivity study of {@link RankListSensitivity} (Oh et al. 2022) for one registered
 * recommender. Prints a summary (mean Jaccard@K, RBO@K and share of changed lists, each with a
 * 95% interval over perturbations) and writes the CSV of {@link SensitivityTable}.
 *
 * <p>Exit codes: 0 done, 1 the recommender failed or the CSV could not be written, 2 invalid
 * arguments, unknown algorithm or parameters, malformed or unusable data file, 3 interrupted
 * (SIGTERM, Ctrl-C): the perturbation in progress is finished, the rest skipped, and the summary
 * and CSV hold those done.
 */
@Command(name = "sensitivity", mixinStandardHelpOptions = true,
        description = "Rank-list sensitivity: fit a recommender on all interactions, then change one interaction of"
                + " one user at a time (remove one, or add one with an unconsumed item), refit, and measure how"
                + " every user's top-K list moves (Jaccard@K, RBO@K with p = 0.9, share of changed lists).")
final class SensitivityCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    OfflineInput input;

    @Option(names = "--algorithm", required = true, paramLabel = "NAME[:PARAMS]",
            description = "recommender type of the registry, with optional parameters as key=value,key=value or a"
                    + " YAML mapping, e.g. item-knn:neighbours=50 (defaults otherwise)")
    String algorithm;

    @Option(names = "--k", defaultValue = "10", description = "list length K (default: ${DEFAULT-VALUE})")
    int k;

    @Option(names = "--perturbations", defaultValue = "20", paramLabel = "P",
            description = "number of one-interaction perturbations (default: ${DEFAULT-VALUE})")
    int perturbations;

    @Option(names = "--seed", defaultValue = "1",
            description = "seed of the user sample, the perturbations and the recommenders (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--users", paramLabel = "N",
            description = "compare a seeded sample of N users (default: every user)")
    Integer users;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "results CSV to write")
    Path out;

    @Override
    public Integer call() {
        try (StopSignal.Command stop = StopSignal.command()) {
            return stop.exit(OutFile.locked(spec, "sensitivity", out, this::execute));
        }
    }

    private int execute() {
        PrintWriter o = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (input.refused(err, "sensitivity")) {
            return 2;
        }
        String problem = optionProblem();
        if (problem != null) {
            return usage(err, problem);
        }
        Component<Recommender> component;
        try {
            component = resolve();
        } catch (IllegalArgumentException | FieldException e) {
            return usage(err, e.getMessage());
        }
        OfflineData d = input.load(o, err);
        if (d == null) {
            return 2;
        }
        o.printf(Locale.ROOT, "study     %s, k %d, %d perturbations, seed %d, %s%n", component.resolved(), k,
                perturbations, seed, users == null ? "every user" : users + " sampled users");
        o.flush();
        return study(o, err, d, component);
    }

    private int study(PrintWriter o, PrintWriter err, OfflineData d, Component<Recommender> component) {
        RankListSensitivity study = new RankListSensitivity(
                RankListSensitivity.Options.of(k, perturbations, seed, users == null ? 0 : users));
        RankListSensitivity.Result result;
        try {
            result = study.run(d.interactions(), d.catalog(), component.factory(), StopSignal::stopRequested);
        } catch (IllegalArgumentException e) {
            err.println("recloop sensitivity: " + input.data + ": " + e.getMessage());
            return 2;
        } catch (RuntimeException e) {
            err.println("sensitivity failed: algorithm " + algorithm + ": " + e);
            for (Throwable c = e.getCause(); c != null; c = c.getCause()) {
                err.println("  caused by: " + c);
            }
            return 1;
        }
        SensitivityTable table = new SensitivityTable(result);
        o.println();
        o.printf(Locale.ROOT, "%d users compared over %d perturbations (k = %d)%n", result.users().length,
                result.rows().size(), k);
        o.print(table.summary());
        try {
            AtomicFile.write(out, table::writeCsv);
        } catch (UncheckedIOException e) {
            err.println("recloop sensitivity: " + e.getMessage());
            return 1;
        } catch (IOException e) {
            err.println("recloop sensitivity: cannot write " + out + ": " + e.getMessage());
            return 1;
        }
        o.println();
        boolean interrupted = result.rows().size() < perturbations;
        if (interrupted) {
            o.printf(Locale.ROOT, "interrupted: %d of %d perturbations done%n", result.rows().size(), perturbations);
        }
        o.println("results   " + out.toAbsolutePath());
        o.flush();
        return interrupted ? StopSignal.EXIT_INTERRUPTED : 0;
    }

    /** What is wrong with the numeric options, or null. */
    private String optionProblem() {
        if (k <= 0) {
            return "--k must be > 0, was " + k;
        }
        if (perturbations < 0) {
            return "--perturbations must be >= 0, was " + perturbations;
        }
        if (users != null && users <= 0) {
            return "--users must be > 0, was " + users;
        }
        return null;
    }

    /** The recommender of {@code --algorithm}, resolved through the registry before any data is read. */
    private Component<Recommender> resolve() {
        ObjectMapper mapper = ScenarioLoader.newMapper();
        JsonNode node = AlgorithmSpec.parse(mapper, algorithm);
        return StandardComponents.registry(mapper).resolve(Kind.RECOMMENDER, node, "algorithm");
    }

    private static int usage(PrintWriter err, String message) {
        err.println("recloop sensitivity: " + message);
        return 2;
    }
}
