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
    /**
     * The account was forgotten (deleted on the user's request): the user never arrives, returns
     * or is followed again. The row stays so that ids remain dense and never reused.
     */
    public static final byte FORGOTTEN = 2;

    private int size;
    private final int dim;
    private float[] preferences;
    private float[] activity;
    private byte[] archetype;
    private byte[] status;
    private BetaNoise utilityNoise;

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

    /** Number of users, including those added during the run; ids are {@code 0..size()-1}. */
    public int size() {
        return size;
    }

    /**
     * Appends {@code n} users (accounts opened during a run) with zero preference, activity and
     * archetype, status {@link #ACTIVE}, and returns the first new id; the caller fills their
     * rows. Capacity grows by doubling, so {@link #preferences()} may be a new array afterwards:
     * do not keep it across ticks. Simulation thread only.
     */
    public int addUsers(int n) {
        if (n <= 0) {
            throw new IllegalArgumentException("n must be > 0, was " + n);
        }
        int first = size;
        int need = Math.addExact(size, n);
        if (need > activity.length) {
            int cap = Math.max(need, activity.length * 2);
            preferences = java.util.Arrays.copyOf(preferences, Math.multiplyExact(cap, dim));
            activity = java.util.Arrays.copyOf(activity, cap);
            archetype = java.util.Arrays.copyOf(archetype, cap);
            status = java.util.Arrays.copyOf(status, cap);
        }
        size = need;
        return first;
    }

    public int dim() {
        return dim;
    }

    /**
     * The live preference array, user-major ({@code preferences()[user * dim() + f]}); it may be
     * longer than {@code size() * dim()} and is replaced when users are added.
     */
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

    /**
     * Makes true utility noisy: {@link #trueScore} becomes {@code V_ui ~ Beta'(p_u·x_i, σ)} (Chaney
     * et al. 2018), drawn per pair by {@code noise}. Without it the true score is the dot product.
     * Set once when the world is built, before any tick.
     */
    public void setUtilityNoise(BetaNoise noise) {
        this.utilityNoise = noise;
    }

    /**
     * The true utility of {@code item} to {@code user}: {@code p_u·x_i}, or a Beta draw around it
     * when the world has utility noise (the same value every time the pair is asked). What user
     * models consume, metrics score and oracles rank by.
     */
    public float trueScore(Catalog catalog, int user, int item) {
        float mean = catalog.dot(item, preferences, user * dim);
        BetaNoise noise = utilityNoise;
        return noise == null ? mean : (float) noise.draw(mean, user, item);
    }

    /** Approximate heap bytes held by this population (for the benchmark's bytes-per-agent). */
    public long bytes() {
        return 4L * preferences.length + 4L * activity.length + 2L * activity.length;
    }
}
