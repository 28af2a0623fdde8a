package org.recloop.core.rng;

import java.nio.charset.StandardCharsets;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.core.source64.SplitMix64;

/**
 * The only source of randomness in model code. Every draw comes from a stream derived from
 * (run seed, purpose, user, tick), so the value a user sees never depends on how many other
 * users exist, on thread scheduling or on the order in which components ask.
 *
 * <p>A stream key is a 64-bit hash of the four coordinates (Stafford's mix13 finaliser applied
 * in a chain); the stream itself is a {@link SplitMix64} seeded with that key. SplitMix64 is
 * cheap to create (one long of state), which matters because the kernel creates one stream per
 * active user per phase per tick. For single draws, {@link #uniform} avoids the object entirely.
 *
 * <p>Thread-safe and immutable: streams may be requested concurrently from any thread.
 */
public final class RandomStreams {

    private final long seed;

    public RandomStreams(long seed) {
        this.seed = seed;
    }

    public long seed() {
        return seed;
    }

    /** A stable 64-bit identifier for a purpose name (FNV-1a over its UTF-8 bytes). */
    public static long purpose(String name) {
        long h = 0xcbf29ce484222325L;
        for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
            h ^= (b & 0xff);
            h *= 0x100000001b3L;
        }
        return h;
    }

    /** The stream for (purpose, user, tick). Use {@code user = -1} for run-level purposes. */
    public UniformRandomProvider stream(long purpose, long user, long tick) {
        return new SplitMix64(key(purpose, user, tick));
    }

    /** One uniform double in [0, 1) for (purpose, user, tick), without creating a stream. */
    public double uniform(long purpose, long user, long tick) {
        return (mix(key(purpose, user, tick)) >>> 11) * 0x1.0p-53;
    }

    /** The 64-bit key of a stream; exposed for components that derive sub-streams. */
    public long key(long purpose, long user, long tick) {
        long h = mix(seed ^ 0x9E3779B97F4A7C15L);
        h = mix(h ^ purpose);
        h = mix(h + 0x9E3779B97F4A7C15L * (user + 1));
        h = mix(h + 0xC2B2AE3D27D4EB4FL * (tick + 1));
        return h;
    }

    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
