package org.recloop.scenarios.cli;

import java.io.PrintWriter;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.recloop.scenarios.registry.ComponentListing;
import org.recloop.scenarios.registry.Kind;
import org.recloop.scenarios.schema.ScenarioLoader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code recloop list [recommenders|users|metrics|interventions|worlds] [--markdown]}. */
@Command(name = "list", mixinStandardHelpOptions = true,
        description = "List the registered components with their summaries and parameters (defaults), from the registry.")
final class ListCommand implements Callable<Integer> {

    /** The command's groups, in the order of a scenario file. */
    static final Map<String, Set<Kind>> GROUPS = new LinkedHashMap<>();

    static {
        GROUPS.put("worlds", EnumSet.of(Kind.CATALOG, Kind.POPULATION, Kind.GRAPH));
        GROUPS.put("users", EnumSet.of(Kind.USER_MODEL));
        GROUPS.put("recommenders", EnumSet.of(Kind.RECOMMENDER));
        GROUPS.put("metrics", EnumSet.of(Kind.METRIC));
        GROUPS.put("interventions", EnumSet.of(Kind.INTERVENTION));
    }

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "WHAT",
            description = "recommenders, users, metrics, interventions or worlds (default: all)")
    String what;

    @Option(names = "--markdown", description = "print the README's component table instead")
    boolean markdown;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        Set<Kind> kinds = what == null ? EnumSet.allOf(Kind.class) : GROUPS.get(what);
        if (kinds == null) {
            spec.commandLine().getErr().println("recloop list: unknown group '" + what + "'; one of "
                    + String.join(", ", GROUPS.keySet()));
            return 2;
        }
        ScenarioLoader loader = new ScenarioLoader();
        var lines = ComponentListing.of(loader.registry(), ScenarioLoader.newMapper(), kinds);
        out.print(markdown ? ComponentListing.markdown(lines) : ComponentListing.text(lines));
        out.flush();
        return 0;
    }
}
