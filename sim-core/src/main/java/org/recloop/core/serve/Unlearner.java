package org.recloop.core.serve;

import org.recloop.core.log.ForgetRequest;

/**
 * Optional capability of a {@link Recommender}: forgetting data by a method cheaper than the full
 * refit every recommender supports ({@link UnlearningMethod#EXACT}, which the kernel does by
 * calling {@link Recommender#fit}). The kernel asks {@link #supports} before it records anything,
 * and scenario loading asks it too, so a method the recommender cannot do is refused up front.
 *
 * <p>Threading: called on the simulation thread with no concurrent {@code recommend}, like
 * {@code fit}. Determinism: the result must be a function of the model, the request, the data
 * and {@code ctx}'s streams, never of the thread count.
 */
public interface Unlearner {

    /** Whether {@link #unlearn} can do {@code method} (never asked for {@link UnlearningMethod#EXACT}). */
    boolean supports(UnlearningMethod method);

    /**
     * Forgets what {@code request} names from the fitted model.
     *
     * @param request what to forget
     * @param method a method {@link #supports} accepted
     * @param retained the interactions a refit would see now (the forgotten rows already left out)
     * @param ctx training context of the tick of the request
     * @throws IllegalArgumentException if the method is not supported
     */
    void unlearn(ForgetRequest request, UnlearningMethod method, Interactions retained, TrainContext ctx);

    /** Whether {@code r} can forget by {@code method}: exact always, the others through this capability. */
    static boolean canUnlearn(Recommender r, UnlearningMethod method) {
        return method == UnlearningMethod.EXACT || (r instanceof Unlearner u && u.supports(method));
    }
}
