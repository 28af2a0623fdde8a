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
import org.recloop.analysis.unlearning.UnlearningStudy;
import org.recloop.core.log.ForgetRequest;
import org.recloop.core.serve.Recommender;
import org.recloop.core.serve.UnlearningMethod;
import org.recloop.scenarios.output.AtomicFile;
import org.recloop.scenarios.registry.Component;
import org.recloop.scenarios.registry.Kind;
import org.recloop.scenarios.registry.StandardComponents;
import org.recloop.scenarios.runner.StopSignal;
import org.recloop.scenarios.schema.FieldException;
import org.recloop.scenarios.schema.ScenarioLoader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code recloop unlearning --data FILE|RUN_DIR --algorithm NAME[:PARAMS] --method
 * exact|sharded|finetune [--scope users|interactions] [--forget N] [--k 10] [--seed 1]
 * [--repeats 3] [--min-rating R] [--strict] --out FILE.csv}: the offline study of {@link
 * UnlearningStudy}. Prints a table (forget-set recall@K, NDCG@K, membership-inference advantage,
 * median seconds; original, unlearned, gold and unlearned/gold) and writes it as CSV.
 *
 * <p>Exit codes: 0 done, 1 the recommender failed or the CSV could not be written, 2 invalid
 * arguments, unknown algorithm or parameters, a method the algorithm cannot do, malformed data or
 * data too small for the split.
 */
@Command(name = "unlearning", mixinStandardHelpOptions = true,
        description = "Machine unlearning study: split users into retained, forget set and never-seen; fit the"
                + " original on retained + forget set and the gold model on retained only; make a copy of the"
                + " original forget by the method; report forget-set recall@K, retained NDCG@K, a membership-inference"
                + " attack's advantage and the time of the unlearning call relative to a full refit.")
final class UnlearningCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    OfflineInput input;

    @Option(names = "--algorithm", required = true, paramLabel = "NAME[:PARAMS]",
            description = "recommender type of the registry with optional parameters, e.g. als:factors=16 or"
                    + " 'sharded:{shards: 4, of: als}'")
    String algorithm;

    @Option(names = "--method", required = true, paramLabel = "METHOD",
            description = "exact (refit), sharded (needs a sharded recommender) or finetune (als, bpr)")
    String method;

    @Option(names = "--scope", defaultValue = "users", description = "users or interactions (default: ${DEFAULT-VALUE})")
    String scope;

    @Option(names = "--forget", defaultValue = "50", paramLabel = "N",
            description = "users in the forget set, and in the never-seen set (default: ${DEFAULT-VALUE})")
    int forget;

    @Option(names = "--k", defaultValue = "10", description = "list length K (default: ${DEFAULT-VALUE})")
    int k;

    @Option(names = "--seed", defaultValue = "1", description = "seed of the split and the fits (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--repeats", defaultValue = "3", paramLabel = "R",
            description = "timed repetitions; times are medians (default: ${DEFAULT-VALUE})")
    int repeats;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "results CSV to write")
    Path out;

    @Override
    public Integer call() {
        try (StopSignal.Command stop = StopSignal.command()) {
            return stop.exit(OutFile.locked(spec, "unlearning", out, this::execute));
        }
    }

    private int execute() {
        PrintWriter o = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (input.refused(err, "unlearning")) {
            return 2;
        }
        UnlearningStudy.Options options;
        Component<Recommender> component;
        try {
            options = options();
            component = resolve();
        } catch (IllegalArgumentException | FieldException e) {
            return usage(err, e.getMessage());
        }
        OfflineData d = input.load(o, err);
        if (d == null) {
            return 2;
        }
        o.printf(Locale.ROOT, "study     %s, method %s, scope %s, forget %d users, k %d, seed %d, %d repeats%n",
                component.resolved(), options.method().id(), scope, forget, k, seed, repeats);
        o.flush();
        UnlearningStudy.Result result;
        try {
            result = new UnlearningStudy(options).run(d.interactions(), d.catalog(), component.factory());
        } catch (IllegalArgumentException e) {
            return usage(err, e.getMessage().startsWith("the recommender") ? "--method: " + e.getMessage()
                    : input.data + ": " + e.getMessage());
        } catch (RuntimeException e) {
            err.println("unlearning failed: algorithm " + algorithm + ": " + e);
            return 1;
        }
        o.println();
        o.printf(Locale.ROOT, "%d forgotten %s%n", result.forgottenPairs(), scope);
        o.print(result.summary());
        try {
            AtomicFile.write(out, path -> {
                try (java.io.Writer w = java.nio.file.Files.newBufferedWriter(path)) {
                    result.writeCsv(w);
                }
            });
        } catch (UncheckedIOException e) {
            err.println("recloop unlearning: " + e.getMessage());
            return 1;
        } catch (IOException e) {
            err.println("recloop unlearning: cannot write " + out + ": " + e.getMessage());
            return 1;
        }
        o.println();
        o.println("results   " + out.toAbsolutePath());
        o.flush();
        return 0;
    }

    private UnlearningStudy.Options options() {
        UnlearningMethod m;
        try {
            m = UnlearningMethod.of(method);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--method " + e.getMessage());
        }
        if (!scope.equals("users") && !scope.equals("interactions")) {
            throw new IllegalArgumentException("--scope must be users or interactions, was '" + scope + "'");
        }
        if (k <= 0) {
            throw new IllegalArgumentException("--k must be > 0, was " + k);
        }
        if (forget <= 0) {
            throw new IllegalArgumentException("--forget must be > 0, was " + forget);
        }
        if (repeats <= 0) {
            throw new IllegalArgumentException("--repeats must be > 0, was " + repeats);
        }
        return new UnlearningStudy.Options(k, m, ForgetRequest.Scope.valueOf(scope.toUpperCase(Locale.ROOT)), forget,
                seed, repeats);
    }

    /** The recommender of {@code --algorithm}, resolved through the registry before any data is read. */
    private Component<Recommender> resolve() {
        ObjectMapper mapper = ScenarioLoader.newMapper();
        JsonNode node = AlgorithmSpec.parse(mapper, algorithm);
        Component<Recommender> c = StandardComponents.registry(mapper).resolve(Kind.RECOMMENDER, node, "algorithm");
        UnlearningMethod m = UnlearningMethod.of(method);
        if (!org.recloop.core.serve.Unlearner.canUnlearn(c.create(), m)) {
            throw new IllegalArgumentException("--method: the recommender '" + c.type() + "' cannot unlearn by method "
                    + m.id() + " (sharded needs a sharded recommender, finetune als or bpr)");
        }
        return c;
    }

    private static int usage(PrintWriter err, String message) {
        err.println("recloop unlearning: " + message);
        return 2;
    }
}
