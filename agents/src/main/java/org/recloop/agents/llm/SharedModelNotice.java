package org.recloop.agents.llm;

import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.recloop.core.log.ModelCall;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Says once per model when one model (the same name at the same endpoint, after the environment's
 * overrides) answers for more than one kind of component, e.g. the users and the recommender. An
 * LLM that judges its own kind of output is known to prefer it (self-preference bias), so a study
 * of an LLM recommender with LLM users should know when both sides are the same model; a scenario
 * names different models per side to avoid it. Keyed by the effective model, not by the spec:
 * specs that differ only in temperature or cache are still the same model.
 *
 * <p>Threading: thread-safe; {@link #saw} is cheap once a model's components are known.
 */
final class SharedModelNotice {

    private static final Logger LOG = LoggerFactory.getLogger(SharedModelNotice.class);

    private final Map<String, Set<ModelCall.Component>> seen = new LinkedHashMap<>();
    private final Set<String> said = new java.util.HashSet<>();

    /** Notes that {@code component} asked {@code model} at {@code endpoint}; returns true if this made it shared. */
    synchronized boolean saw(String model, String endpoint, ModelCall.Component component) {
        String key = model + " at " + endpoint;
        Set<ModelCall.Component> sides = seen.computeIfAbsent(key, k -> EnumSet.noneOf(ModelCall.Component.class));
        if (!sides.add(component) || sides.size() < 2 || !said.add(key)) {
            return false;
        }
        LOG.warn("the same model {} plays {}: self-preference bias is a known confound; give each side its own"
                + " model in the scenario to avoid it", key,
                sides.stream().map(ModelCall.Component::label).collect(Collectors.joining(" and ")));
        return true;
    }

    /** The models that answered more than one kind of component so far, as "model at endpoint". */
    synchronized Set<String> shared() {
        return Set.copyOf(said);
    }
}
