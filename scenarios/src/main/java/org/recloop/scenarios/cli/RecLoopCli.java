package org.recloop.scenarios.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of the {@code recloop} command. */
@Command(name = "recloop", mixinStandardHelpOptions = true, versionProvider = RecLoopCli.Version.class,
        description = "RecLoop: a multi-agent simulator of recommender systems.",
        subcommands = {RunCommand.class, SweepCommand.class, ReportCommand.class, EvaluateCommand.class, BenchCommand.class,
            SensitivityCommand.class, UnlearningCommand.class,
            RecoverCommand.class, ResumeCommand.class, ForkCommand.class, MetricsCommand.class, ExportCommand.class, GenerateCommand.class, CalibrateCommand.class,
            ListCommand.class,
            GuiCommand.class,
            CommandLine.HelpCommand.class})
public final class RecLoopCli implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Builds the command line with RecLoop's error handling. */
    public static CommandLine commandLine(PrintWriter out, PrintWriter err) {
        CommandLine cl = new CommandLine(new RecLoopCli());
        cl.setOut(out);
        cl.setErr(err);
        cl.setExecutionExceptionHandler(RecLoopCli::unexpected);
        // an argument starting with @ is data (evaluate's --algorithms @specs.yaml), not a picocli argument file
        cl.setExpandAtFiles(false);
        return cl;
    }

    /**
     * The last line of defence: a failure no command turned into a message of its own gives one
     * line naming the command and the cause (exit 1), never a stack trace; the trace goes to the
     * log at DEBUG.
     */
    private static int unexpected(Exception e, CommandLine cl, CommandLine.ParseResult parsed) {
        String m = e.getMessage();
        cl.getErr().println("recloop " + cl.getCommandName() + ": failed: "
                + (m == null || m.isBlank() ? e.getClass().getSimpleName() : m));
        cl.getErr().flush();
        // the logger only now: a command that never fails this way leaves logging to start as before
        org.slf4j.LoggerFactory.getLogger(RecLoopCli.class).debug("recloop {} failed", cl.getCommandName(), e);
        return 1;
    }

    public static void main(String[] args) {
        CommandLine cl = commandLine(new PrintWriter(System.out, true), new PrintWriter(System.err, true));
        System.exit(cl.execute(args));
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"RecLoop " + org.recloop.scenarios.runner.ScenarioRunner.codeVersion()};
        }
    }
}
