package org.recloop.core.act;

import org.recloop.core.rng.RandomStreams;
import org.recloop.core.serve.Recommender;
import org.recloop.core.world.World;

/** What an intervention may change. Used on the simulation thread only. */
public interface ActContext {
    int tick();

    World world();

    RandomStreams streams();

    /** Replaces the recommender from the next tick on; it is fitted at once on the log so far. */
    void replaceRecommender(Recommender recommender, String name);
}
