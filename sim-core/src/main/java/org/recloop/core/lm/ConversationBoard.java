package org.recloop.core.lm;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Where a conversational user model posts how each conversation of the tick ended, for the {@code
 * conversation} metric (iEvaLM-style measures: recall@k of accepted items against the user's true
 * top items, turns to success, acceptance, the user's rating). One board per run, granted by the
 * composition root; it holds the current tick only.
 *
 * <p>Threading: posts come from reaction threads in any order; {@link #of} returns the tick's
 * entries sorted by user, so a metric's value does not depend on completion order.
 */
public final class ConversationBoard {

    /**
     * One conversation's end.
     *
     * @param user the user
     * @param outcome accept, reject or timeout
     * @param turns exchanges held
     * @param accepted the accepted item, -1 if none
     * @param hit true when the accepted item is among the user's true top k unconsumed items
     * @param rating the user's rating of the conversation, 1 to 5
     */
    public record Ended(int user, String outcome, int turns, int accepted, boolean hit, double rating) {}

    private int tick = Integer.MIN_VALUE;
    private final List<Ended> ended = new ArrayList<>();

    /** Posts a conversation of {@code t}; an older tick's entries are dropped first. */
    public synchronized void post(int t, Ended e) {
        if (t != tick) {
            tick = t;
            ended.clear();
        }
        ended.add(e);
    }

    /** The conversations of tick {@code t}, by user; empty when none were posted for it. */
    public synchronized List<Ended> of(int t) {
        if (t != tick) {
            return List.of();
        }
        List<Ended> copy = new ArrayList<>(ended);
        copy.sort(Comparator.comparingInt(Ended::user));
        return copy;
    }
}
