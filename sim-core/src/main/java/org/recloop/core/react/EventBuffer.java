package org.recloop.core.react;

import java.util.Arrays;
import org.recloop.core.serve.Interactions;

/**
 * Growable columns of events: user, item, type, slate index and position of the exposure that
 * caused the event (-1 if none), value, target user (-1 if none). No object per event. One buffer per work chunk; the
 * kernel concatenates chunk buffers in chunk order, so the log order does not depend on threads.
 */
public final class EventBuffer {

    private int size;
    private int[] users;
    private int[] items;
    private byte[] types;
    private int[] slates;
    private short[] positions;
    private float[] values;
    private int[] targets;

    public EventBuffer() {
        this(64);
    }

    public EventBuffer(int capacity) {
        int c = Math.max(1, capacity);
        users = new int[c];
        items = new int[c];
        types = new byte[c];
        slates = new int[c];
        positions = new short[c];
        values = new float[c];
        targets = new int[c];
    }

    /**
     * Appends an event.
     *
     * @param user acting user
     * @param item item acted on, or -1
     * @param type what happened
     * @param slate index of the slate in this tick's batch that caused it, or -1
     * @param position 0-based position in that slate, or -1
     * @param value type-specific value (see {@link EventType})
     */
    public void add(int user, int item, EventType type, int slate, int position, float value) {
        add(user, item, type, slate, position, value, -1);
    }

    /** Appends a social event whose other party is {@code targetUser} (follow, unfollow). */
    public void add(int user, int item, EventType type, int slate, int position, float value, int targetUser) {
        if (size == users.length) {
            grow(size * 2);
        }
        users[size] = user;
        items[size] = item;
        types[size] = type.code();
        slates[size] = slate;
        positions[size] = (short) position;
        values[size] = value;
        targets[size] = targetUser;
        size++;
    }

    /**
     * Appends all events of another buffer, in order, their slate indices moved by {@code
     * slateOffset} (the other buffer's slates start at that index of this buffer's tick).
     */
    public void addAll(EventBuffer other, int slateOffset) {
        int start = size;
        addAll(other);
        if (slateOffset != 0) {
            for (int i = start; i < size; i++) {
                if (slates[i] >= 0) {
                    slates[i] += slateOffset;
                }
            }
        }
    }

    /** Appends all events of another buffer, in order. */
    public void addAll(EventBuffer other) {
        if (size + other.size > users.length) {
            grow(Math.max(size + other.size, size * 2));
        }
        System.arraycopy(other.users, 0, users, size, other.size);
        System.arraycopy(other.items, 0, items, size, other.size);
        System.arraycopy(other.types, 0, types, size, other.size);
        System.arraycopy(other.slates, 0, slates, size, other.size);
        System.arraycopy(other.positions, 0, positions, size, other.size);
        System.arraycopy(other.values, 0, values, size, other.size);
        System.arraycopy(other.targets, 0, targets, size, other.size);
        size += other.size;
    }

    private void grow(int cap) {
        users = Arrays.copyOf(users, cap);
        items = Arrays.copyOf(items, cap);
        types = Arrays.copyOf(types, cap);
        slates = Arrays.copyOf(slates, cap);
        positions = Arrays.copyOf(positions, cap);
        values = Arrays.copyOf(values, cap);
        targets = Arrays.copyOf(targets, cap);
    }

    public void clear() {
        size = 0;
    }

    public int size() {
        return size;
    }

    public int user(int i) {
        return users[i];
    }

    public int item(int i) {
        return items[i];
    }

    public byte typeCode(int i) {
        return types[i];
    }

    public boolean is(int i, EventType type) {
        return types[i] == type.code();
    }

    public int slate(int i) {
        return slates[i];
    }

    public int position(int i) {
        return positions[i];
    }

    public float value(int i) {
        return values[i];
    }

    /** The other user of a social event, or -1. */
    public int target(int i) {
        return targets[i];
    }

    /** Number of events of the given type. */
    public int count(EventType type) {
        int n = 0;
        for (int i = 0; i < size; i++) {
            if (types[i] == type.code()) {
                n++;
            }
        }
        return n;
    }

    /**
     * The clicks in this buffer as {@link Interactions} of {@code tick} (value 1 each), in buffer
     * order; {@code clicks} is their number, known to the caller from the tick's bookkeeping.
     */
    public Interactions clicks(int clicks, int tick, int numUsers, int numItems) {
        int[] u = new int[clicks];
        int[] it = new int[clicks];
        int[] t = new int[clicks];
        float[] v = new float[clicks];
        int r = 0;
        for (int i = 0; i < size(); i++) {
            if (is(i, EventType.CLICK)) {
                u[r] = user(i);
                it[r] = item(i);
                t[r] = tick;
                v[r] = 1f;
                r++;
            }
        }
        return new Interactions(u, it, t, v, numUsers, numItems);
    }
}
