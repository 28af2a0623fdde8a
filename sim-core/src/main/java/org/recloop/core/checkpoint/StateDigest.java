package org.recloop.core.checkpoint;

import java.io.DataOutput;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.recloop.core.world.Catalog;
import org.recloop.core.world.ConsumptionHistory;
import org.recloop.core.world.Population;
import org.recloop.core.world.RecentActivity;
import org.recloop.core.world.SocialGraph;
import org.recloop.core.world.World;

/**
 * SHA-256 digests of the state at a tick boundary, one per part (catalog, population, history,
 * graph, activity, accounts, serving, then each {@link Checkpointed} component), so a mismatch
 * names the part that differs. One pass over the world's arrays.
 */
public final class StateDigest {

    /** What serves the next tick: the recommender's registry name and model version. */
    public record Serving(String recommender, int modelVersion) {}

    private StateDigest() {}

    /** The digests of {@code world}, {@code serving} and {@code components}, in that order. */
    public static Map<String, String> of(World world, Serving serving, List<Checkpointed> components) {
        Map<String, String> parts = new LinkedHashMap<>();
        parts.put("catalog", digest(out -> catalog(world.catalog(), out)));
        parts.put("population", digest(out -> population(world.population(), out)));
        parts.put("history", digest(out -> history(world.history(), out)));
        parts.put("graph", digest(out -> graph(world.graph(), out)));
        parts.put("activity", digest(out -> activity(world.activity(), out)));
        parts.put("accounts", digest(out -> {
            int n = world.population().size();
            for (int u = 0; u < n; u++) {
                out.writeBoolean(world.groundTruth().fake(u));
            }
        }));
        parts.put("serving", digest(out -> {
            out.writeUTF(String.valueOf(serving.recommender()));
            out.writeInt(serving.modelVersion());
        }));
        for (Checkpointed c : components) {
            parts.put(c.checkpointName(), digest(c::writeState));
        }
        return parts;
    }

    private static void catalog(Catalog c, DataOutput out) throws IOException {
        out.writeInt(c.size());
        for (int i = 0; i < c.size(); i++) {
            out.writeInt(c.topic(i));
            out.writeInt(c.creator(i));
            out.writeFloat(c.quality(i));
            out.writeInt(c.createdTick(i));
            out.writeBoolean(c.isRetired(i));
            for (int d = 0; d < c.dim(); d++) {
                out.writeFloat(c.feature(i, d));
            }
        }
    }

    private static void population(Population p, DataOutput out) throws IOException {
        out.writeInt(p.size());
        for (int u = 0; u < p.size(); u++) {
            out.writeByte(p.archetype(u));
            out.writeByte(p.status(u));
            out.writeFloat(p.activity(u));
        }
        float[] prefs = p.preferences();
        for (int i = 0; i < p.size() * p.dim(); i++) {
            out.writeFloat(prefs[i]);
        }
    }

    private static void history(ConsumptionHistory h, DataOutput out) throws IOException {
        for (int u = 0; u < h.users(); u++) {
            int n = h.size(u);
            out.writeInt(n);
            for (int i = 0; i < n; i++) {
                out.writeInt(h.item(u, i));
            }
        }
    }

    private static void graph(SocialGraph g, DataOutput out) throws IOException {
        for (int u = 0; u < g.users(); u++) {
            int n = g.outDegree(u);
            out.writeInt(n);
            for (int i = 0; i < n; i++) {
                out.writeInt(g.followee(u, i));
            }
        }
    }

    private static void activity(RecentActivity a, DataOutput out) throws IOException {
        for (int u = 0; u < a.users(); u++) {
            int n = a.count(u);
            out.writeInt(n);
            for (int i = 0; i < n; i++) {
                out.writeInt(a.item(u, i));
                out.writeInt(a.tick(u, i));
                out.writeByte(a.typeCode(u, i));
            }
        }
    }

    /** Writes state into a digest. */
    @FunctionalInterface
    interface StateWriter {
        void write(DataOutput out) throws IOException;
    }

    private static String digest(StateWriter w) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            try (DataOutputStream out = new DataOutputStream(new java.io.BufferedOutputStream(
                    new DigestOutputStream(OutputStream.nullOutputStream(), md), 1 << 16))) {
                w.write(out);
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("no SHA-256 in this Java", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
