package org.recloop.scenarios.act;

import com.fasterxml.jackson.databind.JsonNode;
import org.recloop.core.act.ActContext;
import org.recloop.core.act.Intervention;
import org.recloop.core.capability.Capabilities;
import org.recloop.core.config.Check;
import org.recloop.core.config.InvalidParameterException;
import org.recloop.core.serve.Recommender;
import org.recloop.scenarios.registry.Component;

/**
 * {@code switch-recommender}: at tick {@code at} (Act phase) replace the platform's recommender
 * with another one, fitted at once on the whole log so far. For policy switches and
 * before/after studies.
 */
public final class SwitchRecommender implements Intervention {

    /**
     * @param at tick whose Act phase switches
     * @param recommender the new recommender (a component spec with its own {@code type})
     */
    public record Params(Integer at, JsonNode recommender) {
        public Params {
            if (at == null) {
                throw new InvalidParameterException("at", "is required");
            }
            Check.nonNegative("at", at);
            if (recommender == null) {
                throw new InvalidParameterException("recommender", "is required");
            }
        }
    }

    private final int at;
    private final Component<Recommender> next;
    private final Capabilities capabilities;

    /** @param capabilities the run's, handed to the new recommender (made at tick {@code at}, outside any creation) */
    public SwitchRecommender(int at, Component<Recommender> next, Capabilities capabilities) {
        this.at = at;
        this.next = next;
        this.capabilities = capabilities;
    }

    @Override
    public int tick() {
        return at;
    }

    @Override
    public String type() {
        return "switch-recommender";
    }

    @Override
    public String describe() {
        return "switch recommender to " + next.resolved();
    }

    @Override
    public boolean changesUsers() {
        return false; // only the platform's recommender
    }

    @Override
    public void apply(ActContext ctx) {
        Recommender r = next.create(capabilities);
        ctx.replaceRecommender(r, next.type());
    }
}
