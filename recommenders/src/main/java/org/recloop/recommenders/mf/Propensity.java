package org.recloop.recommenders.mf;

import org.recloop.core.config.Check;
import org.recloop.core.config.InvalidParameterException;

/**
 * Inverse-propensity weighting of logged clicks, for unbiased learning from implicit feedback
 * that is missing not at random (Saito et al., WSDM 2020). A click on item i is weighted by
 * {@code 1 / max(clip, θ_i)}, where the exposure propensity θ_i is estimated from relative item
 * popularity, {@code θ_i = (n_i / max_j n_j)^power} (the estimator used in Saito et al.'s
 * experiments), and {@code clip} is the clipping threshold of their clipped estimator, which
 * bounds the variance.
 *
 * @param type {@code none} (every click weighs 1) or {@code popularity}
 * @param power exponent η of the popularity-based propensity
 * @param clip lower bound M on propensities, in (0, 1]
 */
public record Propensity(String type, Double power, Double clip) {
    public Propensity {
        type = type == null ? "none" : type;
        if (!type.equals("none") && !type.equals("popularity")) {
            throw new InvalidParameterException("type", "must be 'none' or 'popularity', was '" + type + "'");
        }
        power = Check.nonNegative("power", power == null ? 0.5 : power);
        clip = Check.positive("clip", clip == null ? 0.1 : clip);
        if (clip > 1) {
            throw new InvalidParameterException("clip", "must be in (0, 1], was " + clip);
        }
    }

    public static Propensity none() {
        return new Propensity(null, null, null);
    }

    public boolean enabled() {
        return type.equals("popularity");
    }

    /** Per-item weights 1 / max(clip, θ_i) for the given click counts (all 1 when disabled). */
    public float[] weights(long[] counts) {
        float[] w = new float[counts.length];
        long max = 1;
        for (long c : counts) {
            max = Math.max(max, c);
        }
        for (int i = 0; i < counts.length; i++) {
            if (!enabled()) {
                w[i] = 1f;
            } else {
                double theta = Math.pow((double) counts[i] / max, power);
                w[i] = (float) (1.0 / Math.max(clip, theta));
            }
        }
        return w;
    }
}
