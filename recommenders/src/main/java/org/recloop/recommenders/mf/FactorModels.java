package org.recloop.recommenders.mf;

import org.recloop.core.serve.Interactions;

/** Helpers shared by the factor models' unlearning. */
final class FactorModels {
    private FactorModels() {}

    /**
     * The rows of {@code data} inside a model of {@code users} x {@code items}, with those sizes:
     * accounts and items added after the fit have no factors to change, and their rows cannot be
     * forgotten from the model.
     */
    static Interactions within(Interactions data, int users, int items) {
        int n = data.size();
        int kept = 0;
        for (int r = 0; r < n; r++) {
            if (data.users()[r] < users && data.items()[r] < items) {
                kept++;
            }
        }
        int[] u = new int[kept];
        int[] i = new int[kept];
        int[] t = new int[kept];
        float[] v = new float[kept];
        for (int r = 0, k = 0; r < n; r++) {
            if (data.users()[r] < users && data.items()[r] < items) {
                u[k] = data.users()[r];
                i[k] = data.items()[r];
                t[k] = data.ticks()[r];
                v[k] = data.values()[r];
                k++;
            }
        }
        return new Interactions(u, i, t, v, users, items);
    }
}
