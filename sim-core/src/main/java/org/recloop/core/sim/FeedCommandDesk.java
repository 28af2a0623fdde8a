package org.recloop.core.sim;

import java.io.Serializable;
import java.util.List;
import org.recloop.core.command.FeedCommand;
import org.recloop.core.command.FeedCommandStore;
import org.recloop.core.rng.RandomStreams;
import org.recloop.core.serve.ServeContext;
import org.recloop.core.world.World;

/**
 * The kernel's side of feed commands: the run's {@link FeedCommandStore}, fed in the Log phase
 * with the commands the user model drained, and the serve contexts that carry the constraints in
 * force at a tick (so the Serve phase and the metrics' view of it read the same ones).
 */
final class FeedCommandDesk implements Serializable {

    private static final long serialVersionUID = 1L;

    private final FeedCommandStore store = new FeedCommandStore();

    /** Stores the constraints of this tick's commands (in force from the next tick); returns the commands. */
    List<FeedCommand> issue(List<FeedCommand> commands) {
        return store.issue(commands);
    }

    /** What serving at {@code tick} may know, with the users' feed constraints in force then. */
    ServeContext serveContext(int tick, World world, RandomStreams streams) {
        return new ServeContext(tick, world.catalog().size(), world.history(), streams, world.catalog(),
                store.view(tick, world.catalog(), world.graph()));
    }
}
