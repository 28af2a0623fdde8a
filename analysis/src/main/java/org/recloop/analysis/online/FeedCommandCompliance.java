package org.recloop.analysis.online;

import java.util.List;
import java.util.Map;
import org.recloop.core.command.FeedConstraints;
import org.recloop.core.metric.Metric;
import org.recloop.core.metric.TickView;
import org.recloop.core.react.EventType;
import org.recloop.core.serve.SlateBatch;

/**
 * {@code feed-compliance}: whether the platform honours its users' feed commands, and how the
 * commanding users fare.
 *
 * <ul>
 *   <li>{@code feed_exclude_compliance}: share of this tick's slates of users with an exclude
 *       constraint in force that show no item it excludes (NaN when no such user was served);
 *   <li>{@code feed_boost_compliance}: share of the slates of users with a boost in force that
 *       show at least one boosted item, among those for which one was available (on the slate, or
 *       an unconsumed, not excluded matching item in the catalog); NaN when there was none;
 *   <li>{@code feed_commanders_ctr} / {@code feed_others_ctr}: clicks per exposure of the slates
 *       of users with a constraint in force (after their command) and of everybody else, the
 *       satisfaction side (NaN without exposures). CTR of the same users before their command is
 *       an SQL over the log (feed_commands joined with exposures and events; see
 *       scenarios/feed-commands.yaml).
 * </ul>
 *
 * <p>The constraints are those the tick's slates were served under ({@link TickView#constraints}).
 * Keeps no state.
 */
public final class FeedCommandCompliance implements Metric {

    public static final String EXCLUDE = "feed_exclude_compliance";
    public static final String BOOST = "feed_boost_compliance";
    public static final String COMMANDERS_CTR = "feed_commanders_ctr";
    public static final String OTHERS_CTR = "feed_others_ctr";

    @Override
    public List<String> names() {
        return List.of(EXCLUDE, BOOST, COMMANDERS_CTR, OTHERS_CTR);
    }

    @Override
    public void observe(TickView view, Map<String, Double> out) {
        FeedConstraints fc = view.constraints();
        SlateBatch slates = view.slates();
        int excludeSlates = 0;
        int excludeKept = 0;
        int boostSlates = 0;
        int boostKept = 0;
        long[] exposures = new long[2];
        for (int s = 0; s < slates.size(); s++) {
            int u = slates.user(s);
            int len = slates.length(s);
            exposures[fc.of(u).isEmpty() ? 1 : 0] += len;
            if (fc.hasExclude(u)) {
                excludeSlates++;
                excludeKept += anyOnSlate(fc, slates, s, u, len, false) ? 0 : 1;
            }
            if (fc.hasBoost(u)) {
                boolean shown = anyOnSlate(fc, slates, s, u, len, true);
                if (shown || boostAvailable(view, fc, u)) {
                    boostSlates++;
                    boostKept += shown ? 1 : 0;
                }
            }
        }
        long[] clicks = new long[2];
        var ev = view.events();
        for (int i = 0; i < ev.size(); i++) {
            if (ev.is(i, EventType.CLICK) && ev.slate(i) >= 0) {
                clicks[fc.of(ev.user(i)).isEmpty() ? 1 : 0]++;
            }
        }
        out.put(EXCLUDE, excludeSlates == 0 ? Double.NaN : (double) excludeKept / excludeSlates);
        out.put(BOOST, boostSlates == 0 ? Double.NaN : (double) boostKept / boostSlates);
        out.put(COMMANDERS_CTR, exposures[0] == 0 ? Double.NaN : (double) clicks[0] / exposures[0]);
        out.put(OTHERS_CTR, exposures[1] == 0 ? Double.NaN : (double) clicks[1] / exposures[1]);
    }

    private static boolean anyOnSlate(FeedConstraints fc, SlateBatch slates, int s, int u, int len, boolean boost) {
        for (int r = 0; r < len; r++) {
            int item = slates.item(s, r);
            if (boost ? fc.boosts(u, item) : fc.excludes(u, item)) {
                return true;
            }
        }
        return false;
    }

    /** Whether a boosted item the user has not consumed (and does not exclude) exists. */
    private static boolean boostAvailable(TickView view, FeedConstraints fc, int u) {
        var catalog = view.world().catalog();
        for (int i = 0; i < catalog.size(); i++) {
            if (fc.boosts(u, i) && !fc.excludes(u, i) && !catalog.isRetired(i)
                    && !view.world().history().contains(u, i)) {
                return true;
            }
        }
        return false;
    }
}
