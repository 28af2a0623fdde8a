package org.recloop.scenarios.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.recloop.analysis.export.ExportOptions;
import org.recloop.scenarios.output.Folders;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code recloop generate SCENARIO --format ... --out DIR [--keep-run] [export options]}: runs the
 * scenario, exports its log as a dataset, and deletes the run folder unless {@code --keep-run}
 * (then it is moved under {@code --runs}, default {@code runs}).
 *
 * <p>The run is the {@code run} command itself, into a hidden folder, so every check, message and
 * exit code of {@code run} applies. Exit codes: those of {@code run} when it fails (1, 2); 3 or 4
 * when it was interrupted or degraded (the committed ticks are still exported, the card says so);
 * otherwise those of {@code export}.
 */
@Command(name = "generate", mixinStandardHelpOptions = true,
        description = "Run a scenario and export its log as a dataset with a card; the run is deleted unless"
                + " --keep-run.")
final class GenerateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "SCENARIO", description = "scenario YAML file")
    Path scenario;

    @Mixin
    ExportArguments args;

    @Option(names = "--keep-run", description = "keep the run folder (under --runs) instead of deleting it")
    boolean keepRun;

    @Option(names = "--runs", paramLabel = "DIR", defaultValue = "runs",
            description = "where --keep-run puts the run folder (default: ${DEFAULT-VALUE})")
    Path runs;

    @Option(names = "--seed", description = "run seed (default: the scenario's)")
    Long seed;

    @Option(names = "--threads", description = "worker threads (default: the scenario's, else all processors)")
    Integer threads;

    @Override
    public Integer call() {
        PrintWriter o = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ExportOptions options = args.options(err, "generate");
        if (options == null) {
            return 2;
        }
        String problem = DatasetFolder.problem(args.out, args.force);
        if (problem != null) {
            err.println("recloop generate: " + problem);
            return 2;
        }
        if (PathArguments.refused(err, "generate", "--runs", runs)) {
            return 2;
        }
        Path target = args.out.toAbsolutePath().normalize();
        Path scratch = keepRun ? runs.toAbsolutePath().normalize().resolve(".generate-" + ProcessHandle.current().pid())
                : target.resolveSibling("." + target.getFileName() + "." + ProcessHandle.current().pid() + ".runs");
        try {
            int ran = run(o, err, scratch);
            if (ran != 0 && ran != 3 && ran != 4) {
                return ran;
            }
            Path runDir = onlyFolder(scratch);
            if (runDir == null) {
                err.println("recloop generate: the run left no run folder in " + scratch);
                return 1;
            }
            o.println();
            int exported = ExportCommand.export(spec, "generate", runDir, args.out, options);
            if (keepRun) {
                Path kept = runs.toAbsolutePath().normalize().resolve(runDir.getFileName());
                Files.move(runDir, kept);
                o.println("run kept  " + kept);
            }
            o.flush();
            return exported != 0 ? exported : ran;
        } catch (IOException e) {
            err.println("recloop generate: " + e.getMessage());
            return 1;
        } finally {
            try {
                Folders.deleteTree(scratch);
            } catch (IOException e) {
                err.println("recloop generate: cannot remove the run folder " + scratch + ": " + e.getMessage());
            }
        }
    }

    /** The {@code run} command into {@code parent}; its exit code. */
    private int run(PrintWriter o, PrintWriter err, Path parent) {
        List<String> a = new ArrayList<>(List.of(scenario.toString(), "--out", parent.toString(), "--no-progress"));
        if (seed != null) {
            a.addAll(List.of("--seed", seed.toString()));
        }
        if (threads != null) {
            a.addAll(List.of("--threads", threads.toString()));
        }
        CommandLine cl = new CommandLine(new RunCommand());
        cl.setOut(o);
        cl.setErr(err);
        return cl.execute(a.toArray(new String[0]));
    }

    private static Path onlyFolder(Path parent) throws IOException {
        if (!Files.isDirectory(parent)) {
            return null;
        }
        try (Stream<Path> s = Files.list(parent)) {
            return s.filter(Files::isDirectory).findFirst().orElse(null);
        }
    }
}
