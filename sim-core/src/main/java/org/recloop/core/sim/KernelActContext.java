package org.recloop.core.sim;

import java.util.Objects;
import org.recloop.core.act.ActContext;
import org.recloop.core.act.NewItems;
import org.recloop.core.act.NewUsers;
import org.recloop.core.act.UserGroup;
import org.recloop.core.log.EventLog;
import org.recloop.core.log.ForgetRequest;
import org.recloop.core.react.UserModel;
import org.recloop.core.rng.RandomStreams;
import org.recloop.core.serve.Interactions;
import org.recloop.core.serve.Recommender;
import org.recloop.core.serve.TrainContext;
import org.recloop.core.serve.Unlearner;
import org.recloop.core.serve.UnlearningMethod;
import org.recloop.core.world.World;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The kernel's {@link ActContext}: carries out interventions' changes to the world and the user
 * groups as every copy of the users does ({@link UsersActContext}), plus the recommender's, and
 * stages in the log what they changed (new accounts, new items, forget requests) with the tick.
 * Simulation thread only.
 */
final class KernelActContext extends UsersActContext {

    private static final Logger LOG = LoggerFactory.getLogger(KernelActContext.class);

    /** What this context needs from the simulation it acts on. */
    interface Platform {
        int tick();

        /** The clicks logged from tick {@code from} up to now (forgotten rows excluded). */
        Interactions clicksFrom(int from);

        /** First tick of the data the serving recommender's scheduled fits use (its train window). */
        int trainFrom();

        /** The context the kernel's fits run with. */
        TrainContext trainContext();

        /** The recommender serving now. */
        Recommender serving();

        /** Serves with {@code r} from the next tick. */
        void install(Recommender r, String name);

        /** Items below {@code upTo} are in the log. */
        void itemsLogged(int upTo);
    }

    private final Platform platform;
    private final World world;
    private final EventLog log;

    KernelActContext(Platform platform, World world, RandomStreams streams, UserGroups groups, EventLog log) {
        super(platform.tick(), world, streams, groups);
        this.platform = platform;
        this.world = world;
        this.log = log;
    }

    @Override
    public void replaceRecommender(Recommender next, String name) {
        next.fit(platform.clicksFrom(0), platform.trainContext());
        platform.install(next, name);
    }

    @Override
    public UserGroup addUsers(int count, NewUsers rows, UserModel model) {
        UserGroup g = super.addUsers(count, rows, model);
        int from = g.from();
        int to = g.to();
        log.users(tick(), world.population(), from, to); // after initGroup: archetypes and activity are final
        logFakeAccounts(from, to);
        LOG.debug("tick {}: {} accounts added as group {}", tick(), count, g.index());
        return g;
    }

    /** Records which of the new users the group's model marked as fake, as runs of ids. */
    private void logFakeAccounts(int from, int to) {
        for (int u = from; u < to; u++) {
            if (world.groundTruth().fake(u)) {
                int end = u + 1;
                while (end < to && world.groundTruth().fake(end)) {
                    end++;
                }
                log.fakeAccounts(tick(), u, end);
                u = end;
            }
        }
    }

    @Override
    public int addItems(NewItems items) {
        int from = super.addItems(items);
        int to = world.catalog().size();
        log.items(tick(), world.catalog(), from, to);
        platform.itemsLogged(to);
        return from;
    }

    @Override
    public void forget(ForgetRequest request, UnlearningMethod method) {
        Objects.requireNonNull(method, "method");
        WorldForgetting.check(world, request);
        Recommender serving = platform.serving();
        // refused before anything is recorded: a request half carried out would be worse than none
        if (!Unlearner.canUnlearn(serving, method)) {
            throw new IllegalStateException("the serving recommender (" + serving.getClass().getSimpleName()
                    + ") cannot unlearn by method " + method.id());
        }
        log.forget(tick(), request);
        super.forget(request, method); // the world's part
        // unlearning: the model must not keep what was forgotten until its next scheduled fit
        Interactions retained = platform.clicksFrom(platform.trainFrom());
        if (method == UnlearningMethod.EXACT) {
            serving.fitFromScratch(retained, platform.trainContext());
        } else {
            ((Unlearner) serving).unlearn(request, method, retained, platform.trainContext());
        }
    }
}
