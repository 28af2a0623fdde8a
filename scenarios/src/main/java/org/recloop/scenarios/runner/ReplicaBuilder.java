package org.recloop.scenarios.runner;

import java.util.LinkedHashSet;
import java.util.List;
import org.recloop.agents.llm.Environment;
import org.recloop.agents.llm.LangChainLanguageModels;
import org.recloop.core.act.Intervention;
import org.recloop.core.capability.RunCapabilities;
import org.recloop.core.lm.ModelCallJournal;
import org.recloop.core.react.UserModel;
import org.recloop.core.rng.RandomStreams;
import org.recloop.core.sim.Replica;
import org.recloop.core.world.LoadPolicy;
import org.recloop.core.world.LoadReport;
import org.recloop.core.world.World;
import org.recloop.scenarios.schema.ResolvedScenario;

/**
 * Builds the users' side of a run ({@link Replica}: world, user model and interventions) as {@link ScenarioRunner}
 * builds it for the kernel, from the same scenario, seed and thread count, so that a copy made on
 * another machine or executor starts in exactly the kernel's state. Nothing is logged and no run
 * folder is made.
 */
public final class ReplicaBuilder {

    private ReplicaBuilder() {}

    /**
     * @param rs the run's scenario
     * @param seed the run seed
     * @param threads the worker threads of the copy (results do not depend on it)
     * @param environment where the user model's language models are (the run's --llm-* overrides)
     */
    public static Replica build(ResolvedScenario rs, long seed, int threads, Environment environment) {
        RunSettings settings = RunSettings.of(rs.scenario(), new ScenarioRunner.Options(seed, threads, null));
        RandomStreams streams = new RandomStreams(settings.seed());
        World world = ScenarioRunner.buildWorld(rs, streams, LoadPolicy.LENIENT, new LinkedHashSet<LoadReport>());
        RunCapabilities capabilities = ScenarioRunner.capabilities(world,
                new LangChainLanguageModels(environment, streams), new ModelCallJournal());
        UserModel users = rs.users().create(capabilities);
        // the interventions as the run makes them: a copy repeats their users' side (Replica.act)
        List<Intervention> interventions = rs.interventions().stream().map(c -> c.create(capabilities)).toList();
        return new Replica(settings.config(), world, streams, users, interventions);
    }
}
