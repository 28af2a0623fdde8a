package org.recloop.core.react;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.recloop.core.command.FeedCommand;
import org.recloop.core.log.AgentText;
import org.recloop.core.log.ConversationTurn;
import org.recloop.core.log.ModelCall;
import org.recloop.core.rng.RandomStreams;
import org.recloop.core.serve.SlateBatch;
import org.recloop.core.world.World;

/**
 * A user model that adds behaviour around another one (feed commands, conversations): by default
 * every call goes to the wrapped model, so a wrapper overrides only what it adds, and a new
 * {@link UserModel} method, capability or statistic reaches the wrapped model through every
 * wrapper at once instead of being forgotten in one of them.
 *
 * <p>Capabilities the wrapped model may lack are answered as for a model without them: click
 * probabilities NaN (the learnability metric then leaves the sessions out), no model calls, never
 * degraded, no state rows ({@link #movesUserState} false: an engine that runs the users elsewhere
 * refuses the model). State rows are the wrapped model's: a wrapper that keeps per-user state
 * React changes must add it to {@link #writeUsers} and {@link #readUsers}, or answer {@link
 * #movesUserState} false.
 */
public abstract class WrappingUserModel implements UserModel, ClickProbabilities, ModelCallStats, UserStateRows,
        AutoCloseable {

    /** The model that answers the slates. */
    protected final UserModel inner;

    protected WrappingUserModel(UserModel inner) {
        this.inner = Objects.requireNonNull(inner, "inner");
    }

    /** The model that answers the slates. */
    public UserModel users() {
        return inner;
    }

    @Override
    public void init(World world, RandomStreams streams) {
        inner.init(world, streams);
    }

    @Override
    public void afterTick(ReactContext ctx, SlateBatch slates, EventBuffer events) {
        inner.afterTick(ctx, slates, events);
    }

    @Override
    public List<ModelCall> drainModelCalls() {
        return inner.drainModelCalls();
    }

    @Override
    public List<AgentText> drainTexts() {
        return inner.drainTexts();
    }

    @Override
    public List<FeedCommand> drainFeedCommands() {
        return inner.drainFeedCommands();
    }

    @Override
    public List<ConversationTurn> drainConversations() {
        return inner.drainConversations();
    }

    @Override
    public void clickProbabilities(ReactContext ctx, SlateBatch slates, int from, int to, float[] out) {
        if (inner instanceof ClickProbabilities c) {
            c.clickProbabilities(ctx, slates, from, to, out);
        } else {
            Arrays.fill(out, from * slates.k(), to * slates.k(), Float.NaN);
        }
    }

    @Override
    public long modelCalls() {
        return inner instanceof ModelCallStats s ? s.modelCalls() : 0;
    }

    @Override
    public long failedModelCalls() {
        return inner instanceof ModelCallStats s ? s.failedModelCalls() : 0;
    }

    @Override
    public double maxFailureShare() {
        return inner instanceof ModelCallStats s ? s.maxFailureShare() : 1.0;
    }

    /** True when the wrapped model moves its users' state (this wrapper keeps no per-user state React changes). */
    @Override
    public boolean movesUserState() {
        return inner instanceof UserStateRows r && r.movesUserState();
    }

    @Override
    public void writeUsers(int[] users, java.io.DataOutput out) throws java.io.IOException {
        rows().writeUsers(users, out);
    }

    @Override
    public void readUsers(int[] users, java.io.DataInput in) throws java.io.IOException {
        rows().readUsers(users, in);
    }

    private UserStateRows rows() {
        if (inner instanceof UserStateRows r && movesUserState()) {
            return r;
        }
        throw new IllegalStateException("user model " + getClass().getSimpleName() + " (wrapping "
                + inner.getClass().getSimpleName() + ") cannot move its users' state between copies of the run");
    }

    @Override
    public void close() throws Exception {
        if (inner instanceof AutoCloseable c) {
            c.close();
        }
    }
}
