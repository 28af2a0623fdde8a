package org.recloop.agents.conversation;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.recloop.core.lm.ConversationBoard;
import org.recloop.core.log.ConversationTurn;
import org.recloop.core.log.ModelCall;
import org.recloop.core.world.World;

/**
 * One conversation of one user in one tick: the user asks, the recommender agent answers with
 * offers, up to {@code maxTurns} exchanges; it ends when the user accepts ({@code accept}), leaves
 * ({@code reject}) or the turns run out ({@code timeout}). Runs on the thread of the user's chunk.
 */
final class Conversation {

    /** What the conversation left: rows, calls, the items offered in order, and how it ended. */
    record Outcome(List<ConversationTurn> rows, List<ModelCall> calls, List<Integer> offered,
            ConversationBoard.Ended ended) {}

    static Outcome run(World world, int tick, int user, int[] served, RecommenderAgent agent, ConversationUser side,
            int maxTurns, int offer, int recallK, org.recloop.agents.llm.CatalogTextSearch semantic) {
        Truth truth = Truth.of(world, user);
        Transcript t = new Transcript(tick, user);
        Set<Integer> offered = new LinkedHashSet<>();
        ConversationTools tools = new ConversationTools(world, user, served, offer, offered, semantic);
        t.user(1, side.open(t, truth), List.of(), null);
        for (int turn = 1; turn <= maxTurns; turn++) {
            List<Integer> items = agent.turn(t, turn, tools, offered);
            offered.addAll(items);
            ConversationUser.Reply r = side.reply(t, turn, items, truth);
            boolean accepted = r.decision().equals(ConversationUser.Reply.ACCEPT);
            boolean left = r.decision().equals(ConversationUser.Reply.LEAVE);
            String outcome = accepted ? "accept" : left ? "reject" : turn == maxTurns ? "timeout" : null;
            t.user(turn, r.text(), accepted ? List.of(r.item()) : List.of(), outcome);
            if (outcome != null) {
                double rating = outcome.equals("timeout") ? side.ratingOfTimeout(truth) : r.rating();
                int rank = accepted ? truth.rank(r.item()) : -1;
                return new Outcome(t.rows(), t.calls(), new ArrayList<>(offered), new ConversationBoard.Ended(user,
                        outcome, turn, accepted ? r.item() : -1, rank >= 0 && rank < recallK, rating));
            }
        }
        throw new IllegalArgumentException("maxTurns must be positive, was " + maxTurns);
    }

    private Conversation() {}
}
