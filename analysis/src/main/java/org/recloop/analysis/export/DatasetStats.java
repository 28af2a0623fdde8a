package org.recloop.analysis.export;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.recloop.analysis.online.Inequality;

/**
 * Counts interactions per user and per item while rows stream past, and turns them into the
 * card's statistics: density, activity (interactions per user) and popularity (interactions per
 * item), each with its Gini coefficient, and the head and tail shares of popularity. Memory is
 * one long per user and per item.
 */
final class DatasetStats {

    /** Share of items (the most popular) that make up the head. */
    static final double HEAD_ITEMS = 0.2;
    /** Share of items (the least popular) that make up the tail. */
    static final double TAIL_ITEMS = 0.5;

    private long[] perUser;
    private long[] perItem;
    private long rows;
    private int userSpan;
    private int itemSpan;

    DatasetStats(int users, int items) {
        perUser = new long[Math.max(1, users)];
        perItem = new long[Math.max(1, items)];
    }

    void add(int user, int item) {
        if (user >= perUser.length) {
            perUser = Arrays.copyOf(perUser, Math.max(user + 1, perUser.length * 2));
        }
        if (item >= perItem.length) {
            perItem = Arrays.copyOf(perItem, Math.max(item + 1, perItem.length * 2));
        }
        perUser[user]++;
        perItem[item]++;
        rows++;
        userSpan = Math.max(userSpan, user + 1);
        itemSpan = Math.max(itemSpan, item + 1);
    }

    /** One more than the largest user id seen. */
    int userSpan() {
        return userSpan;
    }

    /** One more than the largest item id seen. */
    int itemSpan() {
        return itemSpan;
    }

    long rows() {
        return rows;
    }

    /** Interactions per user, for users 0..n-1. */
    int[] userCounts(int n) {
        int[] c = new int[n];
        for (int u = 0; u < Math.min(n, perUser.length); u++) {
            c[u] = (int) perUser[u];
        }
        return c;
    }

    /** The statistics over a universe of {@code users} users and {@code items} items. */
    Map<String, Object> summary(int users, int items) {
        long[] pu = Arrays.copyOf(perUser, Math.max(users, 0));
        long[] pi = Arrays.copyOf(perItem, Math.max(items, 0));
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("interactions", rows);
        m.put("users", users);
        m.put("items", items);
        long activeUsers = Arrays.stream(pu).filter(x -> x > 0).count();
        long activeItems = Arrays.stream(pi).filter(x -> x > 0).count();
        m.put("users_with_interactions", activeUsers);
        m.put("items_with_interactions", activeItems);
        m.put("density", users == 0 || items == 0 ? 0.0 : rows / ((double) users * items));
        m.put("density_of_active", activeUsers == 0 || activeItems == 0 ? 0.0
                : rows / ((double) activeUsers * activeItems));
        m.put("activity", distribution(pu));
        Map<String, Object> pop = distribution(pi);
        long[] sorted = pi.clone();
        Arrays.sort(sorted); // ascending
        int head = (int) Math.ceil(HEAD_ITEMS * sorted.length);
        int tail = (int) Math.floor(TAIL_ITEMS * sorted.length);
        long headSum = 0;
        for (int i = sorted.length - head; i < sorted.length; i++) {
            headSum += sorted[i];
        }
        long tailSum = 0;
        for (int i = 0; i < tail; i++) {
            tailSum += sorted[i];
        }
        pop.put("head_share", rows == 0 ? 0.0 : headSum / (double) rows);
        pop.put("tail_share", rows == 0 ? 0.0 : tailSum / (double) rows);
        m.put("popularity", pop);
        return m;
    }

    /** Mean, median, max and Gini of counts (zeros included). */
    private static Map<String, Object> distribution(long[] counts) {
        Map<String, Object> m = new LinkedHashMap<>();
        long[] s = counts.clone();
        Arrays.sort(s);
        long sum = Arrays.stream(s).sum();
        m.put("mean", s.length == 0 ? 0.0 : sum / (double) s.length);
        m.put("median", s.length == 0 ? 0.0 : s.length % 2 == 1 ? s[s.length / 2]
                : (s[s.length / 2 - 1] + s[s.length / 2]) / 2.0);
        m.put("max", s.length == 0 ? 0 : s[s.length - 1]);
        m.put("gini", Inequality.gini(s, s.length));
        return m;
    }
}
