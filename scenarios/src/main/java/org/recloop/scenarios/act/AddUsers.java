package org.recloop.scenarios.act;

import org.recloop.core.act.ActContext;
import org.recloop.core.act.Intervention;
import org.recloop.core.config.Check;
import org.recloop.core.config.InvalidParameterException;
import org.recloop.core.react.UserModel;
import org.recloop.core.world.synthetic.SyntheticPopulation;
import org.recloop.scenarios.registry.Component;

/**
 * {@code add-users}: at tick {@code at} (Act phase) open {@code count} accounts, drawn like the
 * {@code synthetic} population (a favourite topic plus taste noise, log-normal activity; user u
 * draws from ("world.users", u, at)), answered by their own user model. They arrive from tick
 * {@code at + 1}; the recommender learns of them at its next fit and serves them its fallback
 * until then. They become the next user group (group 1 for the first add-users, and so on) that
 * {@code set-group} can address.
 */
public final class AddUsers implements Intervention {

    /**
     * @param at tick whose Act phase adds the accounts
     * @param count number of accounts
     * @param tasteSpread noise around the favourite topic (as the synthetic population's)
     * @param meanActivity mean sessions per tick
     * @param activitySpread sigma of log activity
     * @param maxActivity cap on sessions per tick
     * @param model their user model (a component spec; default {@code rule} with its defaults)
     */
    public record Params(Integer at, Integer count, Double tasteSpread, Double meanActivity, Double activitySpread,
            Double maxActivity, com.fasterxml.jackson.databind.JsonNode model) {
        public Params {
            if (at == null) {
                throw new InvalidParameterException("at", "is required");
            }
            Check.nonNegative("at", at);
            if (count == null) {
                throw new InvalidParameterException("count", "is required");
            }
            Check.positive("count", count);
            SyntheticPopulation.Params p = population(count, tasteSpread, meanActivity, activitySpread, maxActivity);
            tasteSpread = p.tasteSpread();
            meanActivity = p.meanActivity();
            activitySpread = p.activitySpread();
            maxActivity = p.maxActivity();
            if (model == null) {
                model = com.fasterxml.jackson.databind.node.TextNode.valueOf("rule");
            }
        }

        private static SyntheticPopulation.Params population(Integer count, Double tasteSpread, Double meanActivity,
                Double activitySpread, Double maxActivity) {
            return new SyntheticPopulation.Params(count, tasteSpread, meanActivity, activitySpread, maxActivity);
        }

        SyntheticPopulation.Params population() {
            return population(count, tasteSpread, meanActivity, activitySpread, maxActivity);
        }
    }

    private final Params p;
    private final Component<UserModel> model;

    public AddUsers(Params p, Component<UserModel> model) {
        this.p = p;
        this.model = model;
    }

    @Override
    public int tick() {
        return p.at();
    }

    @Override
    public String type() {
        return "add-users";
    }

    @Override
    public String describe() {
        return "add " + p.count() + " accounts (tasteSpread=" + p.tasteSpread() + ", meanActivity=" + p.meanActivity()
                + ", activitySpread=" + p.activitySpread() + ", maxActivity=" + p.maxActivity() + ") with users "
                + model.resolved();
    }

    @Override
    public java.util.List<UserModel> userModels() {
        return java.util.List.of(model.create());
    }

    @Override
    public boolean addsUsers() {
        return true;
    }

    @Override
    public void apply(ActContext ctx) {
        SyntheticPopulation source = new SyntheticPopulation(p.population());
        ctx.addUsers(p.count(), (world, from, to) -> source.fill(world.population(), world.catalog(), ctx.streams(),
                from, to, ctx.tick()), model.create());
    }
}
