package org.recloop.recommenders.mf;

import org.recloop.core.serve.Interactions;
import org.recloop.core.serve.TrainContext;
import org.recloop.core.serve.UnlearningMethod;
import org.recloop.recommenders.PopularityOrder;

/** Helpers shared by the factor models' unlearning. */
final class FactorModels {
    private FactorModels() {}

    /** The factor models unlearn by finetune only; any other method is the caller's error, named for {@code model}. */
    static void requireFinetune(String model, UnlearningMethod method) {
        if (method != UnlearningMethod.FINETUNE) {
            throw new IllegalArgumentException(model + " unlearns by method finetune, not " + method.id());
        }
    }

    /**
     * The model after finetuning {@code old}'s factors in place (copies {@code x}, {@code y},
     * {@code bias}, {@code known}): same sizes, the fallback order of the retained {@code counts},
     * and {@code old}'s retrieval carried over ({@link FactorModel#withRetrievalAfter}).
     */
    static FactorModel finetuned(FactorModel old, float[] x, float[] y, float[] bias, boolean[] known, long[] counts,
            Retrieval retrieval, TrainContext ctx) {
        FactorModel m = new FactorModel(old.d(), old.users(), old.items(), x, y, bias, known, PopularityOrder.of(counts));
        return m.withRetrievalAfter(old, retrieval, ctx);
    }

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
