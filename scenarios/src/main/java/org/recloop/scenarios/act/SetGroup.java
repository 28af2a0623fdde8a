package org.recloop.scenarios.act;

import com.fasterxml.jackson.databind.JsonNode;
import org.recloop.core.act.ActContext;
import org.recloop.core.act.Intervention;
import org.recloop.core.act.UserGroup;
import org.recloop.core.config.Check;
import org.recloop.core.config.InvalidParameterException;
import org.recloop.core.react.UserModel;
import org.recloop.core.world.Population;
import org.recloop.scenarios.registry.Component;

/**
 * {@code set-group}: at tick {@code at} (Act phase) change a user group: give it another user
 * model ({@code model}, a fresh instance initialised for the group: it draws the group's
 * archetypes again, and the old model's per-user state such as satiation is dropped), and/or
 * multiply its users' activity by {@code activityScale}. Group 0 is the users at the start; group
 * k the accounts of the k-th {@code add-users} applied (in tick order).
 */
public final class SetGroup implements Intervention {

    /**
     * @param at tick whose Act phase changes the group
     * @param group the group (default 0)
     * @param model the group's new user model (a component spec), or none
     * @param activityScale factor on the group's activity, or none
     */
    public record Params(Integer at, Integer group, JsonNode model, Double activityScale) {
        public Params {
            if (at == null) {
                throw new InvalidParameterException("at", "is required");
            }
            Check.nonNegative("at", at);
            group = Check.nonNegative("group", group == null ? 0 : group);
            if (activityScale != null) {
                Check.nonNegative("activityScale", activityScale);
            }
            if ((model == null || model.isNull()) && activityScale == null) {
                throw new InvalidParameterException("model", "give a model, an activityScale or both");
            }
        }
    }

    private final Params p;
    private final Component<UserModel> model; // null: keep the group's model

    public SetGroup(Params p, Component<UserModel> model) {
        this.p = p;
        this.model = model;
    }

    @Override
    public int tick() {
        return p.at();
    }

    @Override
    public String type() {
        return "set-group";
    }

    @Override
    public String describe() {
        return "set user group " + p.group() + ":" + (model == null ? "" : " users " + model.resolved())
                + (p.activityScale() == null ? "" : " activity x" + p.activityScale());
    }

    @Override
    public java.util.List<UserModel> userModels() {
        return model == null ? java.util.List.of() : java.util.List.of(model.create());
    }

    @Override
    public void apply(ActContext ctx) {
        if (p.group() >= ctx.groupCount()) {
            throw new IllegalArgumentException("set-group at tick " + p.at() + ": no user group " + p.group()
                    + "; groups so far: 0.." + (ctx.groupCount() - 1));
        }
        if (model != null) {
            ctx.setGroupModel(p.group(), model.create());
        }
        if (p.activityScale() != null) {
            UserGroup g = ctx.group(p.group());
            Population pop = ctx.world().population();
            for (int u = g.from(); u < g.to(); u++) {
                pop.setActivity(u, (float) (pop.activity(u) * p.activityScale()));
            }
        }
    }
}
