package org.recloop.analysis.online;

import java.util.HashMap;
import java.util.Map;
import org.recloop.core.metric.Metric;
import org.recloop.core.metric.TickView;
import org.recloop.core.world.Catalog;
import org.recloop.core.world.Population;
import org.recloop.core.world.World;

/** Hand-built catalogs, populations and histories with topics, creators, qualities and preferences. */
final class StudyWorlds {
    private StudyWorlds() {}

    /** A catalog of one-dimensional items (feature 1) with the given topics, no creator, quality 0.5. */
    static Catalog topics(int... topics) {
        Catalog c = new Catalog(1, topics.length);
        for (int t : topics) {
            c.add(new float[] {1f}, t, -1, 0.5f, 1f, 0);
        }
        return c;
    }

    /** A catalog whose items have the given feature rows (all of one length), topic 0, no creator. */
    static Catalog features(float[]... rows) {
        Catalog c = new Catalog(rows[0].length, rows.length);
        for (float[] r : rows) {
            c.add(r, 0, -1, 0.5f, 1f, 0);
        }
        return c;
    }

    /** A one-dimensional catalog with the given creators and qualities. */
    static Catalog providers(int[] creators, float[] quality) {
        Catalog c = new Catalog(1, creators.length);
        for (int i = 0; i < creators.length; i++) {
            c.add(new float[] {1f}, 0, creators[i], quality[i], 1f, 0);
        }
        return c;
    }

    /** A population with the given preference rows (all of one length). */
    static Population population(float[]... rows) {
        Population p = new Population(rows.length, rows[0].length);
        for (int u = 0; u < rows.length; u++) {
            System.arraycopy(rows[u], 0, p.preferences(), u * rows[u].length, rows[u].length);
        }
        return p;
    }

    /** A world of {@code users} users with preference (1, 0, ...) over the catalog's dimensions. */
    static World world(Catalog catalog, int users) {
        float[][] rows = new float[users][catalog.dim()];
        for (float[] r : rows) {
            r[0] = 1f;
        }
        return World.of(catalog, population(rows));
    }

    /** Adds items to a user's consumption history. */
    static void consume(World w, int user, int... items) {
        for (int item : items) {
            w.history().add(user, item);
        }
    }

    static Map<String, Double> observe(Metric m, TickView view) {
        Map<String, Double> out = new HashMap<>();
        m.observe(view, out);
        return out;
    }
}
