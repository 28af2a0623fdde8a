package org.recloop.agents.conversation;

import java.util.List;

/** The user's side of a conversation: what it asks for, and how it answers what it is offered. */
interface ConversationUser {

    /** The user's reply to an offer: accept an item, ask again, or leave; with a rating 1 to 5 at the end. */
    record Reply(String decision, int item, String text, double rating) {
        static final String ACCEPT = "accept";
        static final String REJECT = "reject";
        static final String LEAVE = "leave";
    }

    /** The opening request. */
    String open(Transcript t, Truth truth);

    /** The reply to the items offered in this turn. */
    Reply reply(Transcript t, int turn, List<Integer> offered, Truth truth);

    /** The user's rating of a conversation that ran out of turns. */
    double ratingOfTimeout(Truth truth);
}
