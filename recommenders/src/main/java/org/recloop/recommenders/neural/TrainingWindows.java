package org.recloop.recommenders.neural;

/**
 * The training samples of a sequence model: windows of at most {@code length} next-item steps
 * that together cover every position of every user's sequence once.
 *
 * <p>Why: reading only each user's last {@code length} clicks (the paper's setup, made for long
 * logs with many users) throws away most of a small log; on ml-100k, with 943 users and about
 * 100 clicks each, a window of 50 saw half the clicks and an epoch was 8 steps. Windows end at
 * {@code n}, {@code n - length}, {@code n - 2·length}, ... (exclusive end of the part read, so
 * the targets are positions 1..end-1 of it), while at least one target remains.
 */
final class TrainingWindows {
    private final int[] users;
    private final int[] ends;

    private TrainingWindows(int[] users, int[] ends) {
        this.users = users;
        this.ends = ends;
    }

    /** Windows over sequences of the given usable lengths (users with fewer than 2 clicks have none). */
    static TrainingWindows of(int[] usableLength, int length) {
        int n = 0;
        for (int len : usableLength) {
            for (int end = len; end >= 2; end -= length) {
                n++;
            }
        }
        int[] us = new int[n];
        int[] es = new int[n];
        int k = 0;
        for (int u = 0; u < usableLength.length; u++) {
            for (int end = usableLength[u]; end >= 2; end -= length) {
                us[k] = u;
                es[k++] = end;
            }
        }
        return new TrainingWindows(us, es);
    }

    int size() {
        return users.length;
    }

    int user(int window) {
        return users[window];
    }

    /** Exclusive end of the part of the user's sequence this window reads. */
    int end(int window) {
        return ends[window];
    }
}
