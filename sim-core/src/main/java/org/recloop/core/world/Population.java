package org.recloop.core.world;

/**
 * Users as struct-of-arrays. The preference vectors are the ground truth a user's utility comes
 * from (recommenders never see them); activity is the expected number of sessions per tick.
 *
 * <p>Threading: during the React phase a user model may write the row of the user it is
 * answering for (preference drift, state), and only that row; the kernel partitions users so no
 * two threads touch the same row. Everything else is written on the simulation thread.
 */
public final class Population {

    /** User status codes. */
    public static final byte ACTIVE = 0;
    public static final byte CHURNED = 1;

    private final int size;
    private final int dim;
    private final float[] preferences;
    private final float[] activity;
    private final byte[] archetype;
    private final byte[] status;

    public Population(int size, int dim) {
        if (size <= 0) {
            throw new IllegalArgumentException("size must be > 0, was " + size);
        }
        if (dim <= 0) {
            throw new IllegalArgumentException("dim must be > 0, was " + dim);
        }
        this.size = size;
        this.dim = dim;
        this.preferences = new float[Math.multiplyExact(size, dim)];
        this.activity = new float[size];
        this.archetype = new byte[size];
        this.status = new byte[size];
    }

    public int size() {
        return size;
    }

    public int dim() {
        return dim;
    }

    /** The live preference array, user-major ({@code preferences()[user * dim() + f]}). */
    public float[] preferences() {
        return preferences;
    }

    public float activity(int user) {
        return activity[user];
    }

    public void setActivity(int user, float sessionsPerTick) {
        if (!(sessionsPerTick >= 0f) || Float.isInfinite(sessionsPerTick)) {
            throw new IllegalArgumentException("activity must be finite and >= 0, was " + sessionsPerTick);
        }
        activity[user] = sessionsPerTick;
    }

    public byte archetype(int user) {
        return archetype[user];
    }

    public void setArchetype(int user, byte value) {
        archetype[user] = value;
    }

    public byte status(int user) {
        return status[user];
    }

    public void setStatus(int user, byte value) {
        status[user] = value;
    }

    /** Copies a user's preference vector into {@code out[0..dim)}. */
    public void preference(int user, float[] out) {
        System.arraycopy(preferences, user * dim, out, 0, dim);
    }

    /** Approximate heap bytes held by this population (for the benchmark's bytes-per-agent). */
    public long bytes() {
        return 4L * preferences.length + 4L * size + 2L * size;
    }
}
