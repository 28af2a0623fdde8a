package org.recloop.core.react;

import org.recloop.core.serve.SlateBatch;

/**
 * Capability of a user model that can state, before answering, the probability that the user
 * clicks each position of a slate: the ground truth an off-policy study scores its estimators
 * against (recorded per exposure when the scenario states a serving policy). A model whose
 * answers depend on more than the slate and the user's state (memory, an LLM, other users'
 * actions in the same tick) does not implement it, and its exposures record none.
 *
 * <p>Threading as {@link UserModel#react}: called for a chunk of slates before the chunk is
 * answered, reading only the chunk's users' state; it draws nothing and changes nothing.
 */
public interface ClickProbabilities {

    /**
     * Writes {@code out[s * slates.k() + r]} = probability that the user of slate s clicks the item
     * at position r, for slates {@code [from, to)} and their filled positions; NaN where the model
     * cannot tell.
     */
    void clickProbabilities(ReactContext ctx, SlateBatch slates, int from, int to, float[] out);
}
