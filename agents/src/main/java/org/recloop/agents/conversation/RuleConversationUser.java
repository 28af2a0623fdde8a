package org.recloop.agents.conversation;

import java.util.List;
import org.recloop.core.world.World;

/**
 * A templated user, for cheap runs and as the LLM user's fallback: asks "I'd like something about
 * topic T" for the topic of its best unconsumed item (by true utility), accepts the first offered
 * item among its true top {@code acceptTop} unconsumed items, else asks again; never leaves early.
 * Its rating is utility-based: 1 + 4 (1 - r / n) for an accepted item of true rank r among n
 * unconsumed items, 1 when it accepted nothing.
 */
final class RuleConversationUser implements ConversationUser {

    private final World world;
    private final int acceptTop;

    RuleConversationUser(World world, int acceptTop) {
        this.world = world;
        this.acceptTop = acceptTop;
    }

    @Override
    public String open(Transcript t, Truth truth) {
        int topic = truth.topTopic(world);
        return topic < 0 ? "Recommend me something." : "I'd like something about topic " + topic + ".";
    }

    @Override
    public Reply reply(Transcript t, int turn, List<Integer> offered, Truth truth) {
        for (int item : offered) {
            int r = truth.rank(item);
            if (r >= 0 && r < acceptTop) {
                return new Reply(Reply.ACCEPT, item, "I'll take item " + item + ".", rating(truth, item));
            }
        }
        int topic = truth.topTopic(world);
        return new Reply(Reply.REJECT, -1, topic < 0 ? "Not quite. Something else?"
                : "Not quite. Something else about topic " + topic + "?", 1);
    }

    @Override
    public double ratingOfTimeout(Truth truth) {
        return 1;
    }

    static double rating(Truth truth, int item) {
        int r = truth.rank(item);
        return r < 0 ? 1 : 1 + 4 * (1 - (double) r / Math.max(1, truth.open()));
    }
}
