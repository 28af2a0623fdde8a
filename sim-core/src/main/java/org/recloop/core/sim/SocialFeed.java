package org.recloop.core.sim;

import java.util.Arrays;
import org.recloop.core.react.EventType;
import org.recloop.core.serve.ServeContext;
import org.recloop.core.serve.SlateBatch;
import org.recloop.core.serve.SlateSource;
import org.recloop.core.world.RecentActivity;
import org.recloop.core.world.SocialGraph;
import org.recloop.core.world.World;

/**
 * Mixes the social feed into recommender slates, as OASIS's platform does: a share of each slate
 * goes to items that followed users posted or shared within the last {@code window} ticks,
 * newest first (ties: smaller item id), excluding what the user consumed, retired items and what the
 * recommender already placed. Social items take evenly spaced positions (with share 0.3 and
 * k = 10: positions 3, 6, 9); if there are fewer social items, recommender items fill in.
 *
 * <p>One instance per Serve phase; {@link #mix} is safe for disjoint slate ranges on any thread.
 */
final class SocialFeed {

    private static final byte POST = EventType.POST.code();
    private static final byte SHARE = EventType.SHARE.code();

    private final World world;
    private final int k;
    private final boolean[] socialSlot;
    private final int socialSlots;
    private final int window;

    SocialFeed(World world, int k, double share, int window) {
        this.world = world;
        this.k = k;
        this.window = window;
        this.socialSlot = new boolean[k];
        int n = 0;
        for (int p = 0; p < k; p++) {
            socialSlot[p] = Math.floor((p + 1) * share) > Math.floor(p * share);
            if (socialSlot[p]) {
                n++;
            }
        }
        this.socialSlots = n;
    }

    /** Mixes slates {@code [from, to)}; items the user's feed commands exclude are not social candidates either. */
    void mix(SlateBatch slates, int from, int to, ServeContext ctx) {
        int tick = ctx.tick();
        SocialGraph g = world.graph();
        RecentActivity act = world.activity();
        int cap = act.capacity();
        long[] cand = new long[64];
        int[] recItems = new int[k];
        float[] recScores = new float[k];
        float[] recProps = new float[k];
        byte[] recSources = new byte[k];
        int[] social = new int[socialSlots];
        for (int s = from; s < to; s++) {
            int u = slates.user(s);
            int deg = g.outDegree(u);
            if (deg == 0) {
                continue;
            }
            // candidates as (tick desc, item asc) packed in a long for one primitive sort
            int nc = 0;
            for (int f = 0; f < deg; f++) {
                int followee = g.followee(u, f);
                int cnt = act.count(followee);
                for (int i = 0; i < cnt && i < cap; i++) {
                    int t = act.tick(followee, i);
                    if (t < tick - window) {
                        break;
                    }
                    byte type = act.typeCode(followee, i);
                    if (type != POST && type != SHARE) {
                        continue;
                    }
                    int item = act.item(followee, i);
                    if (world.history().contains(u, item) || world.catalog().isRetired(item)
                            || ctx.constraints().excludes(u, item)) {
                        continue;
                    }
                    if (nc == cand.length) {
                        cand = Arrays.copyOf(cand, nc * 2);
                    }
                    cand[nc++] = ((long) (Integer.MAX_VALUE - t) << 32) | item;
                }
            }
            if (nc == 0) {
                continue;
            }
            Arrays.sort(cand, 0, nc);
            int ns = 0;
            for (int i = 0; i < nc && ns < socialSlots; i++) {
                int item = (int) cand[i];
                if (i > 0 && (int) cand[i - 1] == item) {
                    continue;
                }
                boolean dup = false;
                for (int j = 0; j < ns; j++) {
                    dup |= social[j] == item;
                }
                if (!dup) {
                    social[ns++] = item;
                }
            }
            int len = slates.length(s);
            for (int p = 0; p < len; p++) {
                recItems[p] = slates.item(s, p);
                recScores[p] = slates.score(s, p);
                recProps[p] = slates.propensity(s, p);
                recSources[p] = slates.source(s, p);
            }
            slates.clear(s);
            int si = 0;
            int ri = 0;
            int pos = 0;
            while (pos < k && (si < ns || ri < len)) {
                if (socialSlot[pos] && si < ns) {
                    slates.set(s, pos++, social[si++], 0f, 1f, SlateSource.SOCIAL);
                    continue;
                }
                // next recommender item not already placed as social
                while (ri < len && contains(social, ns, recItems[ri])) {
                    ri++;
                }
                if (ri < len) {
                    SlateSource src = SlateSource.ofCode(recSources[ri]);
                    slates.set(s, pos++, recItems[ri], recScores[ri], recProps[ri], src);
                    ri++;
                } else if (si < ns) {
                    slates.set(s, pos++, social[si++], 0f, 1f, SlateSource.SOCIAL);
                }
            }
        }
    }

    private static boolean contains(int[] a, int n, int v) {
        for (int i = 0; i < n; i++) {
            if (a[i] == v) {
                return true;
            }
        }
        return false;
    }
}
