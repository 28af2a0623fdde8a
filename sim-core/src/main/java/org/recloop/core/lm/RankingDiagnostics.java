package org.recloop.core.lm;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Where an LLM recommender posts what its model did with each tick's slates, so a metric can
 * measure the model's biases against data the recommender never reads (item popularity from the
 * platform's counts): which candidates it was given and which it put on top, how many slates fell
 * back to the candidate order, and, for probed users, how far the same items moved when the
 * candidates were shown in another order (position bias: an unbiased ranker's order would not
 * depend on the order of its input). One board per run, granted by the composition root; it holds
 * the current tick only.
 *
 * <p>Threading: posts come from serving threads in any order, reads from the simulation thread
 * after the tick's Serve phase; {@link #of} returns the tick's entries sorted by user, so what a
 * metric computes does not depend on completion order.
 */
public final class RankingDiagnostics {

    /** One slate the model ranked: its candidates in candidate order and the model's top of them. */
    public record Ranked(int user, int[] candidates, int[] top) {}

    /** One position probe: the model's full order for the candidates as given, and for them shuffled. */
    public record Probe(int user, int[] first, int[] shuffled) {
        /** Mean absolute difference of an item's rank in the two orders, over the items of {@code first}. */
        public double meanShift() {
            java.util.Map<Integer, Integer> at = new java.util.HashMap<>(2 * shuffled.length);
            for (int r = 0; r < shuffled.length; r++) {
                at.put(shuffled[r], r);
            }
            double sum = 0;
            int n = 0;
            for (int r = 0; r < first.length; r++) {
                Integer s = at.get(first[r]);
                if (s != null) {
                    sum += Math.abs(s - r);
                    n++;
                }
            }
            return n == 0 ? Double.NaN : sum / n;
        }
    }

    /** What the board holds for one tick, each list sorted by user. */
    public record Tick(List<Ranked> ranked, List<Probe> probes, int fallbacks) {}

    private int tick = Integer.MIN_VALUE;
    private final List<Ranked> ranked = new ArrayList<>();
    private final List<Probe> probes = new ArrayList<>();
    private int fallbacks;

    /** A slate of {@code tick} the model ranked. */
    public synchronized void ranked(int tick, int user, int[] candidates, int[] top) {
        at(tick);
        ranked.add(new Ranked(user, candidates.clone(), top.clone()));
    }

    /** A slate of {@code tick} served in the candidate order because the model gave no valid ranking. */
    public synchronized void fellBack(int tick) {
        at(tick);
        fallbacks++;
    }

    /** A position probe of {@code tick}. */
    public synchronized void probed(int tick, int user, int[] first, int[] shuffled) {
        at(tick);
        probes.add(new Probe(user, first.clone(), shuffled.clone()));
    }

    /** The posts of {@code tick}; empty lists when there were none (or the board moved on). */
    public synchronized Tick of(int tick) {
        if (tick != this.tick) {
            return new Tick(List.of(), List.of(), 0);
        }
        List<Ranked> r = new ArrayList<>(ranked);
        r.sort(Comparator.comparingInt(Ranked::user));
        List<Probe> p = new ArrayList<>(probes);
        p.sort(Comparator.comparingInt(Probe::user));
        return new Tick(List.copyOf(r), List.copyOf(p), fallbacks);
    }

    private void at(int t) {
        if (t != tick) {
            tick = t;
            ranked.clear();
            probes.clear();
            fallbacks = 0;
        }
    }
}
