package org.recloop.core.sim;

import java.util.BitSet;
import org.recloop.core.log.ForgetRequest;
import org.recloop.core.world.Catalog;
import org.recloop.core.world.Population;
import org.recloop.core.world.World;

/**
 * What the platform drops when data is forgotten; the log's tombstones (see {@link ForgetRequest})
 * cover what was already recorded. The platform's own state is deleted, not tombstoned: nothing
 * needs its past there (the log keeps the audit), and live state that still held a forgotten
 * follow or consumption would keep feeding slates, herd effects and online metrics.
 *
 * <ul>
 *   <li>users: status {@link Population#FORGOTTEN} (the account is closed: never arrives, returns
 *       or is followed again; the id is not reused), follows both ways, consumption history and
 *       recent activity removed;</li>
 *   <li>items: retired (never served again), removed from every history and recent activity;</li>
 *   <li>interactions: each (user, item) pair removed from the user's history and recent activity,
 *       so the item may be served to the user again.</li>
 * </ul>
 */
final class WorldForgetting {
    private WorldForgetting() {}

    /** Checks the request's ids against the world; a message names the first bad one. */
    static void check(World world, ForgetRequest r) {
        int users = world.population().size();
        int items = world.catalog().size();
        int[] ids = r.ids();
        int[] its = r.items();
        for (int k = 0; k < ids.length; k++) {
            int bound = r.scope() == ForgetRequest.Scope.ITEMS ? items : users;
            if (ids[k] >= bound) {
                throw new IllegalArgumentException("cannot forget " + (r.scope() == ForgetRequest.Scope.ITEMS ? "item "
                        : "user ") + ids[k] + ": the world has " + bound);
            }
            if (its.length > 0 && its[k] >= items) {
                throw new IllegalArgumentException("cannot forget item " + its[k] + ": the catalog has " + items);
            }
        }
    }

    static void apply(World world, ForgetRequest r) {
        int[] ids = r.ids();
        switch (r.scope()) {
            case USERS -> {
                for (int u : ids) {
                    world.population().setStatus(u, Population.FORGOTTEN);
                    world.graph().removeUser(u);
                    world.history().clear(u);
                    world.activity().clear(u);
                }
            }
            case ITEMS -> {
                BitSet gone = new BitSet();
                Catalog catalog = world.catalog();
                for (int i : ids) {
                    gone.set(i);
                    catalog.retire(i);
                }
                for (int u = 0; u < world.population().size(); u++) {
                    for (int i : ids) {
                        world.history().remove(u, i);
                    }
                    world.activity().remove(u, gone::get);
                }
            }
            case INTERACTIONS -> {
                int[] items = r.items();
                for (int k = 0; k < ids.length; k++) {
                    int item = items[k];
                    world.history().remove(ids[k], item);
                    world.activity().remove(ids[k], i -> i == item);
                }
            }
        }
    }
}
