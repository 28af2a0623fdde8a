package org.recloop.core.react;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * Capability of a user model whose per-user state (beyond the world's {@code Population} rows)
 * can be written for a set of users and read back into another copy of the model. It lets an
 * engine run {@link UserModel#react} for a partition of the users on another copy of the model
 * (a Spark executor's replica) and bring the reacting users' state back, so every copy continues
 * from the same state. A model with no per-user state of its own implements it by writing nothing.
 *
 * <p>Called on one thread at a tick boundary, after the users' reactions. {@link #readUsers}
 * must consume exactly what {@link #writeUsers} wrote for the same users.
 *
 * <p>What must travel: everything about a user that React changes and that {@code afterTick} or a
 * later tick reads, including what React queues for {@code afterTick} (a post to publish, a
 * command said). Reading a user's rows replaces that user's state, queued items included, so a
 * copy that reacted for the user itself and then reads the rows back holds it once.
 */
public interface UserStateRows {

    /**
     * Whether this model can move its users' state now. A wrapper ({@link WrappingUserModel})
     * implements the interface for every model it may wrap and answers false when the wrapped
     * model cannot, or when it keeps state of its own that rows do not carry.
     */
    default boolean movesUserState() {
        return true;
    }

    /** Writes the state of {@code users} (ascending ids, all answered by this model) that react may change. */
    void writeUsers(int[] users, DataOutput out) throws IOException;

    /** Reads what {@link #writeUsers} wrote for the same {@code users} and sets their state to it. */
    void readUsers(int[] users, DataInput in) throws IOException;
}
