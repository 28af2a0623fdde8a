package org.recloop.core.serve;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Locale;
import org.recloop.core.config.InvalidParameterException;

/**
 * How the platform turns the recommender's ranking into the slate it shows (a scenario's {@code
 * feed.serving}). The default, {@code top-k}, shows the ranking's first k items as they are. The
 * stochastic policies exist for off-policy studies: they draw each slate from the recommender's
 * top {@code candidates} items and record, on every exposure, the exact probability of the draw,
 * so that inverse-propensity estimators computed on an exported log can be checked against the
 * truth ({@link StochasticServing}).
 *
 * <ul>
 *   <li>{@code plackett-luce}: position by position, an item of the remaining candidates with
 *       probability proportional to {@code exp(score / temperature)}.
 *   <li>{@code epsilon}: position by position, with probability {@code 1 - epsilon} the best
 *       remaining candidate (ranking order), else one of the remaining candidates uniformly.
 * </ul>
 *
 * <p>Any policy stated in the scenario ({@code top-k} too) also records each exposure's true
 * click probability under the user model when the model can compute it; leaving {@code serving}
 * out changes nothing in the log.
 *
 * @param policy {@code top-k}, {@code plackett-luce} or {@code epsilon}
 * @param temperature Plackett–Luce temperature (&gt; 0); lower is closer to top-k
 * @param epsilon exploration probability per position, in [0, 1]
 * @param candidates the recommender's top items a stochastic slate is drawn from (at least the
 *     slate size, which is used when it is larger)
 * @param recordTruth whether exposures get their true click probability (default true when the
 *     scenario states a serving block; false for the default policy)
 */
public record ServingPolicy(String policy, double temperature, double epsilon, int candidates, boolean recordTruth) {

    public static final String TOP_K = "top-k";
    public static final String PLACKETT_LUCE = "plackett-luce";
    public static final String EPSILON = "epsilon";
    private static final List<String> POLICIES = List.of(TOP_K, PLACKETT_LUCE, EPSILON);

    /** Deterministic top-k, nothing extra recorded: the log of a scenario without {@code serving}. */
    public static final ServingPolicy DEFAULT = new ServingPolicy(TOP_K, 1.0, 0.1, 50, false);

    public ServingPolicy {
        if (!POLICIES.contains(policy)) {
            throw new InvalidParameterException("serving.policy", "must be one of " + POLICIES + ", was '" + policy + "'");
        }
        if (!(temperature > 0) || Double.isInfinite(temperature)) {
            throw new InvalidParameterException("serving.temperature", "must be a finite number > 0, was " + temperature);
        }
        if (!(epsilon >= 0 && epsilon <= 1)) {
            throw new InvalidParameterException("serving.epsilon", "must be in [0, 1], was " + epsilon);
        }
        if (candidates < 1) {
            throw new InvalidParameterException("serving.candidates", "must be >= 1, was " + candidates);
        }
    }

    /** The given fields and the defaults for those that are null (how a scenario's {@code serving:} is read). */
    @JsonCreator
    public static ServingPolicy of(@JsonProperty("policy") String policy, @JsonProperty("temperature") Double temperature,
            @JsonProperty("epsilon") Double epsilon, @JsonProperty("candidates") Integer candidates,
            @JsonProperty("recordTruth") Boolean recordTruth) {
        return new ServingPolicy(policy == null ? TOP_K : policy.toLowerCase(Locale.ROOT),
                temperature == null ? DEFAULT.temperature() : temperature,
                epsilon == null ? DEFAULT.epsilon() : epsilon,
                candidates == null ? DEFAULT.candidates() : candidates, recordTruth == null || recordTruth);
    }

    /** Whether slates are drawn at random from the candidates (not the ranking's top k as is). */
    public boolean stochastic() {
        return !TOP_K.equals(policy);
    }
}
