package org.recloop.scenarios.cli;

import java.util.List;
import picocli.CommandLine.Model.CommandSpec;

/** The command line a person typed, for messages such as "runs/ is in use by `recloop sweep ...`". */
final class Invocation {

    private Invocation() {}

    /** {@code "recloop <arguments>"}, as given. */
    static String of(CommandSpec spec) {
        CommandSpec root = spec.root();
        List<String> args = root.commandLine().getParseResult() != null
                ? root.commandLine().getParseResult().originalArgs() : List.of(spec.name());
        return "recloop " + String.join(" ", args);
    }
}
