package org.recloop.core.world;

import org.apache.commons.rng.sampling.distribution.ChengBetaSampler;
import org.recloop.core.rng.RandomStreams;

/**
 * Beta noise around a mean in (0, 1), parameterised as Chaney, Stewart and Engelhardt (RecSys 2018,
 * footnote 3) do: {@code Beta'(μ, σ)} is the Beta distribution with mean μ and variance σ², i.e.
 * {@code α = ((1 - μ)/σ² - 1/μ)·μ²}, {@code β = α·(1/μ - 1)}. Used for the true utility of an item
 * to a user ({@code V_ui ~ Beta'(θ_u·β_i, σ)}) and for the share of it the user knows ({@code η_ui ~
 * Beta'(μ_η, σ)}).
 *
 * <p>Each draw is keyed by (run seed, purpose, user, item) through {@link RandomStreams}, so the
 * value of a pair is the same whenever and by whomever it is asked (user model, oracle, metric),
 * in every arm of a sweep (common random numbers), with no users × items matrix in memory. The
 * mean is clipped to {@code [1e-9, 1 - 1e-9]} (as the T-RECS replication clips at 1e-9); where
 * {@code σ² >= μ(1 - μ)} no Beta has that mean and variance and the mean itself is returned.
 *
 * <p>Immutable and thread-safe.
 */
public final class BetaNoise {

    private static final double FLOOR = 1e-9;

    private final RandomStreams streams;
    private final long purpose;
    private final double sigma;

    /**
     * @param streams the run's streams
     * @param purpose the stream purpose of these draws ({@link RandomStreams#purpose})
     * @param sigma standard deviation σ (0 = no noise: the mean is returned)
     */
    public BetaNoise(RandomStreams streams, long purpose, double sigma) {
        if (!(sigma >= 0 && sigma < 0.5)) {
            throw new IllegalArgumentException("sigma must be in [0, 0.5), was " + sigma);
        }
        this.streams = streams;
        this.purpose = purpose;
        this.sigma = sigma;
    }

    /** σ. */
    public double sigma() {
        return sigma;
    }

    /** One draw of {@code Beta'(mean, σ)} for the pair (user, item). */
    public double draw(double mean, int user, int item) {
        double mu = Math.min(1 - FLOOR, Math.max(FLOOR, mean));
        double var = sigma * sigma;
        if (sigma == 0 || var >= mu * (1 - mu)) {
            return mu;
        }
        double a = ((1 - mu) / var - 1 / mu) * mu * mu;
        double b = a * (1 / mu - 1);
        return ChengBetaSampler.of(streams.stream(purpose, user, item), a, b).sample();
    }
}
