package org.recloop.agents.command;

import java.util.HashMap;
import java.util.Map;
import org.recloop.core.command.FeedConstraint.Kind;
import org.recloop.core.command.FeedConstraint.Target;
import org.recloop.core.react.EventBuffer;
import org.recloop.core.react.EventType;
import org.recloop.core.rng.RandomStreams;
import org.recloop.core.serve.SlateBatch;
import org.recloop.core.world.World;

/**
 * When rule users say a feed command, and what: a user who left {@code skips} or more items of one
 * topic unclicked on this tick's slate says "less of topic T" (the most skipped topic, ties to the
 * smaller id) with probability {@code probability}; otherwise a user who follows somebody says
 * "more from people I follow" with probability {@code followProbability}. After a command a user
 * stays quiet for {@code quiet} ticks (they wait to see its effect).
 *
 * <p>Determinism: one draw per (purpose, user, tick) from the run's streams; slates are visited in
 * batch (user id) order. Simulation thread only.
 */
final class CommandRule {

    static final long LESS = RandomStreams.purpose("agents.feed-command.less");
    static final long MORE = RandomStreams.purpose("agents.feed-command.more-followed");

    /** What a user said. */
    record Said(int user, String text) {}

    private final int skips;
    private final double probability;
    private final double followProbability;
    private final int quiet;
    private final Map<Integer, Integer> quietUntil = new HashMap<>();

    CommandRule(int skips, double probability, double followProbability, int quiet) {
        this.skips = skips;
        this.probability = probability;
        this.followProbability = followProbability;
        this.quiet = quiet;
    }

    /**
     * The commands of this tick's users, in slate order.
     *
     * @param ownVoice users who say their commands themselves (LLM agents with feedCommands): the rule leaves them alone
     */
    java.util.List<Said> say(World world, RandomStreams streams, int tick, SlateBatch slates, EventBuffer events,
            java.util.function.IntPredicate ownVoice) {
        java.util.List<Said> out = new java.util.ArrayList<>();
        int k = slates.k();
        boolean[] clicked = new boolean[slates.size() * k];
        for (int i = 0; i < events.size(); i++) {
            if (events.is(i, EventType.CLICK) && events.slate(i) >= 0 && events.position(i) >= 0) {
                clicked[events.slate(i) * k + events.position(i)] = true;
            }
        }
        Map<Integer, Integer> counts = new HashMap<>();
        for (int s = 0; s < slates.size(); s++) {
            int u = slates.user(s);
            if (ownVoice.test(u) || quietUntil.getOrDefault(u, Integer.MIN_VALUE) > tick) {
                continue;
            }
            counts.clear();
            int best = -1;
            int bestCount = 0;
            for (int r = 0; r < slates.length(s); r++) {
                if (!clicked[s * k + r]) {
                    int topic = world.catalog().topic(slates.item(s, r));
                    int c = counts.merge(topic, 1, Integer::sum);
                    if (c > bestCount || c == bestCount && topic < best) {
                        best = topic;
                        bestCount = c;
                    }
                }
            }
            String text = null;
            if (skips > 0 && bestCount >= skips && probability > 0 && streams.uniform(LESS, u, tick) < probability) {
                text = RulesCommandParser.text(Kind.EXCLUDE, Target.TOPIC, best);
            } else if (followProbability > 0 && world.graph().outDegree(u) > 0
                    && streams.uniform(MORE, u, tick) < followProbability) {
                text = RulesCommandParser.text(Kind.BOOST, Target.FOLLOWED, -1);
            }
            if (text != null) {
                out.add(new Said(u, text));
                quietUntil.put(u, tick + 1 + quiet);
            }
        }
        return out;
    }
}
