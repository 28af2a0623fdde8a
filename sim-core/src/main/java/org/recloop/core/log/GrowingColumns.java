package org.recloop.core.log;

import java.util.Arrays;

/**
 * Primitive columns that grow as rows are read, for queries whose row count is not known
 * beforehand (the rows of a tick, minus the forgotten ones). Each doubles its array when full and
 * {@code toArray()} returns a copy of exactly the rows added. Not thread-safe.
 */
final class GrowingColumns {
    private GrowingColumns() {}

    private static final int INITIAL = 1024;

    static final class Ints {
        private int[] a = new int[INITIAL];
        private int n;

        void add(int v) {
            if (n == a.length) {
                a = Arrays.copyOf(a, 2 * n);
            }
            a[n++] = v;
        }

        int[] toArray() {
            return Arrays.copyOf(a, n);
        }
    }

    static final class Longs {
        private long[] a = new long[INITIAL];
        private int n;

        void add(long v) {
            if (n == a.length) {
                a = Arrays.copyOf(a, 2 * n);
            }
            a[n++] = v;
        }

        long[] toArray() {
            return Arrays.copyOf(a, n);
        }
    }

    static final class Floats {
        private float[] a = new float[INITIAL];
        private int n;

        void add(float v) {
            if (n == a.length) {
                a = Arrays.copyOf(a, 2 * n);
            }
            a[n++] = v;
        }

        float[] toArray() {
            return Arrays.copyOf(a, n);
        }
    }

    static final class Bytes {
        private byte[] a = new byte[INITIAL];
        private int n;

        void add(byte v) {
            if (n == a.length) {
                a = Arrays.copyOf(a, 2 * n);
            }
            a[n++] = v;
        }

        byte[] toArray() {
            return Arrays.copyOf(a, n);
        }
    }
}
